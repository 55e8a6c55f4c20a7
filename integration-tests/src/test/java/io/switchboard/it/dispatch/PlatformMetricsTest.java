package io.switchboard.it.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.client.DispatchClient;
import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.Wire;
import io.switchboard.testing.Platform;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /metrics}: one Prometheus text scrape of the broker's own meters, the JVM's and the platform bundles'. */
class PlatformMetricsTest {

    /** A sample line of the text exposition format: a metric name, its labels if any, a value. */
    private static final Pattern SAMPLE = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})? \\S+");

    static Platform platform;

    @BeforeAll
    static void boot() {
        platform = DispatchPlatform.get();
    }

    @Test
    void oneScrapeHoldsTheBrokersTheJvmsAndTheDispatchersMetrics() throws Exception {
        // issue 15 item 3: Artemis's metrics plugin, Micrometer's JVM binders and our meters share one registry
        DispatchPlatform.deployHandler("scraped", "test.scraped", "echo");
        try (DispatchClient client = DispatchPlatform.client()) {
            client.request(Message.builder("test.scraped").text("x").build(), Duration.ofSeconds(15)).get();
        }

        HttpResponse<String> response = platform.getAs("admin", Platform.ADMIN_PASSWORD, "/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                response.headers().toString());
        String metrics = response.body();
        assertTrue(has(metrics, "artemis_message_count\\{.*queue=\"" + Pattern.quote(Wire.DISPATCH_QUEUE) + "\".*\\} "),
                "the broker's message count for the dispatch queue:\n" + metrics);
        assertTrue(metrics.contains("# TYPE artemis_message_count gauge"), metrics);
        assertTrue(has(metrics, "jvm_memory_used_bytes\\{.*area=\"heap\".*\\} "), metrics);
        assertTrue(has(metrics, "jvm_threads_live_threads "), metrics);
        assertTrue(metrics.contains("switchboard_dispatch_handled_total{handler=\"scraped\"} 1.0\n"), metrics);
        for (String line : metrics.split("\n")) {
            assertTrue(line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")
                    || SAMPLE.matcher(line).matches(), "not Prometheus text format: " + line);
        }
    }

    private static boolean has(String metrics, String sampleStart) {
        return Pattern.compile("(?m)^" + sampleStart).matcher(metrics).find();
    }
}
