package io.switchboard.delivery.internal.store;

import java.util.ArrayList;
import java.util.List;
import org.hibernate.StatelessSession;

/**
 * The endpoints that have stored messages, found by one index seek each on the leading column of (endpoint, state,
 * next_attempt_at, id): a loose index scan, so the store's size does not matter, on H2 as on PostgreSQL (which has
 * no skip scan before version 18, so {@code select distinct} would read the whole index).
 */
public final class Endpoints {

    private Endpoints() {
    }

    /** Every endpoint with at least one stored message, in name order. */
    public static List<String> stored(StatelessSession s) {
        List<String> endpoints = new ArrayList<>();
        String last = "";
        while (true) {
            List<String> next = s.createSelectionQuery("select d.endpoint from DeliveryRow d where d.endpoint > :last "
                    + "order by d.endpoint", String.class).setParameter("last", last).setMaxResults(1).getResultList();
            if (next.isEmpty()) {
                return endpoints;
            }
            last = next.get(0);
            endpoints.add(last);
        }
    }

    /** How many messages {@code endpoint} has in {@code state}: one range of the index. */
    public static long count(StatelessSession s, String endpoint, String state) {
        return s.createSelectionQuery("select count(d) from DeliveryRow d where d.endpoint = :e and d.state = :s",
                Long.class).setParameter("e", endpoint).setParameter("s", state).getSingleResult();
    }
}
