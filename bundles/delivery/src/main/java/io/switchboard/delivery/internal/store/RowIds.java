package io.switchboard.delivery.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Ids for new stored messages, handed out in blocks of {@value #BLOCK} from {@code sb_delivery_seq} (which counts in
 * fifties): a sequence value v reserves v-49 to v, as Hibernate's pooled optimizer reads it, so rows written by
 * earlier versions through Hibernate keep ids no block here repeats. Thread-safe; across nodes the sequence keeps
 * blocks apart.
 */
final class RowIds {

    static final int BLOCK = 50;

    private final String nextValue;
    private long next;
    private long last = -1;

    RowIds(DeliveryStore.Vendor vendor) {
        this.nextValue = vendor == DeliveryStore.Vendor.POSTGRESQL ? "select nextval('sb_delivery_seq')"
                : "select next value for sb_delivery_seq";
    }

    /** The next free id; may take a new block through {@code connection}. */
    synchronized long next(Connection connection) throws SQLException {
        while (next > last) {
            try (Statement st = connection.createStatement(); ResultSet r = st.executeQuery(nextValue)) {
                r.next();
                long value = r.getLong(1);
                next = Math.max(1, value - BLOCK + 1);
                last = value;
            }
        }
        return next++;
    }
}
