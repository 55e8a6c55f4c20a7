package io.switchboard.kernel.api;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A worker that lives on a broker connection which can fail: it opens and works until it is stopped or fails;
 * after a failure it waits and opens again. The wait starts at {@code first} and doubles with each failure up to
 * {@code longest} (equal figures give a fixed wait), and is back at {@code first} once the worker says its
 * connection works ({@link #reset}). Every wait ends at once when {@link #stop} is called, from any thread; an
 * interrupt of the waiting thread stops the loop too. What is logged stays with the worker: its lines are the ones
 * operators search for.
 *
 * <p>One loop serves one thread. Delivery's accept path, dispatch's consumers and routing's route consumers run on it.
 */
public final class ReconnectLoop {

    /** One life of the worker's connection: opens it and works until stopped, or throws when it fails. */
    @ConsumerType
    @FunctionalInterface
    public interface Attempt {
        void run() throws Exception;
    }

    /** Told of each failure while the loop runs, before it waits {@code wait} and tries again. */
    @ConsumerType
    @FunctionalInterface
    public interface Failure {
        void failed(Throwable failure, Duration wait);
    }

    private final Duration first;
    private final Duration longest;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** The next wait; read by other threads only to say it. */
    private volatile Duration delay;

    /**
     * @param first the wait after the first failure, and after a {@link #reset}
     * @param longest the longest wait, where doubling stops
     */
    public ReconnectLoop(Duration first, Duration longest) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(longest, "longest");
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0) {
            throw new IllegalArgumentException("waits must be positive, longest at least first: " + first + ", "
                    + longest);
        }
        this.first = first;
        this.longest = longest;
        this.delay = first;
    }

    /** A loop that always waits {@code wait}. */
    public static ReconnectLoop every(Duration wait) {
        return new ReconnectLoop(wait, wait);
    }

    /**
     * Runs {@code attempt} until stopped. Whatever it throws while the loop runs (an {@link Error} too: a failing
     * worker is never the end of its thread) goes to {@code failure} with the coming wait, then the loop waits and
     * runs it again. An attempt that returns is run again at once while the loop runs.
     */
    public void run(Attempt attempt, Failure failure) {
        while (running()) {
            try {
                attempt.run();
            } catch (Exception | Error e) {
                if (!running()) {
                    return;
                }
                failure.failed(e, delay);
                backOff();
            }
        }
    }

    /** Whether the loop has not been stopped. */
    public boolean running() {
        return stopped.getCount() > 0;
    }

    /** Stops the loop: a wait in progress ends at once, and no attempt starts again. */
    public void stop() {
        stopped.countDown();
    }

    /** The connection works: the next wait is {@code first} again. */
    public void reset() {
        delay = first;
    }

    /** The wait the next {@link #backOff} takes. */
    public Duration delay() {
        return delay;
    }

    /**
     * Waits the current delay and doubles it for the next time (up to {@code longest}): for a worker that meets a
     * failure it handles itself (a database that refused a batch) and must not press on at once.
     *
     * @return false when the loop was stopped (the wait ended early)
     */
    public boolean backOff() {
        Duration wait = delay;
        Duration doubled = wait.multipliedBy(2);
        delay = doubled.compareTo(longest) > 0 ? longest : doubled;
        return pause(wait);
    }

    /**
     * Waits {@code wait}, or less when the loop is stopped meanwhile. An interrupt stops the loop (the flag stays
     * set for the caller to see).
     *
     * @return false when the loop was stopped
     */
    public boolean pause(Duration wait) {
        try {
            return !stopped.await(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            return false;
        }
    }
}
