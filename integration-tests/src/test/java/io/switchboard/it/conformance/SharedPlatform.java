package io.switchboard.it.conformance;

import io.switchboard.testing.Platform;
import java.nio.file.Files;

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
                String hash = Platform.hashPassword(home, PASSWORD);
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
}
