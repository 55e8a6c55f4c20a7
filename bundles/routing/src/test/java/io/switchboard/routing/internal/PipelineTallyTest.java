package io.switchboard.routing.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.routing.StepInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class PipelineTallyTest {

    @Test
    void aStepCountsOnlyWhatATransactionKeptWithTheTimesOfItsFirstAndLastMessage() throws Exception {
        Pipeline.Counted step = new Pipeline.Counted("1", "to", "jms:queue:out", null);
        Pipeline.Tally tally = new Pipeline.Tally();
        assertNull(step.info().firstAt(), "no message yet");

        tally.add(step, true, false, 1_000);
        tally.discarded(); // a batch rolled back to be tried one at a time: nothing happened yet
        assertEquals(0, step.info().in());
        assertNull(step.info().lastAt());

        tally.add(step, true, false, 1_000);
        tally.add(step, true, false, 3_000);
        tally.committed();
        StepInfo first = step.info();
        assertEquals(2, first.in());
        assertEquals(2, first.out());
        assertEquals(0.002, first.meanMillis(), 1e-9);
        assertFalse(first.lastAt().isBefore(first.firstAt()));

        // the tally keeps microseconds of the wall clock: the next message comes once it has moved on
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(1))
                .until(() -> Instant.now().truncatedTo(ChronoUnit.MICROS).isAfter(first.lastAt()));
        tally.add(step, false, true, 1_000);
        tally.rolledBack();
        StepInfo second = step.info();
        assertEquals(3, second.in());
        assertEquals(1, second.failed());
        assertEquals(first.firstAt(), second.firstAt(), "the first message stays the first");
        assertTrue(second.lastAt().isAfter(first.lastAt()), "the last moves on");
    }
}
