package io.switchboard.delivery.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.delivery.AttemptInfo;
import io.switchboard.delivery.DeliveryResult;
import io.switchboard.delivery.DeliveryState;
import io.switchboard.delivery.internal.RetryPolicy;
import io.switchboard.dispatch.Message;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

/**
 * The delivery store: migrates the schema (Flyway, per database), validates it against the entities (Hibernate,
 * bootstrapped natively with this class's loader — never through {@code jakarta.persistence.Persistence}, whose
 * provider discovery fails in OSGi) and keeps stored messages, their state and their attempts.
 */
public final class DeliveryStore implements AutoCloseable {

    /** The databases the store has migrations for. */
    public enum Vendor {
        H2("varchar(1000000)", "varbinary(1000000000)"),
        POSTGRESQL("text", "bytea");

        final String text;
        final String binary;

        Vendor(String text, String binary) {
            this.text = text;
            this.binary = binary;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR = 2000;

    private final SessionFactory sessions;
    private final Vendor vendor;
    private final RowIds rowIds;

    public DeliveryStore(DataSource dataSource, Vendor vendor) {
        this.vendor = vendor;
        this.rowIds = new RowIds(vendor);
        ClassLoader loader = DeliveryStore.class.getClassLoader();
        Flyway.configure(loader).dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("text", vendor.text, "binary", vendor.binary))
                .load().migrate();
        BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap)
                .applySetting(AvailableSettings.DATASOURCE, dataSource)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "validate")
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 50)
                .build();
        sessions = new MetadataSources(registry).addAnnotatedClass(DeliveryRow.class).addAnnotatedClass(AttemptRow.class)
                .addAnnotatedClass(AuditRow.class).buildMetadata().buildSessionFactory();
    }

    /** Stores {@code message} for {@code endpoint}, once per message id: a second call returns the first row's id. */
    public long schedule(String endpoint, Message message, String orderingKey, Instant at) {
        try (StatelessSession s = sessions.openStatelessSession()) {
            Transaction tx = s.beginTransaction();
            try {
                List<Long> ids = new ArrayList<>(1);
                insert(s, List.of(new Accepted(endpoint, message, orderingKey)), micros(at), 0, null, ids);
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

    /** A message to store for an endpoint, with its ordering key or null. */
    public record Accepted(String endpoint, Message message, String orderingKey) {
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
        Instant now = micros(at);
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
                            new Position(now, ids.get(i))));
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

    /** The commits so far are on disk once this returns (see {@link Durability}). */
    private void durable(StatelessSession s) {
        s.doWork(connection -> Durability.commit(connection, vendor));
    }

    /**
     * The database failed a batch that claimed rows for the node storing it. The commit may have happened all the
     * same (the connection was lost before its answer): then those rows are IN_FLIGHT with nobody attempting them,
     * and the broker's redelivery of the batch finds them stored and claims none. {@link #releaseClaims} on
     * {@link #claimed()} gives them back to wait, at once instead of after the claim lease; rows that were never
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
                    insert.setString(12, json(m.headers()));
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

    /**
     * Claims up to {@code limit} due messages of every endpoint (tests and tools; the retransmitter claims per
     * endpoint).
     */
    public List<Claimed> claim(int limit, Instant at) {
        try (StatelessSession s = sessions.openStatelessSession()) {
            List<String> endpoints = Endpoints.stored(s);
            List<Claimed> claimed = new ArrayList<>();
            for (String e : endpoints) {
                claimed.addAll(claim(e, limit - claimed.size(), at, "local"));
            }
            return claimed;
        }
    }

    /** As {@link #claim(String, int, Instant, String)} for each of {@code endpoints} in turn, up to {@code limit}. */
    public List<Claimed> claim(int limit, Instant at, java.util.Collection<String> endpoints) {
        List<Claimed> claimed = new ArrayList<>();
        for (String e : endpoints) {
            claimed.addAll(claim(e, limit - claimed.size(), at, "local"));
        }
        return claimed;
    }

    /**
     * Claims up to {@code limit} due messages of {@code endpoint} for {@code node}: they become IN_FLIGHT in one
     * transaction that skips rows other claimers hold, so no message is claimed twice, across threads and nodes. A
     * message with an ordering key is claimable only when no earlier message of its key is waiting or in flight: a
     * failing message holds back the later ones of its key, and only those.
     */
    public List<Claimed> claim(String endpoint, int limit, Instant at, String node) {
        return claim(endpoint, limit, at, node, null);
    }

    /** Where a claim left off in an endpoint's due order (next attempt time, then id). */
    public record Position(Instant nextAttemptAt, long id) {
    }

    /**
     * As {@link #claim(String, int, Instant, String)}, starting after {@code after} (null: from the beginning). Every
     * claim changes rows' state, which leaves their old index entries behind until the database cleans them up
     * (PostgreSQL's vacuum); a claim that starts where the previous one stopped does not walk those again and again.
     * Rows that become due behind the position (a claim taken back) are found by the next claim from the beginning.
     */
    public List<Claimed> claim(String endpoint, int limit, Instant at, String node, Position after) {
        if (limit <= 0) {
            return List.of();
        }
        Instant now = micros(at);
        try (StatelessSession s = sessions.openStatelessSession()) {
            Transaction tx = s.beginTransaction();
            // No ORDER BY: the (endpoint, state, next_attempt_at, id) index returns due rows in order, while H2 given
            // an ORDER BY scans and sorts every due row first (measured: claims 5-10x slower).
            // The whole rows at once: one statement fewer than ids first and rows after the update.
            var query = s.createNativeQuery("select d.* from sb_delivery d where d.endpoint = :endpoint "
                    + "and d.state = 'PENDING' and d.next_attempt_at <= :now"
                    + (after == null ? "" : " and d.next_attempt_at >= :fromAt and (d.next_attempt_at > :fromAt "
                            + "or d.id > :fromId)")
                    + " and (d.ordering_key is null or not exists "
                    + "(select 1 from sb_delivery o where o.endpoint = d.endpoint and o.ordering_key = d.ordering_key "
                    + "and o.id < d.id and o.state in ('PENDING', 'IN_FLIGHT'))) fetch first " + limit
                    + " rows only for update skip locked", DeliveryRow.class)
                    .setParameter("endpoint", endpoint).setParameter("now", now);
            if (after != null) {
                query.setParameter("fromAt", after.nextAttemptAt()).setParameter("fromId", after.id());
            }
            List<DeliveryRow> rows = query.getResultList();
            if (rows.isEmpty()) {
                tx.commit();
                return List.of();
            }
            List<Long> keys = rows.stream().map(r -> r.id).toList();
            s.createMutationQuery("update DeliveryRow d set d.state = :s, d.updatedAt = :now, d.claimedBy = :node "
                    + "where d.id in :ids").setParameter("s", DeliveryState.IN_FLIGHT.name())
                    .setParameter("now", now).setParameter("node", node).setParameter("ids", keys).executeUpdate();
            tx.commit();
            List<Claimed> claimed = new ArrayList<>(rows.size());
            for (DeliveryRow r : rows) {
                claimed.add(new Claimed(r.id, r.endpoint, r.attempts, r.orderingKey, message(r),
                        new Position(r.nextAttemptAt, r.id)));
            }
            return claimed;
        }
    }

    /** The outcome of one attempt, to record with {@link #completeAll}. */
    public record Completion(Claimed claimed, DeliveryResult result, RetryPolicy policy, Instant at) {
    }

    /**
     * Records a batch of outcomes in one transaction: delivered, retried later per each one's policy, or dead, each
     * with its attempt row. An outcome is recorded only on the claim it belongs to (the row still IN_FLIGHT with the
     * attempt count it was claimed with): a batch written again because its commit's answer was lost records nothing
     * twice, and neither overwrites a later claim nor repeats an attempt row.
     *
     * @return the state each message is in now, in the batch's order; null where the outcome was recorded before
     */
    public List<DeliveryState> completeAll(List<Completion> batch) {
        List<DeliveryState> states = new ArrayList<>(batch.size());
        List<AttemptRow> attempts = new ArrayList<>(batch.size());
        try (StatelessSession s = sessions.openStatelessSession()) {
            Transaction tx = s.beginTransaction();
            s.doWork(connection -> {
                List<AttemptRow> failed = new ArrayList<>(batch.size());
                try (PreparedStatement update = connection.prepareStatement("update sb_delivery set state = ?, "
                        + "attempts = ?, next_attempt_at = ?, updated_at = ?, last_error = ?, claimed_by = null "
                        + "where id = ? and state = 'IN_FLIGHT' and attempts = ?")) {
                    for (Completion c : batch) {
                        Instant now = micros(c.at());
                        int attempt = c.claimed().attempts() + 1;
                        DeliveryState next = next(c.result(), c.policy(), attempt);
                        Instant due = next == DeliveryState.PENDING ? micros(c.policy().nextAttempt(attempt, now)) : now;
                        String error = truncate(c.result().reason());
                        update.setString(1, next.name());
                        update.setInt(2, attempt);
                        update.setObject(3, OffsetDateTime.ofInstant(due, ZoneOffset.UTC));
                        update.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                        update.setString(5, error);
                        update.setLong(6, c.claimed().id());
                        update.setInt(7, c.claimed().attempts());
                        update.addBatch();
                        states.add(next);
                        // the row holds a delivered attempt (AttemptRow)
                        failed.add(next == DeliveryState.DELIVERED ? null : new AttemptRow(c.claimed().id(), attempt,
                                now, c.result().outcome().name(), error));
                    }
                    int[] updated = update.executeBatch();
                    for (int i = 0; i < updated.length; i++) {
                        if (updated[i] == 0) {
                            states.set(i, null);
                        } else if (failed.get(i) != null) {
                            attempts.add(failed.get(i));
                        }
                    }
                }
            });
            s.insertMultiple(attempts);
            tx.commit();
        }
        return states;
    }

    /** Records the attempt's outcome: delivered, retried later per {@code policy}, or dead. */
    public DeliveryState complete(Claimed claimed, DeliveryResult result, RetryPolicy policy, Instant at) {
        Instant now = micros(at);
        int attempts = claimed.attempts() + 1;
        DeliveryState next = next(result, policy, attempts);
        Instant due = next == DeliveryState.PENDING ? micros(policy.nextAttempt(attempts, now)) : now;
        String error = truncate(result.reason());
        try (StatelessSession s = sessions.openStatelessSession()) {
            Transaction tx = s.beginTransaction();
            s.createMutationQuery("update DeliveryRow d set d.state = :s, d.attempts = :a, d.nextAttemptAt = :due, "
                    + "d.updatedAt = :now, d.lastError = :err, d.claimedBy = null where d.id = :id")
                    .setParameter("s", next.name()).setParameter("a", attempts).setParameter("due", due)
                    .setParameter("now", now).setParameter("err", error).setParameter("id", claimed.id())
                    .executeUpdate();
            if (next != DeliveryState.DELIVERED) { // the row holds a delivered attempt (AttemptRow)
                s.insert(new AttemptRow(claimed.id(), attempts, now, result.outcome().name(), error));
            }
            tx.commit();
        }
        return next;
    }

    /**
     * Puts messages claimed before {@code cutoff} and never completed back to PENDING: their claimer died (a
     * kill -9, a lost node). The attempt is not counted — it never reported.
     *
     * @return how many came back
     */
    public int releaseStaleClaims(Instant cutoff) {
        try (StatelessSession s = sessions.openStatelessSession()) {
            Transaction tx = s.beginTransaction();
            int released = release(s, "d.updatedAt < :at", micros(cutoff));
            tx.commit();
            return released;
        }
    }

    /**
     * Puts every message {@code node} holds back to PENDING: called when a node starts, whatever it held before a
     * crash was never completed. The attempts are not counted.
     *
     * @return how many came back
     */
    public int releaseClaimsOf(String node) {
        try (StatelessSession s = sessions.openStatelessSession()) {
            Transaction tx = s.beginTransaction();
            int released = release(s, "d.claimedBy = :at", node);
            tx.commit();
            return released;
        }
    }

    /** Puts claimed messages back to PENDING unattempted (claimed ahead, then their endpoint's breaker opened). */
    public void releaseClaims(List<Long> ids) {
        try (StatelessSession s = sessions.openStatelessSession()) {
            Transaction tx = s.beginTransaction();
            releaseIds(s, ids);
            tx.commit();
        }
    }

    /**
     * Puts the in-flight messages matching {@code condition} (on {@code :at}) back to PENDING, per endpoint: the ids
     * are read first from the (endpoint, state, ...) index, then updated by id. An UPDATE that changes the state while
     * walking an index holding the state livelocked H2 after a kill -9 (the crash test caught it spinning in
     * MVMap.operate for minutes); by id it touches each row once.
     */
    private static int release(StatelessSession s, String condition, Object at) {
        List<Long> ids = new ArrayList<>();
        for (String endpoint : Endpoints.stored(s)) {
            ids.addAll(s.createSelectionQuery("select d.id from DeliveryRow d where d.endpoint = :e "
                    + "and d.state = :inFlight and " + condition, Long.class).setParameter("e", endpoint)
                    .setParameter("inFlight", DeliveryState.IN_FLIGHT.name()).setParameter("at", at).getResultList());
        }
        int released = 0;
        for (int i = 0; i < ids.size(); i += 1000) {
            released += releaseIds(s, ids.subList(i, Math.min(ids.size(), i + 1000)));
        }
        return released;
    }

    private static int releaseIds(StatelessSession s, List<Long> ids) {
        return s.createMutationQuery("update DeliveryRow d set d.state = :pending, d.claimedBy = null "
                + "where d.id in :ids and d.state = :inFlight").setParameter("pending", DeliveryState.PENDING.name())
                .setParameter("inFlight", DeliveryState.IN_FLIGHT.name()).setParameter("ids", ids).executeUpdate();
    }

    /**
     * How many messages wait (PENDING, due or not) per endpoint that has any: one range of the (endpoint, state, ...)
     * index each, never DELIVERED rows.
     */
    public Map<String, Long> pendingByEndpoint() {
        try (StatelessSession s = sessions.openStatelessSession()) {
            Map<String, Long> counts = new java.util.TreeMap<>();
            for (String endpoint : Endpoints.stored(s)) {
                long n = Endpoints.count(s, endpoint, DeliveryState.PENDING.name());
                if (n > 0) {
                    counts.put(endpoint, n);
                }
            }
            return counts;
        }
    }

    /** A cheap query that fails when the database is gone. */
    public void ping() {
        try (StatelessSession s = sessions.openStatelessSession()) {
            s.createNativeQuery("select 1", Integer.class).getSingleResult();
        }
    }

    /** The state of a stored message, or null when there is none with that id. */
    public DeliveryState state(long id) {
        try (StatelessSession s = sessions.openStatelessSession()) {
            DeliveryRow row = s.get(DeliveryRow.class, id);
            return row == null ? null : DeliveryState.valueOf(row.state);
        }
    }

    /** The outcomes of a stored message's attempts, oldest first (an unknown id has none). */
    public List<String> attempts(long id) {
        try (StatelessSession s = sessions.openStatelessSession()) {
            DeliveryRow row = s.get(DeliveryRow.class, id);
            return row == null ? List.of() : AttemptRow.history(s, id, row.state, row.attempts, row.updatedAt)
                    .stream().map(AttemptInfo::outcome).toList();
        }
    }

    /** The Hibernate sessions over the store's tables, for the store's other views (operations). */
    public SessionFactory sessions() {
        return sessions;
    }

    public Vendor vendor() {
        return vendor;
    }

    @Override
    public void close() {
        sessions.close();
    }

    private static DeliveryState next(DeliveryResult result, RetryPolicy policy, int attempts) {
        return switch (result.outcome()) {
            case DELIVERED -> DeliveryState.DELIVERED;
            case PERMANENT_FAILURE -> DeliveryState.DEAD;
            case TRANSIENT_FAILURE -> policy.allowsAnother(attempts) ? DeliveryState.PENDING : DeliveryState.DEAD;
        };
    }

    private static Message message(DeliveryRow r) {
        Message.Builder b = Message.builder().id(r.messageId).operation(r.operation).body(r.body, r.contentType);
        if (r.type != null) {
            b.type(r.type);
        }
        try {
            Map<String, String> headers = JSON.readValue(r.headers, new TypeReference<Map<String, String>>() { });
            headers.forEach(b::header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored headers of delivery " + r.id + " are not JSON", e);
        }
        return b.build();
    }

    private static String json(Map<String, String> headers) {
        try {
            return JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The columns hold microseconds; a rounded-up nanosecond instant would not be due at the same instant. */
    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
    }
}
