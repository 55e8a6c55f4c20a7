package io.switchboard.delivery.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * When a commit is on disk. PostgreSQL: when it returns. Embedded H2 is opened with its default write delay, so the
 * many commits whose loss a crash only turns into a repeated attempt (claims, outcomes) are written together in the
 * background; the commits that promise something to a caller — a message accepted (before its JMS acknowledgement), an
 * id recorded by the idempotent receiver — are written out by {@link #commit} before the promise is made. Concurrent
 * callers share one write (MVStore writes whatever is unsaved).
 */
final class Durability {

    private Durability() {
    }

    /** Writes everything committed so far to the database file (H2); nothing to do for PostgreSQL. */
    static void commit(Connection connection, DeliveryStore.Vendor vendor) throws SQLException {
        if (vendor != DeliveryStore.Vendor.H2) {
            return;
        }
        if (connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
            MVStore store = session.getDatabase().getStore().getMvStore();
            store.commit();
        }
    }
}
