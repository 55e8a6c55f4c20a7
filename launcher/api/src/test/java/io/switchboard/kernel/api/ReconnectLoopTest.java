package io.switchboard.kernel.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReconnectLoopTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void theWaitDoublesWithEachFailureUpToTheLongest() {
        ReconnectLoop loop = new ReconnectLoop(Duration.ofMillis(1), Duration.ofMillis(8));
        List<Duration> waits = new ArrayList<>();
        loop.run(() -> {
            throw new IllegalStateException("broker down");
        }, (failure, wait) -> {
            waits.add(wait);
            if (waits.size() == 6) {
                loop.stop();
            }
        });
        assertEquals(List.of(1L, 2L, 4L, 8L, 8L, 8L), waits.stream().map(Duration::toMillis).toList());
    }

    @Test
    void aFixedLoopAlwaysWaitsTheSame() {
        ReconnectLoop loop = ReconnectLoop.every(Duration.ofMillis(1));
        List<Duration> waits = new ArrayList<>();
        loop.run(() -> {
            throw new IllegalStateException("session gone");
        }, (failure, wait) -> {
            waits.add(wait);
            if (waits.size() == 3) {
                loop.stop();
            }
        });
        assertEquals(List.of(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1)), waits);
    }

    @Test
    void stopEndsAWaitInProgressAtOnce() throws Exception {
        ReconnectLoop loop = new ReconnectLoop(HOUR, HOUR);
        CountDownLatch failed = new CountDownLatch(1);
        Thread worker = new Thread(() -> loop.run(() -> {
            throw new IllegalStateException("broker down");
        }, (failure, wait) -> failed.countDown()));
        worker.start();
        assertTrue(failed.await(10, TimeUnit.SECONDS));
        loop.stop(); // the worker is about to wait, or waits, an hour
        worker.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(worker.isAlive(), "the hour's wait ended with stop()");
        assertFalse(loop.running());
    }

    @Test
    void anInterruptDuringAWaitStopsTheLoopAndKeepsTheFlag() throws Exception {
        ReconnectLoop loop = new ReconnectLoop(HOUR, HOUR);
        CountDownLatch failed = new CountDownLatch(1);
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            loop.run(() -> {
                throw new IllegalStateException("broker down");
            }, (failure, wait) -> failed.countDown());
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        worker.start();
        assertTrue(failed.await(10, TimeUnit.SECONDS));
        worker.interrupt();
        worker.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(worker.isAlive());
        assertFalse(loop.running());
        assertEquals(Boolean.TRUE, interruptedAfter.get());
    }

    @Test
    void aConnectionThatWorkedStartsTheWaitsOverAndAnErrorIsAFailureLikeAnyOther() {
        ReconnectLoop loop = new ReconnectLoop(Duration.ofMillis(1), Duration.ofMillis(30));
        AtomicInteger attempts = new AtomicInteger();
        List<Long> waits = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        loop.run(() -> {
            int n = attempts.incrementAndGet();
            if (n == 3) {
                loop.reset(); // opened: the connection works
                throw new StackOverflowError("lost later");
            }
            if (n == 5) {
                loop.stop(); // works until stopped
                return;
            }
            throw new IllegalStateException("down " + n);
        }, (failure, wait) -> {
            waits.add(wait.toMillis());
            failures.add(failure.getMessage());
        });
        assertEquals(5, attempts.get());
        assertEquals(List.of(1L, 2L, 1L, 2L), waits);
        assertEquals(List.of("down 1", "down 2", "lost later", "down 4"), failures);
    }

    @Test
    void aFailureAfterStopIsNotReportedNorWaitedFor() {
        ReconnectLoop loop = new ReconnectLoop(HOUR, HOUR);
        List<Throwable> failures = new ArrayList<>();
        loop.run(() -> {
            loop.stop();
            throw new IllegalStateException("closed under it");
        }, (failure, wait) -> failures.add(failure));
        assertEquals(List.of(), failures);
    }

    @Test
    void backOffAndPauseSayWhetherTheLoopStillRuns() {
        ReconnectLoop loop = new ReconnectLoop(Duration.ofMillis(1), Duration.ofMillis(3));
        assertTrue(loop.backOff());
        assertEquals(Duration.ofMillis(2), loop.delay());
        assertTrue(loop.backOff());
        assertEquals(Duration.ofMillis(3), loop.delay());
        loop.stop();
        assertFalse(loop.pause(HOUR));
        assertFalse(loop.backOff());
    }

    @Test
    void waitsMustBePositiveAndTheLongestAtLeastTheFirst() {
        assertThrows(IllegalArgumentException.class, () -> new ReconnectLoop(Duration.ZERO, HOUR));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectLoop(HOUR, Duration.ofMillis(1)));
    }
}
