package io.switchboard.delivery.internal.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.delivery.AttemptInfo;
import io.switchboard.delivery.AuditEntry;
import io.switchboard.delivery.DeliveryState;
import io.switchboard.delivery.MessageDetail;
import io.switchboard.delivery.MessageFilter;
import io.switchboard.delivery.Page;
import io.switchboard.delivery.StoredMessage;
import io.switchboard.delivery.internal.ops.MessageRanges.Key;
import io.switchboard.delivery.internal.store.AttemptRow;
import io.switchboard.delivery.internal.store.AuditRow;
import io.switchboard.delivery.internal.store.Endpoints;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;
import org.hibernate.query.MutationQuery;

/**
 * The database side of the operations: pages of stored messages (keyset by id, never a count over the store),
 * per-endpoint counts of undelivered messages, guarded state changes, bulk changes in batches of one transaction
 * each, the audit trail and retention. A change never touches a message in flight: every update is conditional
 * on the state, so it needs no lock against the claimers.
 */
public final class OperationsStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "select d.id, d.endpoint, d.messageId, d.type, d.operation, d.orderingKey, "
            + "d.state, d.attempts, d.nextAttemptAt, d.createdAt, d.updatedAt, d.lastError from DeliveryRow d";
    private static final String IN_FLIGHT = DeliveryState.IN_FLIGHT.name();

    private final SessionFactory sessions;

    public OperationsStore(SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Per endpoint, the number of messages in each undelivered state (delivered rows are never read). */
    public Map<String, Map<DeliveryState, Long>> undeliveredCounts() {
        try (StatelessSession s = sessions.openStatelessSession()) {
            Map<String, Map<DeliveryState, Long>> counts = new TreeMap<>();
            for (String endpoint : Endpoints.stored(s)) {
                for (DeliveryState state : List.of(DeliveryState.PENDING, DeliveryState.IN_FLIGHT, DeliveryState.DEAD)) {
                    long n = Endpoints.count(s, endpoint, state.name());
                    if (n > 0) {
                        counts.computeIfAbsent(endpoint, e -> new EnumMap<>(DeliveryState.class)).put(state, n);
                    }
                }
            }
            return counts;
        }
    }

    /**
     * Up to {@code limit} messages matching {@code filter} after {@code cursor} (null: from the start), in the order
     * of their next attempt time (for delivered and dead ones, of their last attempt), then id.
     *
     * @throws IllegalArgumentException for a cursor no page handed out
     */
    public Page<StoredMessage> list(MessageFilter filter, String cursor, int limit) {
        Key after = cursor == null || cursor.isEmpty() ? null : Key.parse(cursor);
        try (StatelessSession s = sessions.openStatelessSession()) {
            List<Object[]> rows = MessageRanges.select(s, COLUMNS, filter, after, limit + 1,
                    r -> new Key((Instant) r[8], (Long) r[0]));
            List<StoredMessage> items = rows.stream().limit(limit).map(OperationsStore::summary).toList();
            return new Page<>(items, rows.size() > limit ? new Key((Instant) rows.get(limit - 1)[8],
                    (Long) rows.get(limit - 1)[0]).cursor() : null);
        }
    }

    public Optional<MessageDetail> detail(long id) {
        try (StatelessSession s = sessions.openStatelessSession()) {
            List<Object[]> rows = s.createSelectionQuery(COLUMNS.replace(" from",
                    ", d.headers, d.contentType, d.body from") + " where d.id = :id", Object[].class)
                    .setParameter("id", id).getResultList();
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Object[] r = rows.get(0);
            List<AttemptInfo> attempts = AttemptRow.history(s, id, (String) r[6], (Integer) r[7], (Instant) r[10]);
            return Optional.of(new MessageDetail(summary(r), headers(id, (String) r[12]), (String) r[13],
                    (byte[]) r[14], attempts));
        }
    }

    /** Makes a message due now; a dead or delivered one starts again with no attempts counted. */
    public void retryNow(long id, String actor, Instant at) {
        Instant now = micros(at);
        change(id, "retry", actor, now, s -> s.createMutationQuery("update DeliveryRow d set d.attempts = "
                + "case when d.state = 'PENDING' then d.attempts else 0 end, d.state = 'PENDING', "
                + "d.nextAttemptAt = :now, d.updatedAt = :now where d.id = :id and d.state <> :inFlight"));
    }

    /** Replaces what is not null of headers, body and content type, and makes the message due now, uncounted. */
    public void edit(long id, Map<String, String> headers, byte[] body, String contentType, String actor, Instant at) {
        Instant now = micros(at);
        String set = (headers == null ? "" : "d.headers = :headers, ") + (body == null ? "" : "d.body = :body, ")
                + (contentType == null ? "" : "d.contentType = :contentType, ");
        change(id, "edit", actor, now, s -> {
            MutationQuery q = s.createMutationQuery("update DeliveryRow d set " + set + "d.attempts = 0, "
                    + "d.state = 'PENDING', d.nextAttemptAt = :now, d.updatedAt = :now "
                    + "where d.id = :id and d.state <> :inFlight");
            if (headers != null) {
                q.setParameter("headers", json(headers));
            }
            if (body != null) {
                q.setParameter("body", body);
            }
            if (contentType != null) {
                q.setParameter("contentType", contentType);
            }
            return q;
        });
    }

    /** Dead messages matching {@code filter} become due now, with no attempts counted and their history kept. */
    public int replayDead(MessageFilter filter, String actor, Instant at, int batch) {
        Instant now = micros(at);
        MessageFilter dead = MessageRanges.withState(filter, DeliveryState.DEAD);
        return inBatches(dead, batch, "replay", actor, now, (s, ids) -> s.createMutationQuery("update DeliveryRow d "
                + "set d.state = 'PENDING', d.attempts = 0, d.nextAttemptAt = :now, d.updatedAt = :now "
                + "where d.id in :ids and d.state = 'DEAD'").setParameter("now", now).setParameter("ids", ids)
                .executeUpdate());
    }

    /** Deletes the messages matching {@code filter}, but none in flight, with their attempts. */
    public int purge(MessageFilter filter, String actor, Instant at, int batch) {
        return inBatches(filter, batch, "purge", actor, micros(at), (s, ids) -> delete(s, ids, "d.state <> :keep",
                IN_FLIGHT));
    }

    /**
     * Retention: deletes the messages delivered before {@code olderThan}, with their attempts, {@code batch} per
     * transaction until none is left.
     *
     * @return how many were deleted
     */
    public int purgeDelivered(Instant olderThan, int batch) {
        Instant cutoff = micros(olderThan);
        int deleted = 0;
        List<String> endpoints;
        try (StatelessSession s = sessions.openStatelessSession()) {
            endpoints = Endpoints.stored(s);
        }
        for (String endpoint : endpoints) {
            int found;
            do {
                try (StatelessSession s = sessions.openStatelessSession()) {
                    Transaction tx = s.beginTransaction();
                    // A delivered row's next_attempt_at is its completion time: the (endpoint, state,
                    // next_attempt_at, id) index finds old ones without reading the others, already in order.
                    List<Long> ids = s.createSelectionQuery("select d.id from DeliveryRow d where d.endpoint = :e "
                            + "and d.state = 'DELIVERED' and d.nextAttemptAt < :cutoff and d.updatedAt < :cutoff",
                            Long.class).setParameter("e", endpoint).setParameter("cutoff", cutoff).setMaxResults(batch)
                            .getResultList();
                    found = ids.size();
                    if (found > 0) {
                        deleted += delete(s, ids, "d.state = :keep", DeliveryState.DELIVERED.name());
                    }
                    tx.commit();
                }
            } while (found == batch);
        }
        if (deleted > 0) {
            audit("retention", "retention", "delivered before " + cutoff, deleted, Instant.now());
        }
        return deleted;
    }

    /** Up to {@code limit} audit entries with ids below {@code before} (null: the newest), newest first. */
    public Page<AuditEntry> audit(Long before, int limit) {
        try (StatelessSession s = sessions.openStatelessSession()) {
            List<Object[]> rows = s.createSelectionQuery("select a.id, a.at, a.actor, a.action, a.target, a.affected "
                    + "from AuditRow a" + (before == null ? "" : " where a.id < :before") + " order by a.id desc",
                    Object[].class).setProperties(before == null ? Map.of() : Map.of("before", before))
                    .setMaxResults(limit + 1).getResultList();
            List<AuditEntry> items = rows.stream().limit(limit).map(r -> new AuditEntry((Instant) r[1],
                    (String) r[2], (String) r[3], (String) r[4], (Integer) r[5])).toList();
            return new Page<>(items, rows.size() > limit ? String.valueOf(rows.get(limit - 1)[0]) : null);
        }
    }

    /** One guarded update of one message and its audit row, in one transaction. */
    private void change(long id, String action, String actor, Instant now,
            Function<StatelessSession, MutationQuery> update) {
        try (StatelessSession s = sessions.openStatelessSession()) {
            Transaction tx = s.beginTransaction();
            List<Object[]> before = s.createSelectionQuery("select d.state, d.attempts, d.updatedAt from DeliveryRow d "
                    + "where d.id = :id", Object[].class).setParameter("id", id).getResultList();
            int updated = update.apply(s).setParameter("now", now).setParameter("id", id)
                    .setParameter("inFlight", IN_FLIGHT).executeUpdate();
            if (updated > 0 && DeliveryState.DELIVERED.name().equals(before.get(0)[0])) {
                // its delivered attempt had no row (AttemptRow): it stays in the history
                s.insert(AttemptRow.delivered(id, (Integer) before.get(0)[1], (Instant) before.get(0)[2]));
            }
            if (updated == 0) {
                List<String> state = s.createSelectionQuery("select d.state from DeliveryRow d where d.id = :id",
                        String.class).setParameter("id", id).getResultList();
                tx.rollback();
                if (state.isEmpty()) {
                    throw new NoSuchElementException("no stored message " + id);
                }
                throw new IllegalStateException("stored message " + id + " is " + state.get(0)
                        + ": an attempt is running; try again when it has completed");
            }
            s.insert(new AuditRow(now, bounded(actor, 200), action, "message " + id, 1));
            tx.commit();
        }
    }

    /**
     * Walks the messages matching {@code filter} in id order, {@code batch} per transaction, applying
     * {@code action} to each batch's ids; one audit row at the end with the total, also when a batch failed.
     */
    private int inBatches(MessageFilter filter, int batch, String action, String actor, Instant now,
            BiFunction<StatelessSession, List<Long>, Integer> change) {
        int affected = 0;
        Key after = null;
        try {
            List<Object[]> rows;
            do {
                try (StatelessSession s = sessions.openStatelessSession()) {
                    Transaction tx = s.beginTransaction();
                    rows = MessageRanges.select(s, "select d.id, d.nextAttemptAt from DeliveryRow d", filter, after,
                            batch, r -> new Key((Instant) r[1], (Long) r[0]));
                    if (!rows.isEmpty()) {
                        affected += change.apply(s, rows.stream().map(r -> (Long) r[0]).toList());
                        Object[] last = rows.get(rows.size() - 1);
                        after = new Key((Instant) last[1], (Long) last[0]);
                    }
                    tx.commit();
                }
            } while (rows.size() == batch);
        } finally {
            audit(actor, action, filter.toString(), affected, now);
        }
        return affected;
    }

    /** Deletes the rows of {@code ids} whose state passes {@code guard}, then the attempts of those deleted. */
    private static int delete(StatelessSession s, List<Long> ids, String guard, String state) {
        int deleted = s.createMutationQuery("delete from DeliveryRow d where d.id in :ids and " + guard)
                .setParameter("ids", ids).setParameter("keep", state).executeUpdate();
        // the rows the guard kept keep their history
        s.createMutationQuery("delete from AttemptRow a where a.deliveryId in :ids and not exists "
                + "(select 1 from DeliveryRow d where d.id = a.deliveryId)").setParameter("ids", ids).executeUpdate();
        return deleted;
    }

    private void audit(String actor, String action, String target, int affected, Instant at) {
        try (StatelessSession s = sessions.openStatelessSession()) {
            Transaction tx = s.beginTransaction();
            s.insert(new AuditRow(micros(at), bounded(actor, 200), action, bounded(target, 2000), affected));
            tx.commit();
        }
    }

    private static StoredMessage summary(Object[] r) {
        return new StoredMessage(String.valueOf(r[0]), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], DeliveryState.valueOf((String) r[6]), (Integer) r[7], (Instant) r[8], (Instant) r[9],
                (Instant) r[10], (String) r[11]);
    }

    private static Map<String, String> headers(long id, String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored headers of delivery " + id + " are not JSON", e);
        }
    }

    private static String json(Map<String, String> headers) {
        try {
            return JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String bounded(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** The columns hold microseconds. */
    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
