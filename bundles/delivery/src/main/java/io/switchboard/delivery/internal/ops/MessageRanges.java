package io.switchboard.delivery.internal.ops;

import io.switchboard.delivery.DeliveryState;
import io.switchboard.delivery.MessageFilter;
import io.switchboard.delivery.internal.store.Endpoints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hibernate.StatelessSession;
import org.hibernate.query.SelectionQuery;

/**
 * Reads the stored messages a filter matches a page at a time, in the order of their next attempt time, then id,
 * as ranges of the (endpoint, state, next_attempt_at, id) index (V4), one per endpoint and state: a page costs the
 * rows it returns, whatever the size of the store. Waiting and in-flight messages come in the order they are due;
 * delivered and dead ones in the order they completed (their next_attempt_at is the time of their last attempt).
 */
final class MessageRanges {

    /** A position in that order; the cursor a page hands out. */
    record Key(Instant at, long id) {

        static final Comparator<Key> ORDER = Comparator.comparing(Key::at).thenComparingLong(Key::id);

        /** The opaque cursor: microseconds since the epoch and the id. */
        String cursor() {
            return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000) + "." + id;
        }

        /** @throws IllegalArgumentException when {@code cursor} is not one {@link #cursor()} made */
        static Key parse(String cursor) {
            int dot = cursor.indexOf('.');
            try {
                if (dot < 1) {
                    throw new NumberFormatException();
                }
                long micros = Long.parseLong(cursor.substring(0, dot));
                return new Key(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1000), Long.parseLong(cursor.substring(dot + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cursor '" + cursor + "' is not one a previous page handed out");
            }
        }
    }

    private MessageRanges() {
    }

    /**
     * Up to {@code limit} rows matching {@code f} after {@code after} (null: from the start), in key order;
     * {@code key} reads a row's key.
     */
    static List<Object[]> select(StatelessSession s, String select, MessageFilter f, Key after, int limit,
            Function<Object[], Key> key) {
        List<String> endpoints = f.endpoint() != null ? List.of(f.endpoint()) : Endpoints.stored(s);
        List<DeliveryState> states = f.state() != null ? List.of(f.state()) : List.of(DeliveryState.values());
        List<Object[]> rows = new ArrayList<>();
        for (String endpoint : endpoints) {
            for (DeliveryState state : states) {
                rows.addAll(range(s, select, endpoint, state, f, after, limit));
            }
        }
        rows.sort(Comparator.comparing(key, Key.ORDER));
        return rows.subList(0, Math.min(rows.size(), limit));
    }

    private static List<Object[]> range(StatelessSession s, String select, String endpoint, DeliveryState state,
            MessageFilter f, Key after, int limit) {
        Map<String, Object> p = new LinkedHashMap<>();
        List<String> where = new ArrayList<>(List.of("d.endpoint = :endpoint", "d.state = :state"));
        p.put("endpoint", endpoint);
        p.put("state", state.name());
        if (f.messageIdPrefix() != null) {
            where.add("d.messageId like :prefix escape '!'");
            p.put("prefix", f.messageIdPrefix().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (f.type() != null) {
            where.add("d.type = :type");
            p.put("type", f.type());
        }
        if (f.olderThan() != null) {
            where.add("d.updatedAt < :olderThan");
            p.put("olderThan", OperationsStore.micros(f.olderThan()));
        }
        if (after != null) {
            // the >= bounds the index range, so a deep page does not walk the pages before it
            where.add("d.nextAttemptAt >= :afterAt and (d.nextAttemptAt > :afterAt or d.id > :afterId)");
            p.put("afterAt", after.at());
            p.put("afterId", after.id());
        }
        // endpoint and state are fixed within a range, yet H2 sees that the index delivers this order only when the
        // ORDER BY names them too; without them it reads and sorts the whole range for one page
        SelectionQuery<Object[]> q = s.createSelectionQuery(select + " where " + String.join(" and ", where)
                + " order by d.endpoint, d.state, d.nextAttemptAt, d.id", Object[].class);
        p.forEach(q::setParameter);
        return q.setMaxResults(limit).getResultList();
    }

    static MessageFilter withState(MessageFilter f, DeliveryState state) {
        return new MessageFilter(f.endpoint(), state, f.messageIdPrefix(), f.type(), f.olderThan());
    }
}
