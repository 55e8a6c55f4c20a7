package io.switchboard.delivery.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An endpoint's worker threads, as many as its concurrency; idle ones end after a minute. */
final class WorkerPool implements Workers {

    private final ThreadPoolExecutor workers;

    WorkerPool(String endpoint, int concurrency) {
        AtomicInteger n = new AtomicInteger();
        workers = new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread t = new Thread(task, "switchboard-delivery-" + endpoint + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable attempt) {
        workers.execute(attempt);
    }

    @Override
    public void resize(int concurrency) {
        if (workers.getMaximumPoolSize() != concurrency) {
            // the core size may never exceed the maximum: grow the maximum first, shrink it last
            if (concurrency > workers.getMaximumPoolSize()) {
                workers.setMaximumPoolSize(concurrency);
                workers.setCorePoolSize(concurrency);
            } else {
                workers.setCorePoolSize(concurrency);
                workers.setMaximumPoolSize(concurrency);
            }
        }
    }

    @Override
    public void shutdownNow() {
        workers.shutdownNow();
    }
}
