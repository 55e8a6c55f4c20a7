package io.switchboard.dispatch.runtime.internal;

import java.util.concurrent.atomic.LongAdder;

/** Count, errors and a latency histogram for one handler (by name, so they survive a redeploy). */
final class HandlerMetrics {

    /** Upper bounds in seconds, Prometheus-style (cumulative when written). */
    static final double[] BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
        0.5, 1, 2.5, 5, 10, 30};

    private final LongAdder handled = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    HandlerMetrics() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void record(long nanos, boolean ok) {
        (ok ? handled : errors).increment();
        sumNanos.add(nanos);
        double seconds = nanos / 1e9;
        int i = 0;
        while (i < BUCKETS.length && seconds > BUCKETS[i]) {
            i++;
        }
        counts[i].increment();
    }

    long handled() {
        return handled.sum();
    }

    long errors() {
        return errors.sum();
    }

    /** Observations per bucket, not cumulative; the last is +Inf. */
    long[] buckets() {
        long[] b = new long[counts.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = counts[i].sum();
        }
        return b;
    }

    double sumSeconds() {
        return sumNanos.sum() / 1e9;
    }
}
