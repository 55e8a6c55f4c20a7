package io.switchboard.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The kernel's settings: {@code config/switchboard.properties} under the home folder, overridden by the
 * environment ({@code SWITCHBOARD_HOME}, {@code SWITCHBOARD_DATA}, {@code SWITCHBOARD_HTTP_PORT},
 * {@code SWITCHBOARD_BROKER_PORT}). Every value is checked here, so a typo fails the boot with the file and
 * key named instead of surfacing later as a strange broker error.
 */
public record Settings(
        Path home,
        Path data,
        String httpHost,
        int httpPort,
        Path httpTlsKeystore,
        String httpTlsPassword,
        BrokerMode brokerMode,
        String brokerHost,
        int brokerPort,
        List<String> remoteUrls,
        String remoteUser,
        String remotePassword,
        List<String> bootFeatures,
        Duration drainTimeout,
        int deployPollMillis) {

    /** Where the broker runs. */
    public enum BrokerMode { EMBEDDED, REMOTE }

    public static final String FILE = "config/switchboard.properties";

    /** True when HTTP serves TLS (only) on {@link #httpPort()}: {@code http.tls.keystore} is set. */
    public boolean httpTls() {
        return httpTlsKeystore != null;
    }

    /** Where the platform's own HTTP is reached: {@code http://host:port} or {@code https://host:port}. */
    public String httpUrl() {
        return (httpTls() ? "https://" : "http://") + httpHost + ":" + httpPort;
    }

    public Path config() {
        return home.resolve("config");
    }

    public Path deploy() {
        return home.resolve("deploy");
    }

    public Path system() {
        return home.resolve("system");
    }

    /** Reads the settings of the home the environment names (or the working directory). */
    public static Settings load(Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("SWITCHBOARD_HOME", System.getProperty("switchboard.home", ".")))
                .toAbsolutePath().normalize();
        Properties p = new Properties();
        Path file = home.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try (java.io.Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new SettingsException(file + ": cannot be read: " + e.getMessage());
            }
        }
        return from(home, p, env);
    }

    static Settings from(Path home, Properties p, Map<String, String> env) {
        Values r = new Values(p, env);
        String dataSetting = r.string("data.dir", "SWITCHBOARD_DATA", "data");
        Path data = home.resolve(dataSetting).toAbsolutePath().normalize();
        BrokerMode mode;
        String modeText = r.string("broker.mode", null, "embedded");
        try {
            mode = BrokerMode.valueOf(modeText.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw r.invalid("broker.mode", modeText, "expected embedded or remote");
        }
        List<String> remoteUrls = r.list("broker.remote.urls");
        if (mode == BrokerMode.REMOTE && remoteUrls.isEmpty()) {
            throw r.invalid("broker.remote.urls", "", "remote mode needs at least one broker URL, e.g. tcp://host:61616");
        }
        String keystore = r.string("http.tls.keystore", null, "");
        Path tlsKeystore = keystore.isEmpty() ? null : home.resolve(keystore).toAbsolutePath().normalize();
        if (tlsKeystore != null && !Files.isReadable(tlsKeystore)) {
            throw r.invalid("http.tls.keystore", keystore, "no readable keystore at " + tlsKeystore
                    + " (a PKCS12 file, e.g. made with keytool -genkeypair -storetype PKCS12)");
        }
        String tlsPassword = r.string("http.tls.keystore.password", null, "");
        if (tlsKeystore != null && tlsPassword.isEmpty()) {
            throw r.invalid("http.tls.keystore.password", "", "the keystore's password is required with http.tls.keystore");
        }
        return new Settings(home, data,
                r.string("http.host", null, "127.0.0.1"),
                r.port("http.port", "SWITCHBOARD_HTTP_PORT", 8181),
                tlsKeystore,
                tlsPassword,
                mode,
                r.string("broker.host", null, "127.0.0.1"),
                r.port("broker.port", "SWITCHBOARD_BROKER_PORT", 61616),
                remoteUrls,
                r.string("broker.remote.user", null, ""),
                r.string("broker.remote.password", null, ""),
                r.list("boot.features"),
                r.duration("shutdown.drain.timeout", Duration.ofSeconds(30)),
                r.integer("deploy.poll.millis", 100, 10, 60_000));
    }

    /** A setting that is wrong; the message names the file, the key and what was expected. */
    public static final class SettingsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SettingsException(String message) {
            super(message);
        }
    }

    private record Values(Properties p, Map<String, String> env) {

        String string(String key, String envName, String fallback) {
            if (envName != null && env.get(envName) != null && !env.get(envName).isBlank()) {
                return env.get(envName).trim();
            }
            return p.getProperty(key, fallback).trim();
        }

        List<String> list(String key) {
            return Arrays.stream(p.getProperty(key, "").split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        int port(String key, String envName, int fallback) {
            String text = string(key, envName, Integer.toString(fallback));
            int port = parse(key, envName, text);
            if (port < 0 || port > 65535) {
                throw invalid(source(key, envName), text, "a port is 0..65535 (0 picks a free one)");
            }
            return port;
        }

        int integer(String key, int fallback, int min, int max) {
            String text = string(key, null, Integer.toString(fallback));
            int value = parse(key, null, text);
            if (value < min || value > max) {
                throw invalid(key, text, "expected " + min + ".." + max);
            }
            return value;
        }

        Duration duration(String key, Duration fallback) {
            String text = p.getProperty(key);
            if (text == null || text.isBlank()) {
                return fallback;
            }
            String t = text.trim().toLowerCase();
            try {
                if (t.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
                }
                if (t.endsWith("s")) {
                    return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()));
                }
                return Duration.parse(text.trim());
            } catch (NumberFormatException | DateTimeParseException e) {
                throw invalid(key, text, "expected a duration such as 30s, 500ms or PT1M");
            }
        }

        private int parse(String key, String envName, String text) {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw invalid(source(key, envName), text, "expected a whole number");
            }
        }

        private String source(String key, String envName) {
            return envName != null && env.get(envName) != null && !env.get(envName).isBlank()
                    ? "environment variable " + envName : key;
        }

        SettingsException invalid(String key, String value, String expected) {
            String where = key.startsWith("environment") ? key : FILE + ": " + key;
            return new SettingsException(where + " = '" + value + "' is invalid: " + expected);
        }
    }
}
