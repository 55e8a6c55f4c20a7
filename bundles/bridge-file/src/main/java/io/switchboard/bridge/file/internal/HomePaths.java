package io.switchboard.bridge.file.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/**
 * Folders named in configurations. Config Admin and FileInstall hand a path over as the text it is, and a relative
 * one would then depend on the directory the platform was started from; so a relative folder is taken relative to
 * the Switchboard home (the framework or system property {@code switchboard.home}; the working directory without one).
 */
final class HomePaths {

    private HomePaths() {
    }

    /** The Switchboard home of a running platform. */
    static Path home(BundleContext context) {
        String home = context == null ? null : context.getProperty("switchboard.home");
        if (home == null) {
            home = System.getProperty("switchboard.home", ".");
        }
        return Path.of(home).toAbsolutePath().normalize();
    }

    /**
     * The absolute folder a setting names.
     *
     * @throws IllegalArgumentException naming the setting when it is empty or not a path
     */
    static Path folder(String setting, String value, Path home) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + " is required: the folder's path (relative to the "
                    + "Switchboard home, or absolute)");
        }
        try {
            return home.resolve(value.trim()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(setting + " = '" + value + "' is not a path: " + e.getReason());
        }
    }
}
