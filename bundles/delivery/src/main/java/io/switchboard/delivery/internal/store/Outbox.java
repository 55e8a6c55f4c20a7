package io.switchboard.delivery.internal.store;

import io.switchboard.delivery.DeliveryState;
import io.switchboard.dispatch.Message;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;

/**
 * Where accepted messages go in: each stored once per endpoint and message id, waiting (PENDING), or already claimed
 * for the node that stores it when its endpoint's workers take it at once.
 */
public final class Outbox {

    private final SessionFactory sessions;
    private final DeliveryStore.Vendor vendor;
    private final RowIds rowIds;

    Outbox(SessionFactory sessions, DeliveryStore.Vendor vendor) {
        this.sessions = sessions;
        this.vendor = vendor;
        this.rowIds = new RowIds(vendor);
    }

    /** A message to store for an endpoint, with its ordering key or null. */
    public record Accepted(String endpoint, Message message, String orderingKey) {
    }

    /** Stores {@code message} for {@code endpoint}, once per message id: a second call returns the first row's id. */
    public long schedule(String endpoint, Message message, String orderingKey, Instant at) {
        try (StatelessSession s = sessions.openStatelessSession()) {
            Transaction tx = s.beginTransaction();
            try {
                List<Long> ids = new ArrayList<>(1);
                insert(s, List.of(new Accepted(endpoint, message, orderingKey)), Columns.micros(at), 0, null, ids);
                long id = ids.get(0);
                tx.commit();
                durable(s);
                return id;
            } catch (Duplicate duplicate) {
                tx.rollback();
            }
        }
        try (StatelessSession s = sessions.openStatelessSession()) {
            return s.createSelectionQuery("select d.id from DeliveryRow d where d.endpoint = :e and d.messageId = :m",
                    Long.class).setParameter("e", endpoint).setParameter("m", message.id()).getSingleResult();
        }
    }

    /**
     * Stores a batch in one transaction (the JMS accept path commits its session after this returns), the first
     * {@code claims} messages already claimed for {@code node} (IN_FLIGHT): messages handed straight to their
     * endpoint's workers, with no claim of their own. A crash hands them back as any claim (the node's restart, or
     * the lease). A message id already stored for its endpoint (a redelivery after a crash between this commit and
     * the JMS commit) makes the batch fall back to one message at a time, each stored once and waiting.
     *
     * @return the first {@code claims} messages as claimed, or an empty list when the batch fell back (then the
     *     caller hands nothing over)
     * @throws Unsettled when the database failed and {@code claims} rows may be stored claimed all the same (a
     *     commit whose answer was lost)
     */
    public List<Claimed> scheduleAll(List<Accepted> batch, Instant at, int claims, String node) {
        Instant now = Columns.micros(at);
        List<Long> ids = new ArrayList<>(batch.size());
        try (StatelessSession s = sessions.openStatelessSession()) {
            Transaction tx = s.beginTransaction();
            try {
                insert(s, batch, now, claims, node, ids);
                tx.commit();
                durable(s);
                List<Claimed> claimed = new ArrayList<>(claims);
                for (int i = 0; i < claims; i++) {
                    Accepted a = batch.get(i);
                    claimed.add(new Claimed(ids.get(i), a.endpoint(), 0, a.orderingKey(), a.message(),
                            new OutboxClaimer.Position(now, ids.get(i))));
                }
                return claimed;
            } catch (Duplicate duplicate) {
                tx.rollback();
            }
        } catch (RuntimeException e) {
            if (claims > 0 && !ids.isEmpty()) {
                throw new Unsettled(e, ids.subList(0, Math.min(claims, ids.size())));
            }
            throw e;
        }
        for (Accepted a : batch) {
            schedule(a.endpoint(), a.message(), a.orderingKey(), now);
        }
        return List.of();
    }

    /**
     * The database failed a batch that claimed rows for the node storing it. The commit may have happened all the
     * same (the connection was lost before its answer): then those rows are IN_FLIGHT with nobody attempting them,
     * and the broker's redelivery of the batch finds them stored and claims none. {@link OutboxClaimer#releaseClaims}
     * on {@link #claimed()} gives them back to wait, at once instead of after the claim lease; rows that were never
     * stored are not touched (their ids are never handed out again).
     */
    public static final class Unsettled extends RuntimeException {
        private final List<Long> claimed;

        Unsettled(RuntimeException cause, List<Long> claimed) {
            super(cause.getMessage(), cause);
            this.claimed = List.copyOf(claimed);
        }

        /** The ids of the rows the batch stored claimed, if it was stored. */
        public List<Long> claimed() {
            return claimed;
        }
    }

    /** A message id already stored for its endpoint. */
    private static final class Duplicate extends RuntimeException {
        Duplicate(SQLException cause) {
            super(cause);
        }
    }

    /** The commits so far are on disk once this returns (see {@link Durability}). */
    private void durable(StatelessSession s) {
        s.doWork(connection -> Durability.commit(connection, vendor));
    }

    /**
     * Inserts {@code batch} as new rows in the session's transaction, as one JDBC batch: the accept path's hot spot,
     * where Hibernate's per-attribute insert machinery cost a quarter of the accept threads' time. The first
     * {@code claims} rows are IN_FLIGHT, claimed by {@code node}; the others PENDING.
     *
     * @param ids receives the rows' ids, in the batch's order, as they are handed out
     * @throws Duplicate when a message id is already stored for its endpoint (SQLState 23505 on H2 and PostgreSQL)
     */
    private void insert(StatelessSession s, List<Accepted> batch, Instant now, int claims, String node,
            List<Long> ids) {
        OffsetDateTime time = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        s.doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into sb_delivery (id, endpoint, "
                    + "message_id, ordering_key, state, attempts, next_attempt_at, created_at, updated_at, type, "
                    + "operation, content_type, headers, body, claimed_by) "
                    + "values (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Accepted a : batch) {
                    long id = rowIds.next(connection);
                    Message m = a.message();
                    boolean claimed = ids.size() < claims;
                    insert.setLong(1, id);
                    insert.setString(2, a.endpoint());
                    insert.setString(3, m.id());
                    insert.setString(4, a.orderingKey());
                    insert.setString(5, (claimed ? DeliveryState.IN_FLIGHT : DeliveryState.PENDING).name());
                    insert.setObject(6, time);
                    insert.setObject(7, time);
                    insert.setObject(8, time);
                    insert.setString(9, m.type());
                    insert.setString(10, m.operation());
                    insert.setString(11, m.contentType());
                    insert.setString(12, Columns.headers(m.headers()));
                    insert.setBytes(13, m.bodyBytes());
                    insert.setString(14, claimed ? node : null);
                    insert.addBatch();
                    ids.add(id);
                }
                insert.executeBatch();
            } catch (SQLException e) {
                if (isUniqueViolation(e)) {
                    throw new Duplicate(e);
                }
                throw e;
            }
        });
    }

    private static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if ("23505".equals(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
