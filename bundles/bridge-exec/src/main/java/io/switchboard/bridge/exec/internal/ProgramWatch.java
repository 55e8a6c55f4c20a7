package io.switchboard.bridge.exec.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Looks every few seconds whether the program can be run, and says so when that changes: the bridge takes messages
 * only while it can, so a program that is missing (not deployed yet, being replaced, deleted) leaves its type's
 * messages parked instead of failing them. A poll rather than a file watch: the program may be anywhere on PATH,
 * behind symbolic links, or lose its execute bit, none of which a directory watch reliably reports.
 */
final class ProgramWatch implements AutoCloseable {

    private final Program program;
    private final Duration every;
    private final Consumer<Optional<String>> changed;
    private final ScheduledExecutorService timer;
    private Optional<String> last;

    /**
     * @param changed told the problem (empty: the program can run) the first time and at each change, on the
     *        watch's own thread, one call at a time
     */
    ProgramWatch(String name, Program program, Duration every, Consumer<Optional<String>> changed) {
        this.program = program;
        this.every = every;
        this.changed = changed;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-exec-watch-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Looks now (before returning), and then every {@code every}. */
    ProgramWatch start() {
        try {
            timer.submit(this::look).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        timer.scheduleWithFixedDelay(this::look, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Looks again soon, e.g. when a run found the program gone. */
    void lookSoon() {
        if (!timer.isShutdown()) {
            try {
                timer.execute(this::look);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // closed meanwhile
            }
        }
    }

    private void look() {
        Optional<String> now = program.problem();
        if (!Objects.equals(now, last)) {
            last = now;
            changed.accept(now);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
