package io.switchboard.dispatch.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class DispatchMetricsTest {

    @Test
    void writesPrometheusCountersAndACumulativeHistogram() throws IOException {
        DispatchMetrics metrics = new DispatchMetrics();
        HandlerMetrics h = metrics.forHandler("circle");
        h.record(300_000, true); // 0.3 ms
        h.record(2_000_000, false); // 2 ms
        metrics.deadLettered("no-type");
        metrics.duplicate("circle");
        metrics.duplicate("circle");
        StringBuilder out = new StringBuilder();
        metrics.write(out);
        String text = out.toString();
        assertTrue(text.contains("switchboard_dispatch_handled_total{handler=\"circle\"} 1\n"), text);
        assertTrue(text.contains("switchboard_dispatch_errors_total{handler=\"circle\"} 1\n"), text);
        assertTrue(text.contains("switchboard_dispatch_duration_seconds_bucket{handler=\"circle\",le=\"5.0E-4\"} 1\n"), text);
        assertTrue(text.contains("switchboard_dispatch_duration_seconds_bucket{handler=\"circle\",le=\"0.0025\"} 2\n"), text);
        assertTrue(text.contains("switchboard_dispatch_duration_seconds_bucket{handler=\"circle\",le=\"+Inf\"} 2\n"), text);
        assertTrue(text.contains("switchboard_dispatch_dead_letters_total{reason=\"no-type\"} 1\n"), text);
        assertTrue(text.contains("# TYPE switchboard_dispatch_duration_seconds histogram\n"), text);
        assertTrue(text.contains("switchboard_dispatch_duplicates_total{handler=\"circle\"} 2\n"), text);
    }
}
