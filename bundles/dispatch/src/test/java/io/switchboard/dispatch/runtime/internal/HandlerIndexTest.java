package io.switchboard.dispatch.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.dispatch.MessageHandler;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerIndexTest {

    private static long ids = 1;

    private static HandlerEntry entry(String name, String type, int ranking, String... operations) {
        Map<String, Object> p = new HashMap<>();
        p.put(MessageHandler.TYPE, type);
        p.put(MessageHandler.OPERATIONS, operations);
        p.put("service.ranking", ranking);
        p.put("service.id", ids++);
        p.put("component.name", name);
        return new HandlerEntry(m -> null, p, "test", 1,
                new DispatchMetrics(new SimpleMeterRegistry()).forHandler("test"));
    }

    @Test
    void theMostSpecificTypeWinsOverAHigherRanking() {
        // rule: shape.circle before shape, whatever the ranking
        HandlerIndex index = new HandlerIndex();
        index.add(entry("shape", "shape", 100));
        index.add(entry("circle", "shape.circle", 0));
        assertEquals("circle", index.resolve("shape.circle", null).name);
        assertEquals("circle", index.resolve("shape.circle.big", "area").name);
        assertEquals("shape", index.resolve("shape.square", null).name);
        assertNull(index.resolve("shapes", null));
        assertNull(index.resolve("other", null));
    }

    @Test
    void rankingThenServiceIdBreakTies() {
        // rule: highest service.ranking, then the oldest service
        HandlerIndex index = new HandlerIndex();
        HandlerEntry first = entry("first", "t", 0);
        index.add(first);
        index.add(entry("second", "t", 0));
        assertEquals("first", index.resolve("t", null).name);
        index.add(entry("ranked", "t", 5));
        assertEquals("ranked", index.resolve("t", null).name);
        index.remove(index.resolve("t", null).serviceId);
        assertEquals("first", index.resolve("t", null).name);
    }

    @Test
    void operationsFilterAndFallBackToAnAncestor() {
        // rule: a handler declaring operations sees only those; others fall through to the next candidate
        HandlerIndex index = new HandlerIndex();
        index.add(entry("area-only", "shape.circle", 0, "area"));
        index.add(entry("generic", "shape", 0));
        assertEquals("area-only", index.resolve("shape.circle", "area").name);
        assertEquals("generic", index.resolve("shape.circle", "perimeter").name);
        assertEquals("generic", index.resolve("shape.circle", null).name);
    }
}
