package io.switchboard.dispatch.runtime.internal;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The dispatcher's metrics in Prometheus text format: per handler, plus parking, retries and dead letters. */
final class DispatchMetrics {

    private final Map<String, HandlerMetrics> handlers = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> deadLetters = new ConcurrentHashMap<>();
    private final LongAdder parked = new LongAdder();
    private final LongAdder unparked = new LongAdder();
    private final LongAdder redeliveries = new LongAdder();
    private final Map<String, LongAdder> duplicates = new ConcurrentHashMap<>();

    HandlerMetrics forHandler(String name) {
        return handlers.computeIfAbsent(name, k -> new HandlerMetrics());
    }

    void deadLettered(String reason) {
        deadLetters.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    void parked() {
        parked.increment();
    }

    void unparked(int n) {
        unparked.add(n);
    }

    void redelivered() {
        redeliveries.increment();
    }

    /** An idempotent handler's message seen before: acknowledged without calling the handler. */
    void duplicate(String handler) {
        duplicates.computeIfAbsent(handler, k -> new LongAdder()).increment();
    }

    void write(Appendable out) throws IOException {
        Map<String, HandlerMetrics> sorted = new TreeMap<>(handlers);
        family(out, "switchboard_dispatch_handled_total", "counter", "Messages a handler handled successfully.");
        for (var e : sorted.entrySet()) {
            sample(out, "switchboard_dispatch_handled_total", handler(e.getKey()), e.getValue().handled());
        }
        family(out, "switchboard_dispatch_errors_total", "counter", "Messages a handler failed (thrown, rejected, timed out, bad payload).");
        for (var e : sorted.entrySet()) {
            sample(out, "switchboard_dispatch_errors_total", handler(e.getKey()), e.getValue().errors());
        }
        family(out, "switchboard_dispatch_duration_seconds", "histogram", "Time a handler took per message.");
        for (var e : sorted.entrySet()) {
            HandlerMetrics m = e.getValue();
            long[] counts = m.buckets();
            long cumulative = 0;
            for (int i = 0; i < HandlerMetrics.BUCKETS.length; i++) {
                cumulative += counts[i];
                sample(out, "switchboard_dispatch_duration_seconds_bucket",
                        handler(e.getKey()) + ",le=\"" + HandlerMetrics.BUCKETS[i] + "\"", cumulative);
            }
            cumulative += counts[counts.length - 1];
            sample(out, "switchboard_dispatch_duration_seconds_bucket", handler(e.getKey()) + ",le=\"+Inf\"", cumulative);
            out.append("switchboard_dispatch_duration_seconds_sum{").append(handler(e.getKey())).append("} ")
                    .append(Double.toString(m.sumSeconds())).append('\n');
            sample(out, "switchboard_dispatch_duration_seconds_count", handler(e.getKey()), cumulative);
        }
        family(out, "switchboard_dispatch_dead_letters_total", "counter", "Messages sent to the dead-letter queue, by reason.");
        for (var e : new TreeMap<>(deadLetters).entrySet()) {
            sample(out, "switchboard_dispatch_dead_letters_total", "reason=\"" + e.getKey() + "\"", e.getValue().sum());
        }
        family(out, "switchboard_dispatch_parked_total", "counter", "Messages parked because no handler understood them.");
        out.append("switchboard_dispatch_parked_total ").append(Long.toString(parked.sum())).append('\n');
        family(out, "switchboard_dispatch_unparked_total", "counter", "Parked messages sent back to dispatch when a handler arrived.");
        out.append("switchboard_dispatch_unparked_total ").append(Long.toString(unparked.sum())).append('\n');
        family(out, "switchboard_dispatch_redeliveries_total", "counter", "Failed messages scheduled for another attempt.");
        out.append("switchboard_dispatch_redeliveries_total ").append(Long.toString(redeliveries.sum())).append('\n');
        family(out, "switchboard_dispatch_duplicates_total", "counter",
                "Messages an idempotent handler had seen before, acknowledged without calling it.");
        for (var e : new TreeMap<>(duplicates).entrySet()) {
            sample(out, "switchboard_dispatch_duplicates_total", handler(e.getKey()), e.getValue().sum());
        }
    }

    private static String handler(String name) {
        return "handler=\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void family(Appendable out, String name, String type, String help) throws IOException {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(Appendable out, String name, String labels, long value) throws IOException {
        out.append(name).append('{').append(labels).append("} ").append(Long.toString(value)).append('\n');
    }
}
