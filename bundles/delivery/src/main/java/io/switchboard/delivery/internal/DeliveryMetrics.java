package io.switchboard.delivery.internal;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Per-endpoint counters and attempt latency, written in the Prometheus text format for {@code /metrics}. */
public final class DeliveryMetrics {

    /** Attempt latency bucket bounds, seconds. */
    private static final double[] BUCKETS = {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30};

    private static final class Counters {
        final LongAdder accepted = new LongAdder();
        final LongAdder delivered = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder dead = new LongAdder();
        final LongAdder attempts = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final LongAdder[] buckets = new LongAdder[BUCKETS.length];

        Counters() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }
    }

    private final Map<String, Counters> endpoints = new ConcurrentHashMap<>();

    private Counters of(String endpoint) {
        return endpoints.computeIfAbsent(endpoint, e -> new Counters());
    }

    public void accepted(String endpoint, int n) {
        of(endpoint).accepted.add(n);
    }

    void delivered(String endpoint) {
        of(endpoint).delivered.increment();
    }

    void failed(String endpoint) {
        of(endpoint).failed.increment();
    }

    void dead(String endpoint) {
        of(endpoint).dead.increment();
    }

    void attempt(String endpoint, long nanos) {
        Counters c = of(endpoint);
        c.attempts.increment();
        c.nanos.add(nanos);
        double seconds = nanos / 1e9;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                c.buckets[i].increment();
            }
        }
    }

    /** Writes the counters, and {@code pending} (messages waiting per endpoint) as a gauge. */
    public void write(Appendable out, Map<String, Long> pending) throws IOException {
        counter(out, "accepted", "Messages taken into the delivery store.", (e, c) -> c.accepted.sum());
        counter(out, "delivered", "Messages their endpoint reported delivered.", (e, c) -> c.delivered.sum());
        counter(out, "failed", "Attempts that failed and will be retried.", (e, c) -> c.failed.sum());
        counter(out, "dead", "Messages out of attempts or failed permanently.", (e, c) -> c.dead.sum());
        out.append("# HELP switchboard_delivery_pending Messages waiting for an attempt (or for their endpoint).\n")
                .append("# TYPE switchboard_delivery_pending gauge\n");
        for (Map.Entry<String, Long> p : pending.entrySet()) {
            out.append("switchboard_delivery_pending{endpoint=\"").append(p.getKey()).append("\"} ")
                    .append(Long.toString(p.getValue())).append('\n');
        }
        out.append("# HELP switchboard_delivery_attempt_seconds How long attempts took.\n")
                .append("# TYPE switchboard_delivery_attempt_seconds histogram\n");
        for (Map.Entry<String, Counters> e : new java.util.TreeMap<>(endpoints).entrySet()) {
            String label = "endpoint=\"" + e.getKey() + "\"";
            Counters c = e.getValue();
            for (int i = 0; i < BUCKETS.length; i++) {
                out.append("switchboard_delivery_attempt_seconds_bucket{").append(label).append(",le=\"")
                        .append(Double.toString(BUCKETS[i])).append("\"} ").append(Long.toString(c.buckets[i].sum()))
                        .append('\n');
            }
            long count = c.attempts.sum();
            out.append("switchboard_delivery_attempt_seconds_bucket{").append(label).append(",le=\"+Inf\"} ")
                    .append(Long.toString(count)).append('\n');
            out.append("switchboard_delivery_attempt_seconds_sum{").append(label).append("} ")
                    .append(Double.toString(c.nanos.sum() / 1e9)).append('\n');
            out.append("switchboard_delivery_attempt_seconds_count{").append(label).append("} ")
                    .append(Long.toString(count)).append('\n');
        }
    }

    private void counter(Appendable out, String name, String help, java.util.function.ToLongBiFunction<String, Counters> value)
            throws IOException {
        String metric = "switchboard_delivery_" + name + "_total";
        out.append("# HELP ").append(metric).append(' ').append(help).append('\n')
                .append("# TYPE ").append(metric).append(" counter\n");
        for (Map.Entry<String, Counters> e : new java.util.TreeMap<>(endpoints).entrySet()) {
            out.append(metric).append("{endpoint=\"").append(e.getKey()).append("\"} ")
                    .append(Long.toString(value.applyAsLong(e.getKey(), e.getValue()))).append('\n');
        }
    }
}
