package io.switchboard.dispatch.runtime.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Type → handler resolution. The most specific declared type wins ({@code shape.circle} before {@code shape}),
 * then the highest {@code service.ranking}, then the lowest service id; handlers that declare operations only
 * see those. Copy-on-write: dispatch threads read a snapshot without locking.
 */
final class HandlerIndex {

    private static final Comparator<HandlerEntry> PREFERENCE = Comparator
            .comparingInt((HandlerEntry e) -> e.ranking).reversed()
            .thenComparingLong(e -> e.serviceId);

    private volatile Map<String, List<HandlerEntry>> byType = Map.of();
    private volatile List<HandlerEntry> all = List.of();

    synchronized void add(HandlerEntry entry) {
        List<HandlerEntry> next = new ArrayList<>(all);
        next.add(entry);
        rebuild(next);
    }

    synchronized HandlerEntry remove(long serviceId) {
        List<HandlerEntry> next = new ArrayList<>(all);
        HandlerEntry removed = null;
        for (var it = next.iterator(); it.hasNext();) {
            HandlerEntry e = it.next();
            if (e.serviceId == serviceId) {
                removed = e;
                it.remove();
            }
        }
        rebuild(next);
        return removed;
    }

    /** The handler for this type and operation (null when none), walking from the type to its ancestors. */
    HandlerEntry resolve(String type, String operation) {
        Map<String, List<HandlerEntry>> index = byType;
        String t = type;
        while (t != null) {
            List<HandlerEntry> candidates = index.get(t);
            if (candidates != null) {
                for (HandlerEntry e : candidates) {
                    if (e.handlesOperation(operation)) {
                        return e;
                    }
                }
            }
            int dot = t.lastIndexOf('.');
            t = dot < 0 ? null : t.substring(0, dot);
        }
        return null;
    }

    List<HandlerEntry> all() {
        return all;
    }

    private void rebuild(List<HandlerEntry> entries) {
        Map<String, List<HandlerEntry>> index = new HashMap<>();
        for (HandlerEntry e : entries) {
            for (String type : e.types) {
                index.computeIfAbsent(type, k -> new ArrayList<>()).add(e);
            }
        }
        index.values().forEach(l -> l.sort(PREFERENCE));
        index.replaceAll((k, v) -> List.copyOf(v));
        byType = Map.copyOf(index);
        all = List.copyOf(entries);
    }
}
