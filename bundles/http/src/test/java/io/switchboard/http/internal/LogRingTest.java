package io.switchboard.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogRingTest {

    private final LogRing ring = new LogRing();

    @Test
    void theNewestAtOrAboveTheLevelComeOldestFirst() {
        ring.add(Instant.EPOCH, "INFO", "a", "t", "one", null);
        ring.add(Instant.EPOCH, "WARN", "a", "t", "two", null);
        ring.add(Instant.EPOCH, "ERROR", "b", "t", "three", "java.lang.IllegalStateException: Boom\n\tat x");
        ring.add(Instant.EPOCH, "WARN", "a", "t", "four", null);
        assertEquals(List.of("three", "four"), messages(ring.recent("WARN", 2, null, 0)));
        assertEquals(List.of("two", "three", "four"), messages(ring.recent("WARN", 10, null, 0)));
        assertEquals(List.of("three"), messages(ring.recent("TRACE", 10, "boom", 0)), "the stack trace is searched");
        assertEquals(List.of("four"), messages(ring.recent("TRACE", 10, null, 3)), "only what came after seq 3");
    }

    @Test
    void theOldestGoWhenTheRingIsFull() {
        for (int i = 0; i < LogRing.CAPACITY + 10; i++) {
            ring.add(Instant.EPOCH, "INFO", "a", "t", "m" + i, null);
        }
        List<LogRing.Entry> all = ring.recent("TRACE", LogRing.CAPACITY, null, 0);
        assertEquals(LogRing.CAPACITY, all.size());
        assertEquals("m10", all.get(0).message());
    }

    private static List<String> messages(List<LogRing.Entry> entries) {
        return entries.stream().map(LogRing.Entry::message).toList();
    }
}
