package io.switchboard.routing.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loops of routes that their files show: route A sends to the destination route B consumes, and B, directly or
 * through others, sends back to A's. A loop may be meant (a filter lets messages out of it), so it is not refused; it
 * is named at deploy time, and at run time the hop limit bounds its depth and {@link FanOut} its width. Destinations
 * named only at run time (a recipient list) are not seen here.
 */
final class RouteCycles {

    private RouteCycles() {
    }

    /**
     * The shortest loop through {@code start} among {@code routes}, written as {@code a -> jms:queue:x -> b ->
     * jms:queue:y -> a}; null when there is none.
     */
    static String through(RouteDefinition start, Collection<RouteDefinition> routes) {
        Map<String, List<RouteDefinition>> bySource = new HashMap<>();
        for (RouteDefinition r : routes) {
            String source = source(r);
            if (source != null) {
                bySource.computeIfAbsent(source, k -> new ArrayList<>()).add(r);
            }
        }
        // breadth first from start: the first way back to it is the shortest loop
        Map<RouteDefinition, RouteDefinition> cameFrom = new HashMap<>();
        Map<RouteDefinition, String> via = new HashMap<>();
        Deque<RouteDefinition> next = new ArrayDeque<>(List.of(start));
        while (!next.isEmpty()) {
            RouteDefinition r = next.poll();
            for (String destination : destinations(r.pipeline())) {
                for (RouteDefinition q : bySource.getOrDefault(destination, List.of())) {
                    if (q == start) {
                        return path(start, r, destination, cameFrom, via);
                    }
                    if (!cameFrom.containsKey(q)) {
                        cameFrom.put(q, r);
                        via.put(q, destination);
                        next.add(q);
                    }
                }
            }
        }
        return null;
    }

    private static String path(RouteDefinition start, RouteDefinition last, String closing,
            Map<RouteDefinition, RouteDefinition> cameFrom, Map<RouteDefinition, String> via) {
        List<String> parts = new ArrayList<>(List.of(closing, start.id()));
        for (RouteDefinition r = last; r != start; r = cameFrom.get(r)) {
            parts.add(0, r.id());
            parts.add(0, via.get(r));
        }
        parts.add(0, start.id());
        return String.join(" -> ", parts);
    }

    /** The destination a route consumes, as {@link #destinations} writes them; null for timers and bridges. */
    private static String source(RouteDefinition r) {
        if (r.source().timer() || r.source().bridge()) {
            return null;
        }
        return "jms:" + (r.source().topic() ? "topic:" : "queue:") + r.source().name();
    }

    /** The broker destinations the steps send to, nested steps' too, in the order of the file. */
    static Set<String> destinations(Pipeline p) {
        Set<String> out = new LinkedHashSet<>();
        for (Pipeline.Counted c : Pipeline.allSteps(p)) {
            List<Target> targets = c.step instanceof Steps.To to ? to.targets()
                    : c.step instanceof Steps.WireTap tap ? List.of(tap.target())
                    : c.step instanceof Steps.Enrich enrich ? List.of(enrich.target()) : List.of();
            for (Target t : targets) {
                if (t.kind() != Target.Kind.BRIDGE) {
                    out.add("jms:" + (t.topic() ? "topic:" : "queue:") + t.name());
                }
            }
        }
        return out;
    }
}
