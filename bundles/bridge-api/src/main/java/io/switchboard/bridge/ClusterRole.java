package io.switchboard.bridge;

import java.util.Locale;

/**
 * Where a source runs when several nodes share the work, the service and configuration property
 * {@value #PROPERTY}: on every node as competing consumers ({@link #ALL}: HTTP, queues, shared subscriptions), or
 * only on the node that leads ({@link #LEADER}: pollers of a folder, timers). With one node, that node leads.
 */
public enum ClusterRole {
    ALL,
    LEADER;

    /** The property's name. */
    public static final String PROPERTY = "switchboard.cluster";

    /** The role a configuration value names ({@code all} or {@code leader}, any case); the default when blank. */
    public static ClusterRole of(String value, ClusterRole otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be 'all' or 'leader', not '" + value + "'");
        }
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
