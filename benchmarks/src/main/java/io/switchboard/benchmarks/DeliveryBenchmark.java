package io.switchboard.benchmarks;

import io.switchboard.testing.Platform;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Delivery throughput (issue 5): messages sent by JMS to {@code switchboard.deliver.<endpoint>}, taken into the store
 * (H2 or PostgreSQL) and delivered to an always-up sink (the test sink, not logging), on the built distribution run as
 * a separate process; with Apache Camel 4's transacted JMS → JMS route on the same broker in the same run.
 *
 * <p>Each figure has an endpoint of its own, so its counters start at zero; all share one store, so later figures run
 * on a table that already holds the earlier ones' delivered rows.
 * <ul>
 * <li><i>sustained</i>: {@code n} 1 KB messages sent (4 producers, transacted batches of 500) while the sink is up;
 * rate = n / (first send → delivered_total reaches n); also the accept rate over the send period.</li>
 * <li><i>drain</i>: messages sent while no sink is deployed for the endpoint (they wait, PENDING) until all are
 * accepted; then the sink is deployed; rate = delivered / (first delivery seen → delivered_total reaches count),
 * so the sink's deployment (FileInstall's poll) is not counted.</li>
 * </ul>
 *
 * <p>Arguments: {@code [h2|postgres] [n] [small backlog] [large backlog] [large backlog message bytes] [camel n]
 * [large drain window]}, defaults h2, 100000, 10000, 1000000, 100, 3000, 0 (the window: time the large backlog's
 * drain over its first this many deliveries only; 0 means all of it).
 */
public final class DeliveryBenchmark {

    private static final int PRODUCERS = 4;
    private static final int TRANSACTION = 500;
    private static final int SMALL_DRAIN_RUNS = 3;

    private final Platform platform;
    private final ConnectionFactory tcp;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> figures = new LinkedHashMap<>();

    private DeliveryBenchmark(Platform platform) {
        this.platform = platform;
        this.tcp = new ActiveMQConnectionFactory(platform.brokerUrl(), "admin", Platform.ADMIN_PASSWORD);
    }

    public static void main(String[] args) {
        BenchClients.main(args, DeliveryBenchmark::run);
    }

    private static void run(String[] args) throws Exception {
        String database = args.length > 0 ? args[0] : "h2";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int small = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int large = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
        int largeBytes = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        int camel = args.length > 5 ? Integer.parseInt(args[5]) : 3_000;
        // the large backlog's drain timed over its first this many deliveries (0: all of it)
        int window = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        if (!database.equals("h2") && !database.equals("postgres")) {
            throw new IllegalArgumentException("first argument: h2 or postgres, not " + database);
        }
        String schema = database.equals("postgres")
                ? "sb_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) : null;
        if (schema != null) {
            postgres("create schema " + schema);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres("drop schema " + schema + " cascade");
                } catch (Exception e) {
                    System.err.println("schema " + schema + " not dropped: " + e);
                }
            }));
        }
        Platform platform = Platform.startForJvm("switchboard-delivery-bench", home -> {
            if (schema != null) {
                write(home.resolve("deploy"), "io.switchboard.delivery.cfg", "jdbcUrl = "
                        + "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema + "\nuser = postgres\n");
            }
        });
        DeliveryBenchmark bench = new DeliveryBenchmark(platform);
        String started = Instant.now().toString();
        System.out.printf("Delivery benchmark on %s, platform pid %d%n", database, platform.pid());

        // warm-up (not recorded): the JIT, the pool and the first claims
        bench.sustained("warmup", Math.max(2_000, n / 10), BenchClients.BODY);
        bench.sustained("bench", n, BenchClients.BODY);
        String oneKb = BenchClients.BODY;
        String smallBody = body(largeBytes);
        List<Double> smallKb = new ArrayList<>();
        List<Double> smallSmall = new ArrayList<>();
        for (int run = 1; run <= SMALL_DRAIN_RUNS; run++) {
            smallKb.add(bench.drain("drain-" + small + "-1k-" + run, small, oneKb, small));
            if (largeBytes != oneKb.length()) {
                smallSmall.add(bench.drain("drain-" + small + "-" + largeBytes + "b-" + run, small, smallBody, small));
            }
        }
        bench.figure("drain of " + small + " pending, 1 KB (median of " + SMALL_DRAIN_RUNS + "), msg/s",
                "%.0f (%s)", median(smallKb), list(smallKb));
        List<Double> reference = smallSmall.isEmpty() ? smallKb : smallSmall;
        if (!smallSmall.isEmpty()) {
            bench.figure("drain of " + small + " pending, " + largeBytes + " B (median of " + SMALL_DRAIN_RUNS
                    + "), msg/s", "%.0f (%s)", median(smallSmall), list(smallSmall));
        }
        if (large > 0) {
            int until = window > 0 && window < large ? window : large;
            double rate = bench.drain("drain-" + large, large, smallBody, until);
            bench.figure("drain of " + large + " pending, " + largeBytes + " B" + (until < large ? ", timed over the first "
                    + until + " delivered" : "") + ", msg/s", "%.0f", rate);
            bench.figure("large-backlog drain as a share of the " + small + "-backlog drain (same size), %", "%.0f",
                    100 * rate / median(reference));
        }
        if (camel > 0) {
            bench.camel(camel);
        }
        bench.print(database, started);
    }

    /** Sends {@code n} messages to an endpoint whose sink is up; records the accept and the end-to-end rates. */
    private void sustained(String endpoint, int n, String body) throws Exception {
        deployPolicy(endpoint);
        deploySink(endpoint);
        awaitSinkDeployed(endpoint); // the clock starts with the sink up
        long start = System.nanoTime();
        send(endpoint, n, body);
        long sent = System.nanoTime();
        long acceptedAtSendEnd = counter("accepted", endpoint);
        long accepted = await(endpoint, "accepted", n, 100);
        long delivered = await(endpoint, "delivered", n, 100);
        if (endpoint.equals("warmup")) {
            System.out.printf("  warm-up: %d messages, %.0f msg/s%n", n, n * 1e9 / (delivered - start));
            return;
        }
        String size = body.length() >= 1000 ? "1 KB" : body.length() + " B";
        figure("sustained accept → deliver, " + n + " × " + size + ", sink up, msg/s", "%.0f",
                n * 1e9 / (delivered - start));
        figure("accept alone: accepted_total over the send period, msg/s", "%.0f (%d of %d accepted when the last "
                + "commit returned, %.1f s)", acceptedAtSendEnd * 1e9 / (sent - start), acceptedAtSendEnd, n,
                (sent - start) / 1e9);
        figure("accept: first send → accepted_total reaches n, msg/s", "%.0f", n * 1e9 / (accepted - start));
    }

    /** Fills an endpoint with no sink, then deploys the sink and times the drain until {@code until}; returns msg/s. */
    private double drain(String endpoint, int count, String body, int until) throws Exception {
        deployPolicy(endpoint);
        long start = System.nanoTime();
        send(endpoint, count, body);
        long accepted = await(endpoint, "accepted", count, count <= 100_000 ? 250 : 500);
        System.out.printf("  %s: %d accepted in %.1f s (%.0f msg/s), none delivered: %d%n", endpoint, count,
                (accepted - start) / 1e9, count * 1e9 / (accepted - start), counter("delivered", endpoint));
        long dropped = System.nanoTime();
        deploySink(endpoint);
        // timed from the first delivery seen, so FileInstall's poll and the sink's registration are not counted; a
        // short drain is polled finely, a long one slowly to keep HTTP off the two cores being measured
        long poll = count <= 100_000 ? 25 : 500;
        long first = await(endpoint, "delivered", 1, poll);
        long atFirst = counter("delivered", endpoint);
        long delivered = await(endpoint, "delivered", until, poll);
        double rate = (until - atFirst) * 1e9 / (delivered - first);
        System.out.printf("  %s: first delivery %.2f s after the sink was dropped; %d of %d delivered in %.2f s, "
                + "%.0f msg/s (%.0f msg/s counting from the drop)%n", endpoint, (first - dropped) / 1e9, until, count,
                (delivered - dropped) / 1e9, rate, until * 1e9 / (delivered - dropped));
        return rate;
    }

    /** The endpoint policy of every benchmark endpoint: 16 attempts at once, never give up. */
    private void deployPolicy(String endpoint) throws Exception {
        write(platform.deploy(), "io.switchboard.delivery.endpoint~" + endpoint + ".cfg",
                "maxAttempts = 0\nconcurrency = 16\n");
    }

    /** Deploys the always-up test sink for an endpoint (instant success, no log line per message). */
    private void deploySink(String endpoint) throws Exception {
        write(platform.deploy(), "io.switchboard.delivery.test~" + endpoint + ".cfg", "log = false\n");
    }

    private void awaitSinkDeployed(String endpoint) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            // 404 until the delivery store has started
            var r = platform.getAs("admin", Platform.ADMIN_PASSWORD, "/api/v1/delivery/endpoints");
            if (r.statusCode() == 200 && r.body().contains("\"name\":\"" + endpoint + "\",\"deployed\":true")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the test sink of " + endpoint + " never deployed");
    }

    /** {@code n} persistent messages to switchboard.deliver.{@code endpoint}: 4 producers, batches of 500. */
    private void send(String endpoint, int n, String body) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int t = 0; t < PRODUCERS; t++) {
            int producer = t;
            int share = n / PRODUCERS + (t < n % PRODUCERS ? 1 : 0);
            all.add(CompletableFuture.runAsync(() -> {
                try (Connection c = tcp.createConnection()) {
                    Session s = c.createSession(true, Session.SESSION_TRANSACTED);
                    MessageProducer p = s.createProducer(s.createQueue("switchboard.deliver." + endpoint));
                    p.setDeliveryMode(DeliveryMode.PERSISTENT);
                    for (int i = 0; i < share; i++) {
                        TextMessage m = s.createTextMessage(body);
                        m.setStringProperty("SB_MESSAGE_ID", endpoint + "-" + producer + "-" + i);
                        p.send(m);
                        if (i % TRANSACTION == TRANSACTION - 1) {
                            s.commit();
                        }
                    }
                    s.commit();
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    /** Waits until the endpoint's counter reaches {@code n}; returns System.nanoTime() when it was seen. */
    private long await(String endpoint, String counter, long n, long pollMillis) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        long last = -1;
        long lastChange = System.nanoTime();
        long reported = lastChange;
        long reportedValue = -1;
        while (System.nanoTime() < deadline) {
            long value = counter(counter, endpoint);
            long now = System.nanoTime();
            if (value >= n) {
                return now;
            }
            // a long wait shows its progress every 10 s: whether the rate holds as the backlog shrinks
            if (pollMillis >= 500 && now - reported >= 10_000_000_000L) {
                if (reportedValue >= 0) {
                    System.out.printf("    %s %s: %d (%.0f msg/s over the last %.0f s)%n", endpoint, counter, value,
                            (value - reportedValue) * 1e9 / (now - reported), (now - reported) / 1e9);
                }
                reported = now;
                reportedValue = value;
            }
            if (value != last) {
                last = value;
                lastChange = now;
            } else if (now - lastChange > Duration.ofMinutes(2).toNanos()) {
                break;
            }
            Thread.sleep(pollMillis);
        }
        throw new IllegalStateException(endpoint + ": " + counter + " stuck at " + last + " of " + n + "\nlog (end):\n"
                + tail(platform.log()));
    }

    /** {@code switchboard_delivery_<name>_total{endpoint="..."}} from GET /metrics; 0 before the first message. */
    private long counter(String name, String endpoint) throws Exception {
        String prefix = "switchboard_delivery_" + name + "_total{endpoint=\"" + endpoint + "\"} ";
        for (String line : metrics().split("\n")) {
            if (line.startsWith(prefix)) {
                return (long) Double.parseDouble(line.substring(prefix.length()).trim());
            }
        }
        return 0;
    }

    private String metrics() throws Exception {
        String auth = Base64.getEncoder().encodeToString(("admin:" + Platform.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.httpPort()
                + "/metrics")).header("Authorization", "Basic " + auth).timeout(Duration.ofMinutes(1)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /metrics: " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /**
     * The peer: Camel 4's transacted JMS → JMS route (persistent, CACHE_CONSUMER, 4 consumers) over TCP on the same
     * broker, draining {@code n} preloaded 1 KB messages into another queue; timed first to last message routed.
     */
    private void camel(int n) throws Exception {
        BenchClients.preload(tcp, "bench.camel.in", n, true, null);
        CamelPeer.Counter counter = new CamelPeer.Counter();
        CamelContext context = new DefaultCamelContext();
        context.addComponent("jms", JmsComponent.jmsComponent(tcp));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:bench.camel.in?concurrentConsumers=4&cacheLevelName=CACHE_CONSUMER&transacted=true")
                        .bean(counter, "handle")
                        .to("jms:queue:bench.camel.out?transacted=true&deliveryPersistent=true");
            }
        });
        context.start();
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (counter.count.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            figure("peer: Camel 4 JMS → JMS over TCP, transacted, persistent, CACHE_CONSUMER, " + n + " × 1 KB "
                    + "preloaded, msg/s", "%.0f", counter.rate());
        } finally {
            context.stop();
        }
    }

    private void figure(String name, String format, Object... values) {
        String value = String.format(Locale.ROOT, format, values);
        figures.put(name, value);
        System.out.printf("  %s: %s%n", name, value);
    }

    private void print(String database, String started) throws Exception {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%nDelivery on %s, run started %s%n%n"
                + "| figure | value |%n|---|---|%n", database, started));
        figures.forEach((name, value) -> out.append("| ").append(name).append(" | ").append(value).append(" |\n"));
        System.out.println(out);
        Path result = Path.of("target/delivery-benchmark-" + database + ".md");
        Files.createDirectories(result.getParent());
        Files.writeString(result, out.toString());
    }

    /** A JSON document of about {@code bytes} characters. */
    private static String body(int bytes) {
        if (bytes >= BenchClients.BODY.length()) {
            return BenchClients.BODY;
        }
        StringBuilder b = new StringBuilder("{\"id\":12345,\"note\":\"");
        while (b.length() < bytes - 2) {
            b.append('x');
        }
        return b.append("\"}").toString();
    }

    private static void write(Path dir, String name, String content) throws java.io.IOException {
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, dir.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void postgres(String sql) throws Exception {
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL("jdbc:postgresql://127.0.0.1:5432/test");
        admin.setUser("postgres");
        try (java.sql.Connection c = admin.getConnection()) {
            c.createStatement().execute(sql);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String list(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
    }

    private static String tail(String log) {
        return log.substring(Math.max(0, log.length() - 10_000));
    }
}
