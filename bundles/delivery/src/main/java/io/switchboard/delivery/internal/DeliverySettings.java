package io.switchboard.delivery.internal;

import io.switchboard.delivery.internal.store.DeliveryStore;
import io.switchboard.kernel.api.Durations;
import java.time.Duration;

/**
 * The delivery configuration, checked: every problem names its field.
 *
 * @param url the JDBC URL (the H2 default filled in)
 */
record DeliverySettings(String url, DeliveryStore.Vendor vendor, String user, String password, int poolSize,
        String node, Duration claimLease, Duration retention, int acceptConsumers) {

    static final String PID = "io.switchboard.delivery";

    static DeliverySettings of(DeliveryConfiguration c, String dataDir) {
        String url = c.jdbcUrl() == null || c.jdbcUrl().isBlank()
                ? "jdbc:h2:file:" + dataDir + "/delivery/delivery"
                : c.jdbcUrl().trim();
        DeliveryStore.Vendor vendor;
        if (url.startsWith("jdbc:h2:")) {
            vendor = DeliveryStore.Vendor.H2;
        } else if (url.startsWith("jdbc:postgresql:")) {
            vendor = DeliveryStore.Vendor.POSTGRESQL;
        } else {
            throw new IllegalArgumentException(PID + ": jdbcUrl = '" + url
                    + "' is neither jdbc:h2:... nor jdbc:postgresql:...");
        }
        if (c.poolSize() < 1 || c.poolSize() > 200) {
            throw new IllegalArgumentException(PID + ": poolSize = " + c.poolSize() + " must be 1 to 200");
        }
        String node = c.node() == null ? "" : c.node().trim();
        if (!node.matches("[A-Za-z0-9_.\\-]{1,100}")) {
            throw new IllegalArgumentException(PID + ": node = '" + node + "' must be letters, digits, '.', '_' or '-'");
        }
        Duration lease = Durations.parse(PID + ": claimLease", c.claimLease());
        Duration retention = Durations.parse(PID + ": retention", c.retention());
        if (lease.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException(PID + ": claimLease = '" + c.claimLease() + "' must be at least 10s");
        }
        if (c.acceptConsumers() < 1 || c.acceptConsumers() > 32) {
            throw new IllegalArgumentException(PID + ": acceptConsumers = " + c.acceptConsumers() + " must be 1 to 32");
        }
        if (c.acceptConsumers() + 2 > c.poolSize()) {
            throw new IllegalArgumentException(PID + ": poolSize = " + c.poolSize() + " is too small for acceptConsumers = "
                    + c.acceptConsumers() + ": at least acceptConsumers + 2");
        }
        return new DeliverySettings(url, vendor, c.user(), c.password(), c.poolSize(), node, lease, retention,
                c.acceptConsumers());
    }

    /** The URL without credentials someone may have put in it, for logs. */
    String safeUrl() {
        return io.switchboard.kernel.api.Secrets.mask(url);
    }
}
