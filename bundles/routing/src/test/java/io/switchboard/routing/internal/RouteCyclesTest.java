package io.switchboard.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteCyclesTest {

    private static RouteDefinition route(String id, String from, String steps) throws Exception {
        return RouteParser.parse(new StringReader("- route:\n    id: " + id + "\n    from:\n      uri: " + from
                + "\n      steps: " + steps + "\n"), "deploy/" + id + ".route.yaml").get(0);
    }

    @Test
    void twoRoutesFeedingEachOtherAreALoopNamedWithTheirDestinations() throws Exception {
        // as reported: a -> b -> a, each doubling; seen in the files at deploy time
        RouteDefinition a = route("a", "jms:queue:a.in", "[{to: [jms:queue:b.in, jms:queue:b.in]}]");
        RouteDefinition b = route("b", "jms:queue:b.in",
                "[{filter: {selector: 'x = 1', steps: [{to: [jms:queue:a.in, jms:topic:audit]}]}}]");
        RouteDefinition audit = route("audit", "jms:topic:audit", "[{to: jms:queue:archive}]");
        List<RouteDefinition> all = List.of(a, b, audit);
        assertEquals("a -> jms:queue:b.in -> b -> jms:queue:a.in -> a", RouteCycles.through(a, all));
        assertEquals("b -> jms:queue:a.in -> a -> jms:queue:b.in -> b", RouteCycles.through(b, all));
        assertNull(RouteCycles.through(audit, all));
    }

    @Test
    void aRouteSendingToItsOwnSourceAndALongLoopAreFound() throws Exception {
        RouteDefinition self = route("self", "jms:queue:s", "[{wireTap: {uri: jms:queue:s}}]");
        assertEquals("self -> jms:queue:s -> self", RouteCycles.through(self, List.of(self)));
        List<RouteDefinition> ring = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ring.add(route("r" + i, "jms:queue:q" + i, "[{to: jms:queue:q" + ((i + 1) % 5) + "}]"));
        }
        assertEquals("r0 -> jms:queue:q1 -> r1 -> jms:queue:q2 -> r2 -> jms:queue:q3 -> r3 -> jms:queue:q4 -> r4 "
                + "-> jms:queue:q0 -> r0", RouteCycles.through(ring.get(0), ring));
        assertNull(RouteCycles.through(ring.get(0), ring.subList(0, 4)), "an open chain is no loop");
    }
}
