package io.switchboard.benchmarks.bundle;

import java.util.concurrent.atomic.AtomicLong;

/** Counts handled messages and when the first and the last were handled: the consumer-side rate. */
final class BenchCounter {

    static final BenchCounter SINK = new BenchCounter();

    private final AtomicLong count = new AtomicLong();
    private final AtomicLong first = new AtomicLong();
    private final AtomicLong last = new AtomicLong();

    void hit() {
        long now = System.nanoTime();
        if (count.getAndIncrement() == 0) {
            first.set(now);
        }
        last.accumulateAndGet(now, Math::max);
    }

    void reset() {
        count.set(0);
        first.set(0);
        last.set(0);
    }

    long count() {
        return count.get();
    }

    /** Messages per second between the first and the last hit. */
    double rate() {
        long n = count.get();
        long span = last.get() - first.get();
        return n < 2 || span <= 0 ? 0 : (n - 1) * 1e9 / span;
    }
}
