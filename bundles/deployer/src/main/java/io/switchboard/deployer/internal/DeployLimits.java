package io.switchboard.deployer.internal;

import io.switchboard.kernel.api.Durations;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * How much one file in a watched folder may cost the platform: its size by kind, how long its deploy (an activator, a
 * handler) may take, and how far a jar may inflate. Set in {@code config/framework.properties}; a file over a limit is
 * FAILED with the limit named, and the rest of {@code deploy/} goes on.
 *
 * @param bundleBytes        {@code switchboard.deploy.max.bundle}: a {@code .jar}
 * @param configurationBytes {@code switchboard.deploy.max.configuration}: a {@code .cfg} or {@code .config}
 * @param featureBytes       {@code switchboard.deploy.max.feature}: a feature {@code .json}
 * @param fileBytes          {@code switchboard.deploy.max.file}: a handler's file (a route file), unless the handler
 *                           declares its own {@code switchboard.deploy.max.size}
 * @param timeout            {@code switchboard.deploy.timeout}: an activator's start, a handler's deploy
 * @param jarEntries         {@code switchboard.deploy.jar.max.entries}: entries in a jar, nested jars included
 * @param jarInflatedBytes   {@code switchboard.deploy.jar.max.inflated}: a jar's entries inflated, all together
 */
record DeployLimits(long bundleBytes, long configurationBytes, long featureBytes, long fileBytes, Duration timeout,
                    int jarEntries, long jarInflatedBytes) {

    /** The setting of {@link #timeout()}, named in the status of a file that took longer. */
    static final String TIMEOUT = "switchboard.deploy.timeout";

    static final DeployLimits DEFAULTS = new DeployLimits(64L << 20, 1L << 20, 1L << 20, 1L << 20,
            Duration.ofSeconds(30), 65_536, 512L << 20);

    /** The limits the properties set, the defaults for the rest; a value that is not a number is named. */
    static DeployLimits from(UnaryOperator<String> property) {
        return new DeployLimits(
                bytes(property, "switchboard.deploy.max.bundle", DEFAULTS.bundleBytes),
                bytes(property, "switchboard.deploy.max.configuration", DEFAULTS.configurationBytes),
                bytes(property, "switchboard.deploy.max.feature", DEFAULTS.featureBytes),
                bytes(property, "switchboard.deploy.max.file", DEFAULTS.fileBytes),
                duration(property, TIMEOUT, DEFAULTS.timeout),
                count(property, "switchboard.deploy.jar.max.entries", DEFAULTS.jarEntries),
                bytes(property, "switchboard.deploy.jar.max.inflated", DEFAULTS.jarInflatedBytes));
    }

    private static long bytes(UnaryOperator<String> property, String name, long fallback) {
        String value = property.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(name + " = '" + value + "' is not a positive whole number");
    }

    private static int count(UnaryOperator<String> property, String name, int fallback) {
        long n = bytes(property, name, fallback);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " = '" + property.apply(name).trim() + "' is over the largest "
                    + "count allowed, " + Integer.MAX_VALUE);
        }
        return (int) n;
    }

    private static Duration duration(UnaryOperator<String> property, String name, Duration fallback) {
        String value = property.apply(name);
        return value == null || value.isBlank() ? fallback : Durations.parse(name, value);
    }

    /** "64 MB", "1 MB", "300000 bytes": a limit as an operator reads it in a status. */
    static String size(long bytes) {
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MB" : bytes + " bytes";
    }
}
