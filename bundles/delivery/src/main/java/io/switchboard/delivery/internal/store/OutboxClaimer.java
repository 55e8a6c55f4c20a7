package io.switchboard.delivery.internal.store;

import io.switchboard.delivery.DeliveryState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;

/**
 * Claims due messages for attempts (PENDING to IN_FLIGHT, for one node), and gives claims back to wait: those of a
 * node that restarts, those older than the lease (their claimer died), and those a node took and never attempted.
 */
public final class OutboxClaimer {

    private final SessionFactory sessions;

    OutboxClaimer(SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Where a claim left off in an endpoint's due order (next attempt time, then id). */
    public record Position(Instant nextAttemptAt, long id) {
    }

    /**
     * Claims up to {@code limit} due messages of every endpoint (tests and tools; the retransmitter claims per
     * endpoint).
     */
    public List<Claimed> claim(int limit, Instant at) {
        try (StatelessSession s = sessions.openStatelessSession()) {
            return claim(limit, at, Endpoints.stored(s));
        }
    }

    /** As {@link #claim(String, int, Instant, String)} for each of {@code endpoints} in turn, up to {@code limit}. */
    public List<Claimed> claim(int limit, Instant at, Collection<String> endpoints) {
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
        Instant now = Columns.micros(at);
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
                claimed.add(new Claimed(r.id, r.endpoint, r.attempts, r.orderingKey, Columns.message(r),
                        new Position(r.nextAttemptAt, r.id)));
            }
            return claimed;
        }
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
            int released = release(s, "d.updatedAt < :at", Columns.micros(cutoff));
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
}
