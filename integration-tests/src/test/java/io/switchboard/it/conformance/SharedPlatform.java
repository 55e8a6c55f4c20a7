package io.switchboard.it.conformance;

import io.switchboard.testing.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One platform for the whole conformance matrix (booted on first use, stopped when the test JVM exits), with a
 * user per role configured the documented way: {@code config/users.properties}, hashes from
 * {@code bin/switchboard hash-password}.
 */
public final class SharedPlatform {

    static final String SENDER = "sender";
    static final String READER = "reader";
    static final String PASSWORD = "role-pw";
    private static Platform platform;

    private SharedPlatform() {
    }

    public static synchronized Platform get() {
        if (platform == null) {
            platform = Platform.startForJvm("switchboard-conformance", home -> {
                String hash = hash(home, PASSWORD);
                Files.writeString(home.resolve("config/users.properties"),
                        SENDER + " = " + hash + ", producer\n" + READER + " = " + hash + ", consumer\n");
            });
        }
        return platform;
    }

    static String admin() {
        return "admin";
    }

    static String adminPassword() {
        return Platform.ADMIN_PASSWORD;
    }

    /** The users.properties hash of a password, from the home's {@code bin/switchboard hash-password}. */
    public static String hash(Path home, String password) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(home.resolve("bin/switchboard").toString(), "hash-password", password)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IOException("hash-password failed: " + out);
        }
        return out;
    }
}
