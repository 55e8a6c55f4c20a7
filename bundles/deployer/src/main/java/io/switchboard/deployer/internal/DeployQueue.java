package io.switchboard.deployer.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deploy work of the watched folders, off FileInstall's scan thread: one file's work runs after the other (in the
 * order asked), different files side by side on {@value #WORKERS} threads, so no file can hold up another for longer
 * than its time limit (every call into a bundle or a handler is bounded, see {@code TimeLimit}), and a folder of many
 * files does not start as many threads. The work for a file looks at the file as it is when it runs, so requests that
 * pile up while it runs collapse into one more run.
 */
final class DeployQueue {

    private static final Logger LOG = LoggerFactory.getLogger("io.switchboard.deployer");
    /** Files deployed side by side. */
    static final int WORKERS = 4;

    private final ExecutorService workers;
    private final Map<String, Lane> lanes = new HashMap<>();
    private boolean closed;

    /** A file's work: at most one running and one more asked for. */
    private static final class Lane {
        Runnable next;
        boolean running;
    }

    DeployQueue() {
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(WORKERS, r -> daemon(r, "switchboard-deployer-" + n.incrementAndGet()));
    }

    /** Runs {@code work} for {@code file} once the file's earlier work is done. */
    synchronized void submit(String file, Runnable work) {
        if (closed) {
            return;
        }
        Lane lane = lanes.computeIfAbsent(file, f -> new Lane());
        lane.next = work;
        if (!lane.running) {
            runNext(file, lane);
        }
    }

    /** True while work for the file is running or waiting. */
    synchronized boolean busy(String file) {
        return lanes.containsKey(file);
    }

    private void runNext(String file, Lane lane) {
        Runnable work = lane.next;
        lane.next = null;
        if (work == null) {
            lanes.remove(file);
            return;
        }
        lane.running = true;
        workers.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError e) {
                LOG.error("Deploy of {} failed unexpectedly", file, e);
            } finally {
                finished(file, lane);
            }
        });
    }

    private synchronized void finished(String file, Lane lane) {
        lane.running = false;
        if (!closed) {
            runNext(file, lane);
        }
    }

    /** Stops taking work; running work is interrupted (its time limits end it in any case). */
    void close() {
        synchronized (this) {
            closed = true;
            lanes.clear();
        }
        workers.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
