package io.switchboard.delivery.internal.ops;

import io.switchboard.delivery.DeliveryState;
import io.switchboard.delivery.MessageFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.hibernate.StatelessSession;
import org.hibernate.query.SelectionQuery;

/**
 * Reads the stored messages a filter matches in id order, a page at a time, as ranges of the (state, endpoint, id)
 * index (V2): a page costs the rows it returns, whatever the size of the store.
 */
final class MessageRanges {

    private MessageRanges() {
    }

    /**
     * Up to {@code limit} rows matching {@code f} above id {@code after}, in id order, each read as one range of
     * the (state, endpoint, id) index so that nothing is sorted but the pages read: with only an endpoint, one range
     * per state; with only a state, one range per endpoint that has messages in it; merged by id.
     */
    static <T> List<T> select(StatelessSession s, String select, MessageFilter f, Long after, int limit,
            Class<T> type, ToLongFunction<T> id) {
        List<MessageFilter> ranges;
        if (f.endpoint() != null && f.state() == null) {
            ranges = Stream.of(DeliveryState.values()).map(state -> withState(f, state)).toList();
        } else if (f.endpoint() == null && f.state() != null) {
            ranges = endpoints(s, f.state()).stream().map(e -> new MessageFilter(e, f.state(), f.messageIdPrefix(),
                    f.type(), f.olderThan())).toList();
        } else {
            ranges = List.of(f);
        }
        if (ranges.size() == 1) {
            return range(s, select, ranges.get(0), after, limit, type);
        }
        List<T> rows = new ArrayList<>();
        for (MessageFilter r : ranges) {
            rows.addAll(range(s, select, r, after, limit, type));
        }
        rows.sort(Comparator.comparingLong(id));
        return rows.subList(0, Math.min(rows.size(), limit));
    }

    /** The endpoints with messages in {@code state}: one index seek per endpoint (a loose index scan). */
    private static List<String> endpoints(StatelessSession s, DeliveryState state) {
        List<String> endpoints = new ArrayList<>();
        String last = "";
        while (true) {
            List<String> next = s.createSelectionQuery("select d.endpoint from DeliveryRow d where d.state = :state "
                    + "and d.endpoint > :last order by d.state, d.endpoint", String.class)
                    .setParameter("state", state.name()).setParameter("last", last).setMaxResults(1).getResultList();
            if (next.isEmpty()) {
                return endpoints;
            }
            last = next.get(0);
            endpoints.add(last);
        }
    }

    private static <T> List<T> range(StatelessSession s, String select, MessageFilter f, Long after, int limit,
            Class<T> type) {
        Map<String, Object> p = new LinkedHashMap<>();
        List<String> where = new ArrayList<>();
        if (f.state() != null) {
            where.add("d.state = :state");
            p.put("state", f.state().name());
        }
        if (f.endpoint() != null) {
            where.add("d.endpoint = :endpoint");
            p.put("endpoint", f.endpoint());
        }
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
            where.add("d.id > :after");
            p.put("after", after);
        }
        // state and endpoint are fixed within a range, yet H2 sees that the index delivers id order only when the
        // ORDER BY names them too; without them it reads and sorts the whole range for one page
        String order = f.state() != null && f.endpoint() != null ? " order by d.state, d.endpoint, d.id"
                : " order by d.id";
        SelectionQuery<T> q = s.createSelectionQuery(select + (where.isEmpty() ? "" : " where "
                + String.join(" and ", where)) + order, type);
        p.forEach(q::setParameter);
        return q.setMaxResults(limit).getResultList();
    }

    static MessageFilter withState(MessageFilter f, DeliveryState state) {
        return new MessageFilter(f.endpoint(), state, f.messageIdPrefix(), f.type(), f.olderThan());
    }
}
