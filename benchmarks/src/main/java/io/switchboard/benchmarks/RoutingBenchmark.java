package io.switchboard.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.testing.Platform;
import jakarta.jms.ConnectionFactory;
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
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Routing against Apache Camel 4 on the same broker: JMS → content-based router on a JSONPath predicate → two JMS
 * queues, 1 KB JSON, half of the messages for each branch. Persistent with no loss (Switchboard: its transacted
 * route; Camel: transacted, CACHE_CONSUMER) and non-persistent (Camel not transacted; its connection factory a Spring
 * {@code CachingConnectionFactory}, as Camel's documentation advises for sending). Each figure drains
 * {@code n} preloaded messages; rate = messages / (first routed → last routed). Switchboard's route runs in the
 * platform process (in-VM to its broker) with {@code concurrentConsumers=2}; Camel runs in this JVM over TCP with
 * {@code concurrentConsumers=2}. Runs alternate between the two.
 *
 * <p>Arguments: {@code [n persistent=20000] [n non-persistent=50000] [runs=3] [camel transacted n=3000]}.
 */
public final class RoutingBenchmark {

    static final String DE = BenchClients.BODY.replace("\"customer\"", "\"country\":\"DE\",\"customer\"");
    static final String FR = BenchClients.BODY.replace("\"customer\"", "\"country\":\"FR\",\"customer\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Platform platform;
    private final ConnectionFactory tcp;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, List<Double>> figures = new LinkedHashMap<>();
    private int round;

    private RoutingBenchmark(Platform platform) {
        this.platform = platform;
        this.tcp = new ActiveMQConnectionFactory(platform.brokerUrl(), "admin", Platform.ADMIN_PASSWORD);
    }

    public static void main(String[] args) {
        BenchClients.main(args, RoutingBenchmark::run);
    }

    private static void run(String[] args) throws Exception {
        int persistent = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int nonPersistent = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int camelTransacted = args.length > 3 ? Integer.parseInt(args[3]) : 3_000;
        Platform platform = Platform.startForJvm("switchboard-routing-bench", home -> { });
        RoutingBenchmark bench = new RoutingBenchmark(platform);
        String started = Instant.now().toString();
        System.out.printf("Routing benchmark, platform pid %d%n", platform.pid());
        // warm-up, not recorded
        bench.switchboard("warm-up", 10_000, true);
        bench.switchboard("warm-up", 20_000, false);
        bench.camel("warm-up", 500, true, true);
        bench.camel("warm-up", 20_000, false, false);
        for (int run = 1; run <= runs; run++) {
            boolean camelFirst = run % 2 == 0;
            if (camelFirst) {
                bench.camel("Camel 4, transacted (no loss), persistent", camelTransacted, true, true);
            }
            bench.switchboard("Switchboard route, transacted (no loss), persistent", persistent, true);
            if (!camelFirst) {
                bench.camel("Camel 4, transacted (no loss), persistent", camelTransacted, true, true);
            }
            if (camelFirst) {
                bench.camel("Camel 4, not transacted, non-persistent", nonPersistent, false, false);
            }
            bench.switchboard("Switchboard route, non-persistent", nonPersistent, false);
            if (!camelFirst) {
                bench.camel("Camel 4, not transacted, non-persistent", nonPersistent, false, false);
            }
        }
        bench.print(started);
    }

    /** The route, deployed once per figure under a new id and queues; suspended while the messages are loaded. */
    private void switchboard(String figure, int n, boolean persistent) throws Exception {
        String id = "bench" + (++round);
        String in = "bench.route." + round + ".in";
        String yaml = """
                - route:
                    id: %s
                    from:
                      uri: jms:queue:%s?concurrentConsumers=2
                      steps:
                        - choice:
                            when:
                              - jsonpath: "$[?(@.country == 'DE')]"
                                steps:
                                  - to: jms:queue:bench.route.%d.de
                            otherwise:
                              steps:
                                - to: jms:queue:bench.route.%d.other
                """.formatted(id, in, round, round);
        Path tmp = platform.deploy().resolve("." + id + ".route.yaml.tmp");
        Files.writeString(tmp, yaml);
        Files.move(tmp, platform.deploy().resolve(id + ".route.yaml"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        awaitRoute(id);
        post("/api/v1/routes/" + id + "/suspend");
        BenchClients.preload(tcp, in, n, persistent, null, i -> i % 2 == 0 ? DE : FR);
        post("/api/v1/routes/" + id + "/resume");
        // Timed by the route itself, as Camel's is: from the first message reaching its choice to the end of the
        // transaction of the last (the step's firstAt and lastAt). Polled every 100 ms only to see it finish: a
        // poll is an HTTP request the platform serves on the same two cores (every 20 ms cost it a twentieth of
        // its samples in a profile).
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        JsonNode choice;
        while ((choice = choice(id)) == null || choice.path("out").asLong() < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(figure + ": only " + (choice == null ? 0 : choice.path("out").asLong())
                        + " of " + n + " routed");
            }
            Thread.sleep(100);
        }
        Duration took = Duration.between(Instant.parse(choice.path("firstAt").asText()),
                Instant.parse(choice.path("lastAt").asText()));
        double rate = (n - 1) * 1e9 / took.toNanos();
        record(figure + ", " + n + " × 1 KB, msg/s", rate);
        Files.delete(platform.deploy().resolve(id + ".route.yaml"));
        drain("bench.route." + round + ".de", "bench.route." + round + ".other");
    }

    /** The counters of the route's choice (its first step), from GET /api/v1/routes; null before it is listed. */
    private JsonNode choice(String id) throws Exception {
        for (JsonNode r : JSON.readTree(get("/api/v1/routes")).path("routes")) {
            if (r.path("id").asText().equals(id)) {
                return r.path("steps").get(0);
            }
        }
        return null;
    }

    private void awaitRoute(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!get("/api/v1/routes").contains("\"id\":\"" + id + "\",")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("route " + id + " never deployed:\n" + platform.log());
            }
            Thread.sleep(50);
        }
    }

    /** The same route in Camel: jsonpath choice to two queues; counted as the messages leave the route. */
    private void camel(String figure, int n, boolean transacted, boolean persistent) throws Exception {
        round++;
        String in = "bench.camel." + round + ".in";
        BenchClients.preload(tcp, in, n, persistent, null, i -> i % 2 == 0 ? DE : FR);
        AtomicLong count = new AtomicLong();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        CamelContext context = new DefaultCamelContext();
        // as Camel users run it: a caching connection factory, else Spring's JmsTemplate opens a connection per send
        org.springframework.jms.connection.CachingConnectionFactory cached =
                new org.springframework.jms.connection.CachingConnectionFactory(tcp);
        cached.setSessionCacheSize(8);
        context.addComponent("jms", JmsComponent.jmsComponent(cached));
        String options = "?concurrentConsumers=2&cacheLevelName=CACHE_CONSUMER&transacted=" + transacted;
        int r = round;
        // the messages leave as they came (Camel's default sends persistent, whatever came in), like the route's
        String out = "preserveMessageQos=true&transacted=" + transacted;
        // what camel-jsonpath does for .jsonpath(...): Jayway, its default provider (json-smart), the path compiled once
        com.jayway.jsonpath.JsonPath germany = com.jayway.jsonpath.JsonPath.compile("$[?(@.country == 'DE')]");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:" + in + options)
                        .choice()
                            .when(e -> !((java.util.List<?>) germany.read(e.getMessage().getBody(String.class)))
                                    .isEmpty())
                                .to("jms:queue:bench.camel." + r + ".de?" + out)
                            .otherwise()
                                .to("jms:queue:bench.camel." + r + ".other?" + out)
                        .end()
                        .process(e -> {
                            long now = System.nanoTime();
                            if (count.getAndIncrement() == 0) {
                                first.set(now);
                            }
                            last.accumulateAndGet(now, Math::max);
                        });
            }
        });
        context.start();
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (count.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            record(figure + ", " + n + " × 1 KB, msg/s", (count.get() - 1) * 1e9 / (last.get() - first.get()));
        } finally {
            context.stop();
            cached.destroy();
        }
        drain("bench.camel." + r + ".de", "bench.camel." + r + ".other");
    }

    /** Empties the figure's output queues, so that no run pays for the broker memory of the ones before. */
    private void drain(String... queues) throws Exception {
        try (jakarta.jms.Connection c = tcp.createConnection()) {
            c.start();
            jakarta.jms.Session s = c.createSession(true, jakarta.jms.Session.SESSION_TRANSACTED);
            for (String q : queues) {
                try (jakarta.jms.MessageConsumer consumer = s.createConsumer(s.createQueue(q))) {
                    int n = 0;
                    while (consumer.receive(500) != null) {
                        if (++n % 1000 == 0) {
                            s.commit();
                        }
                    }
                    s.commit();
                }
            }
        }
    }

    private void record(String figure, double rate) {
        System.out.printf(Locale.ROOT, "  %s: %.0f%n", figure, rate);
        if (!figure.startsWith("warm-up")) {
            figures.computeIfAbsent(figure, f -> new ArrayList<>()).add(rate);
        }
    }

    private void print(String started) throws Exception {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%nRouting, run started %s%n%n"
                + "| figure | median | runs |%n|---|---|---|%n", started));
        figures.forEach((name, values) -> {
            List<Double> sorted = values.stream().sorted().toList();
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %s |%n", name, sorted.get(sorted.size() / 2),
                    String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList())));
        });
        System.out.println(out);
        Path result = Path.of("target/routing-benchmark.md");
        Files.createDirectories(result.getParent());
        Files.writeString(result, out.toString());
    }

    private String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private void post(String path) throws Exception {
        send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + platform.httpPort() + path);
    }

    private String send(HttpRequest.Builder request) throws Exception {
        String auth = Base64.getEncoder().encodeToString(("admin:" + Platform.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(request.header("Authorization", "Basic " + auth)
                .timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri() + ": " + r.statusCode()
                    + ": " + r.body());
        }
        return r.body();
    }
}
