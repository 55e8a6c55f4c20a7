package io.switchboard.kernel.api;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs code the platform does not control (a bundle's activator or its stop, a deploy handler) on a thread of its own
 * and stops waiting for it after a limit. Felix holds a bundle's lock while its activator runs, so the waiting must
 * happen on another thread: the caller goes on, whatever the call does. An overdue call is interrupted (an activator
 * blocked in a wait returns with an exception); one that ignores the interrupt is left running, on a daemon thread
 * that is named after what it does. Used by the deployer (each file) and the kernel (each bundle it stops itself).
 */
public final class TimeLimit {

    private static final AtomicInteger THREADS = new AtomicInteger();
    /** How long an interrupted call gets to finish before it is abandoned. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final Duration limit;
    private final String setting;

    /**
     * @param limit   how long a call may take
     * @param setting the setting that sets the limit, named in the message of an overdue call
     */
    public TimeLimit(Duration limit, String setting) {
        this.limit = limit;
        this.setting = setting;
    }

    public Duration limit() {
        return limit;
    }

    /**
     * @param what for the thread name and the message, e.g. {@code start of deploy/x.jar}
     * @throws Exceeded when the call did not finish in time
     * @throws Exception what the call threw
     */
    public <T> T call(String what, Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "switchboard-limited-" + THREADS.incrementAndGet() + " " + what);
        worker.setDaemon(true);
        worker.start();
        try {
            return unwrap(result, limit);
        } catch (TimeoutException overdue) {
            worker.interrupt();
            String fate;
            try {
                // finished after all, once woken: late, but what it did stands
                return result.get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                fate = "it was interrupted";
            } catch (TimeoutException e) {
                fate = "it ignored an interrupt and was abandoned, still running on thread '" + worker.getName() + "'";
            }
            throw new Exceeded(what + " did not finish within " + seconds() + " (" + setting + "); " + fate);
        }
    }

    private String seconds() {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }

    private static <T> T unwrap(CompletableFuture<T> result, Duration wait) throws Exception {
        try {
            return result.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /** A call that took longer than the limit; the message says what, how long and what became of it. */
    public static final class Exceeded extends Exception {
        private static final long serialVersionUID = 1L;

        Exceeded(String message) {
            super(message);
        }
    }
}
