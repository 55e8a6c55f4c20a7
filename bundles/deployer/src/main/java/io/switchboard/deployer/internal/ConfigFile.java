package io.switchboard.deployer.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.felix.cm.file.ConfigurationHandler;

/**
 * Reads a configuration file: {@code .cfg} (Java properties, strings) or {@code .config} (Felix's typed
 * format). The name is the PID, or {@code factoryPid~name} for a factory configuration. Errors name the line.
 */
final class ConfigFile {

    private static final Pattern PID = Pattern.compile("[A-Za-z0-9_.-]+");

    final String pid;
    final String factoryPid;
    final String name;

    private ConfigFile(String pid, String factoryPid, String name) {
        this.pid = pid;
        this.factoryPid = factoryPid;
        this.name = name;
    }

    static boolean handles(File file) {
        String n = file.getName();
        return n.endsWith(".cfg") || n.endsWith(".config");
    }

    /** @throws InvalidFile when the file name is not a PID */
    static ConfigFile named(File file) throws InvalidFile {
        String base = file.getName().replaceFirst("\\.(cfg|config)$", "");
        int tilde = base.indexOf('~');
        String factory = tilde < 0 ? null : base.substring(0, tilde);
        String instance = tilde < 0 ? null : base.substring(tilde + 1);
        String pid = tilde < 0 ? base : factory;
        if (!PID.matcher(pid).matches() || (instance != null && !PID.matcher(instance).matches())) {
            throw new InvalidFile("the file name must be <pid>.cfg or <factoryPid>~<name>.cfg "
                    + "(letters, digits, '.', '_', '-')");
        }
        return new ConfigFile(tilde < 0 ? base : null, factory, instance);
    }

    String label() {
        return factoryPid == null ? pid : factoryPid + "~" + name;
    }

    /** @throws InvalidFile naming the line and what is wrong with it */
    static Dictionary<String, Object> read(File file) throws InvalidFile {
        try {
            if (file.getName().endsWith(".config")) {
                try (InputStream in = Files.newInputStream(file.toPath())) {
                    @SuppressWarnings("unchecked")
                    Dictionary<String, Object> d = ConfigurationHandler.read(in);
                    return d;
                }
            }
            String text = Files.readString(file.toPath(), StandardCharsets.UTF_8);
            checkLines(text);
            Properties p = new Properties();
            p.load(new StringReader(text));
            Dictionary<String, Object> d = new Hashtable<>();
            p.stringPropertyNames().forEach(k -> d.put(k, p.getProperty(k).trim()));
            return d;
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InvalidFile("not UTF-8 text");
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidFile(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /**
     * {@link Properties} accepts a line without a separator as a key with an empty value; in a hand-written
     * configuration that is nearly always a typo, so it is refused.
     */
    static void checkLines(String text) throws InvalidFile {
        List<String> lines = text.lines().toList();
        boolean continued = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            boolean continues = endsWithOddBackslashes(line);
            if (!continued && !line.isEmpty() && !line.startsWith("#") && !line.startsWith("!")) {
                if (!hasSeparator(line)) {
                    throw new InvalidFile("line " + (i + 1) + ": '" + line + "' is not key = value");
                }
            }
            continued = continues;
        }
    }

    private static boolean hasSeparator(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '=' || c == ':') {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWithOddBackslashes(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    /** The 1-based line a key is set on, or 0 when it cannot be found (a .config, a continued key). */
    static int lineOf(File file, String key) {
        try {
            List<String> lines = Files.readAllLines(file.toPath(), StandardCharsets.UTF_8);
            Pattern p = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:\\s]");
            for (int i = 0; i < lines.size(); i++) {
                if (p.matcher(lines.get(i)).find()) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            // the line number is a courtesy
        }
        return 0;
    }

    /** A configuration file that cannot be applied; the message says where and why. */
    static final class InvalidFile extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidFile(String message) {
            super(message);
        }
    }
}
