package io.switchboard.benchmarks;

import io.switchboard.testing.Chromium;
import io.switchboard.testing.Platform;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The web console under load (issue 7): with {@code queued} 1 KB messages on one queue and {@code rows} delivery rows
 * waiting for an endpoint nobody deployed, (a) each REST list endpoint's latency over {@code calls} calls (HTTP
 * Basic, one connection, after 3 unrecorded calls), and (b) each console page loaded afresh in the machine's headless
 * Chromium, {@code loads} times: first contentful paint, and the time until the page's data is in the DOM (a
 * MutationObserver installed before the page's scripts notes the first frame in which the page's main element is
 * there). Times are from the navigation's start; the browser's cache is warm after the first load.
 *
 * <p>Arguments: {@code [queued=10000] [rows=1000] [calls=20] [loads=5]}.
 */
public final class ConsoleBenchmark {

    private static final String BACKLOG = "bench.backlog";

    /** The REST list endpoints, as the console calls them. */
    private static final List<String> ENDPOINTS = List.of("/api/v1/overview", "/api/v1/bundles",
            "/api/v1/deployments", "/api/v1/destinations", "/api/v1/destinations/" + BACKLOG + "/messages?limit=50",
            "/api/v1/delivery/endpoints", "/api/v1/delivery/messages?limit=50", "/api/v1/routes",
            "/api/v1/logs?level=INFO&limit=300", "/api/v1/audit?limit=300", "/api/v1/config", "/api/v1/features");

    /** Each page (hash) and the element that says its data has been rendered. */
    private static final Map<String, String> PAGES = new LinkedHashMap<>();

    static {
        PAGES.put("overview", ".cards .card");
        PAGES.put("bundles", "tr[data-bundle]");
        PAGES.put("features", "#main h2");
        PAGES.put("config", "#main table");
        PAGES.put("destinations", "tr[data-queue]");
        PAGES.put("destinations/" + BACKLOG, "#main .panel table");
        PAGES.put("dispatch", "#main h2 + div > *");
        PAGES.put("delivery", "tr[data-message]");
        PAGES.put("routes", "tr[data-route]");
        PAGES.put("logs", "#main table");
        PAGES.put("audit", "#main table");
        PAGES.put("tokens", "#main > div:last-child > *");
    }

    private final Platform platform;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String auth = "Basic " + Base64.getEncoder().encodeToString(
            ("admin:" + Platform.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    private final StringBuilder report = new StringBuilder();

    private ConsoleBenchmark(Platform platform) {
        this.platform = platform;
    }

    public static void main(String[] args) {
        BenchClients.main(args, ConsoleBenchmark::run);
    }

    private static void run(String[] args) throws Exception {
        int queued = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int loads = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Platform platform = Platform.startForJvm("switchboard-console-bench", home -> { });
        platform.awaitLog(l -> l.contains("Delivery store ready"), Duration.ofSeconds(60));
        ConsoleBenchmark bench = new ConsoleBenchmark(platform);
        String started = Instant.now().toString();
        System.out.printf("Console benchmark, platform pid %d: %d queued, %d delivery rows%n", platform.pid(), queued,
                rows);
        bench.load(queued, rows);
        bench.rest(calls);
        bench.pages(loads);
        bench.print(started, queued, rows, calls, loads);
    }

    /** The backlog, the delivery rows (PENDING: no sink for the endpoint) and a route, so every page has data. */
    private void load(int queued, int rows) throws Exception {
        ConnectionFactory tcp = new ActiveMQConnectionFactory(platform.brokerUrl(), "admin", Platform.ADMIN_PASSWORD);
        BenchClients.preload(tcp, BACKLOG, queued, true, null);
        try (JMSContext jms = tcp.createContext(JMSContext.SESSION_TRANSACTED)) {
            var producer = jms.createProducer();
            for (int i = 0; i < rows; i++) {
                producer.send(jms.createQueue("switchboard.deliver.absent"), BenchClients.BODY);
                if (i % 100 == 99) {
                    jms.commit();
                }
            }
            jms.commit();
        }
        platform.drop(Path.of("../examples/routes/orders.route.yaml"), "orders.route.yaml");
        platform.awaitDeployment("orders.route.yaml", Platform.status("DEPLOYED"));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (platform.api("/api/v1/delivery/endpoints").findValues("pending").stream()
                .mapToLong(n -> n.asLong()).sum() < rows) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("delivery rows not all stored: " + platform.api("/api/v1/delivery/endpoints"));
            }
            Thread.sleep(200);
        }
        long depth = platform.api("/api/v1/destinations").path("totals").path("depth").asLong();
        System.out.printf("  loaded: %d messages queued in all, %d delivery rows pending%n", depth, rows);
    }

    /** (a) Each list endpoint's median and p95 latency, in ms, and the size of its answer. */
    private void rest(int calls) throws Exception {
        report.append("| REST endpoint | median ms | p95 ms | answer |\n|---|---|---|---|\n");
        for (String path : ENDPOINTS) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.httpPort() + path))
                    .header("Authorization", auth).GET().build();
            List<Double> ms = new ArrayList<>();
            int size = 0;
            for (int i = 0; i < calls + 3; i++) {
                long start = System.nanoTime();
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long took = System.nanoTime() - start;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("GET " + path + " -> " + r.statusCode());
                }
                size = r.body().length;
                if (i >= 3) {
                    ms.add(took / 1e6);
                }
            }
            row(report, "`" + path + "`", quantile(ms, 0.5), quantile(ms, 0.95), String.format(Locale.ROOT, "%.1f KB",
                    size / 1024.0));
        }
    }

    /** (b) Each console page loaded afresh: first contentful paint and data rendered, medians over the loads, in ms. */
    private void pages(int loads) throws Exception {
        Path scratch = Files.createTempDirectory("switchboard-console-bench-browser");
        try (Chromium browser = Chromium.on(platform, scratch)) {
            browser.logIn("admin", Platform.ADMIN_PASSWORD);
            browser.beforeEveryPage(watcher());
            report.append("\n| console page | first contentful paint, median ms | data rendered, median ms | "
                    + "data rendered, max ms |\n|---|---|---|---|\n");
            for (String page : PAGES.keySet()) {
                List<Double> paint = new ArrayList<>();
                List<Double> rendered = new ArrayList<>();
                for (int i = 0; i < loads; i++) {
                    browser.driver().get("about:blank"); // a new document each time, not a hash change
                    browser.open("/console/#/" + page);
                    Object done = browser.await(d -> browser.script("return window.__sbRendered"));
                    rendered.add(((Number) done).doubleValue());
                    paint.add(((Number) browser.script("const p = performance.getEntriesByName('first-contentful-paint');"
                            + " return p.length ? p[0].startTime : -1;")).doubleValue());
                }
                row(report, "`#/" + page + "`", quantile(paint, 0.5), quantile(rendered, 0.5),
                        rendered.stream().mapToDouble(Double::doubleValue).max().orElse(0));
                System.out.printf("  #/%s: paint %s ms, rendered %s ms%n", page, list(paint), list(rendered));
            }
        }
    }

    /** Notes in window.__sbRendered the first frame after the page's main element appears. */
    private static String watcher() {
        String selectors = PAGES.entrySet().stream().map(e -> "'" + e.getKey() + "': \"" + e.getValue() + "\"")
                .collect(Collectors.joining(", "));
        return "(() => { const SEL = {" + selectors + "};"
                + " const hash = location.hash.replace(/^#\\/?/, '');"
                + " const sel = SEL[hash] || SEL[hash.split('/')[0]]; if (!sel) return;"
                + " window.__sbRendered = null;"
                + " const seen = () => { if (document.querySelector(sel)) { obs.disconnect();"
                + " requestAnimationFrame(() => { window.__sbRendered = performance.now(); }); } };"
                + " const obs = new MutationObserver(seen);"
                + " obs.observe(document, { childList: true, subtree: true }); })();";
    }

    private void print(String started, int queued, int rows, int calls, int loads) throws Exception {
        String out = String.format(Locale.ROOT, "%nConsole, run started %s: %d messages queued on %s, %d delivery "
                + "rows pending; REST over %d calls, pages over %d loads%n%n", started, queued, BACKLOG, rows, calls,
                loads) + report;
        System.out.println(out);
        Path result = Path.of("target/console-benchmark.md");
        Files.createDirectories(result.getParent());
        Files.writeString(result, out);
    }

    private static void row(StringBuilder out, Object... cells) {
        out.append('|');
        for (Object c : cells) {
            out.append(' ').append(c instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : c).append(" |");
        }
        out.append('\n');
    }

    private static double quantile(List<Double> values, double q) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
    }

    private static String list(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).collect(Collectors.joining(", "));
    }
}
