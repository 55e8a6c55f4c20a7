package io.switchboard.delivery.internal.store;

import io.switchboard.dispatch.IdempotentReceiver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The idempotent receiver on the {@code sb_idempotent} table (migration V3, run by {@link Schema}).
 *
 * <p>Plain JDBC, not Hibernate: each call is one or two single-row statements on a composite key, with nothing
 * to map or cache, and the decision hangs on the database's own answer (rows inserted, rows updated, a unique
 * violation) that an entity session would hide behind its flush. Every statement runs in its own auto-committed
 * transaction, so no lock is held between the insert and the take-over of an expired row.
 *
 * <p>Why this is exact across threads and nodes: the primary key lets one insert win; a loser takes the row over
 * only with {@code update ... where expires_at < now}, which the database re-checks after waiting for a
 * concurrent writer's row lock, so of several callers racing for an expired row exactly one updates it.
 */
// also under the receiver's first name (delivery API), for bundles written against it
@SuppressWarnings("deprecation")
@Component(factory = IdempotentStore.FACTORY,
        service = {IdempotentReceiver.class, io.switchboard.delivery.IdempotentReceiver.class})
public final class IdempotentStore implements io.switchboard.delivery.IdempotentReceiver {

    /**
     * The component factory the delivery engine makes the receiver with once its database is open, and disposes
     * when it stops: the service exists exactly while the store can answer.
     */
    public static final String FACTORY = "io.switchboard.delivery.idempotent";
    /** Instance properties: the pool and the vendor. Private (a leading '.'): never service properties. */
    public static final String DATA_SOURCE = ".dataSource";
    public static final String VENDOR = ".vendor";

    /** The width of the consumer and message_id columns. */
    static final int MAX_LENGTH = 200;
    /** SQLSTATE of a unique violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DeliveryStore.Vendor vendor;
    private final DataSource dataSource;
    private final String insert;
    private final Clock clock;

    public IdempotentStore(DataSource dataSource, DeliveryStore.Vendor vendor) {
        this(dataSource, vendor, Clock.systemUTC());
    }

    /** The receiver the engine asked {@link #FACTORY} for. */
    @Activate
    public IdempotentStore(Map<String, Object> properties) {
        this((DataSource) properties.get(DATA_SOURCE), (DeliveryStore.Vendor) properties.get(VENDOR));
    }

    IdempotentStore(DataSource dataSource, DeliveryStore.Vendor vendor, Clock clock) {
        this.vendor = vendor;
        this.dataSource = dataSource;
        this.clock = clock;
        // PostgreSQL: a failed insert would be an ERROR line in the server log per duplicate; ON CONFLICT answers
        // with 0 rows instead. H2 (outside its PostgreSQL mode) has no ON CONFLICT: it reports SQLSTATE 23505.
        this.insert = vendor == DeliveryStore.Vendor.POSTGRESQL
                ? "insert into sb_idempotent (consumer, message_id, expires_at) values (?, ?, ?) on conflict do nothing"
                : "insert into sb_idempotent (consumer, message_id, expires_at) values (?, ?, ?)";
    }

    @Override
    public boolean firstTime(String consumer, String messageId, Duration keepFor) {
        check("consumer", consumer);
        check("messageId", messageId);
        if (keepFor == null || keepFor.isNegative() || keepFor.isZero()) {
            throw new IllegalArgumentException("keepFor = " + keepFor + " must be a positive duration");
        }
        OffsetDateTime now = now();
        OffsetDateTime expires = now.plus(keepFor);
        try (Connection c = autoCommitted()) {
            if (inserted(c, consumer, messageId, expires)) {
                Durability.commit(c, vendor);
                return true;
            }
            try (PreparedStatement takeOver = c.prepareStatement("update sb_idempotent set expires_at = ? "
                    + "where consumer = ? and message_id = ? and expires_at < ?")) {
                takeOver.setObject(1, expires);
                takeOver.setString(2, consumer);
                takeOver.setString(3, messageId);
                takeOver.setObject(4, now);
                boolean taken = takeOver.executeUpdate() == 1;
                if (taken) {
                    Durability.commit(c, vendor);
                }
                return taken;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("idempotent receiver: cannot record " + consumer + " / " + messageId
                    + ": " + e.getMessage(), e);
        }
    }

    private boolean inserted(Connection c, String consumer, String messageId, OffsetDateTime expires)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(insert)) {
            s.setString(1, consumer);
            s.setString(2, messageId);
            s.setObject(3, expires);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void forget(String consumer, String messageId) {
        check("consumer", consumer);
        check("messageId", messageId);
        try (Connection c = autoCommitted();
                PreparedStatement s = c.prepareStatement("delete from sb_idempotent where consumer = ? and message_id = ?")) {
            s.setString(1, consumer);
            s.setString(2, messageId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("idempotent receiver: cannot forget " + consumer + " / " + messageId
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the rows expired before {@code now}, {@code batch} rows per transaction so a large backlog never
     * holds many locks at once.
     *
     * @return how many rows were deleted
     */
    public int purgeExpired(Instant now, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch = " + batch + " must be at least 1");
        }
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(now.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        int total = 0;
        // The outer expires_at test is re-checked under the row lock: a row taken over meanwhile is kept.
        try (Connection c = autoCommitted();
                PreparedStatement s = c.prepareStatement("delete from sb_idempotent where expires_at < ? and "
                        + "(consumer, message_id) in (select consumer, message_id from sb_idempotent "
                        + "where expires_at < ? fetch first " + batch + " rows only)")) {
            s.setObject(1, cutoff);
            s.setObject(2, cutoff);
            int deleted;
            do {
                deleted = s.executeUpdate();
                total += deleted;
            } while (deleted >= batch);
            return total;
        } catch (SQLException e) {
            throw new IllegalStateException("idempotent receiver: purge failed after " + total + " row(s): "
                    + e.getMessage(), e);
        }
    }

    private Connection autoCommitted() throws SQLException {
        Connection c = dataSource.getConnection();
        if (!c.getAutoCommit()) {
            c.setAutoCommit(true); // a pool hands it back reset
        }
        return c;
    }

    /** The columns hold microseconds: compare and store at that precision. */
    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static void check(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be " + (value == null ? "null" : "blank"));
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(name + " is " + value.length() + " characters long; at most "
                    + MAX_LENGTH + " fit (use a shorter id, e.g. a hash of this one): "
                    + value.substring(0, 40) + "...");
        }
    }
}
