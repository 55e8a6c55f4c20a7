package io.switchboard.kernel.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them in .cfg files: 500ms, 30s, 5m, 24h, 7d (a bare number is milliseconds). Every
 * bundle's configuration reads them the same way.
 */
public final class Durations {

    private static final Pattern FORMAT = Pattern.compile("\\s*(\\d+)\\s*(ms|s|m|h|d)?\\s*");

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the setting when the value is not a duration */
    public static Duration parse(String setting, String value) {
        Matcher m = value == null ? null : FORMAT.matcher(value);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(setting + " = '" + value
                    + "' is not a duration: write a number with ms, s, m, h or d (e.g. 500ms, 30s, 24h)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
