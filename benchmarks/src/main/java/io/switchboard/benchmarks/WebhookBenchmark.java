package io.switchboard.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.testing.Platform;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Webhook ingress: HTTP POSTs of a 1 KB JSON body, each answered only once the message is durably on a queue, from
 * {@code c} concurrent clients. Three servers take the same load in turn, the order alternating each run:
 * Switchboard's webhook ({@code /hooks/bench}, auth none, to a persistent queue through its route's transaction,
 * in-VM to its broker); Camel 4's {@code platform-http} on Vert.x to {@code jms:} (a persistent send, synchronous:
 * the broker has stored it when it returns; Spring's {@code CachingConnectionFactory}, as Camel's documentation advises
 * for sending) over TCP to the same broker; and the raw ceiling, the JDK's HTTP server doing a transacted persistent
 * JMS send and commit per request by hand, over TCP. Reported: msg/s (requests / wall time) and latency p50/p99.
 *
 * <p>Arguments: {@code [requests per run=3000] [clients=8] [runs=5]}.
 */
public final class WebhookBenchmark {

    private final Map<String, List<double[]>> figures = new LinkedHashMap<>();

    public static void main(String[] args) {
        BenchClients.main(args, WebhookBenchmark::run);
    }

    private static void run(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Platform platform = Platform.startForJvm("switchboard-webhook-bench", home -> {
            Files.copy(home.resolve("features/switchboard-bridge-http.json"),
                    home.resolve("deploy/switchboard-bridge-http.json"));
            Files.writeString(home.resolve("deploy/io.switchboard.bridge.http.in~bench.cfg"),
                    "path = bench\nauth = none\nto = jms:queue:bench.hooks\n");
        });
        platform.await("the bench webhook", Duration.ofSeconds(60), () -> platform.getAs("admin",
                Platform.ADMIN_PASSWORD, "/api/v1/bridges/http.in~bench").body().contains("\"CONNECTED\""));
        ConnectionFactory tcp = new ActiveMQConnectionFactory(platform.brokerUrl(), "admin", Platform.ADMIN_PASSWORD);
        String switchboard = "http://127.0.0.1:" + platform.httpPort() + "/hooks/bench";
        String raw;
        HttpServer rawServer = rawCeiling(tcp, clients);
        raw = "http://127.0.0.1:" + rawServer.getAddress().getPort() + "/hooks/bench";
        int camelPort = Platform.freePort();
        CamelContext camel = camel(tcp, camelPort);
        String camelUrl = "http://127.0.0.1:" + camelPort + "/hooks/bench";
        WebhookBenchmark bench = new WebhookBenchmark();
        String started = Instant.now().toString();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // warm-up, not recorded
        for (String url : List.of(switchboard, camelUrl, raw)) {
            load(http, url, Math.min(n, 1000), clients);
        }
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("Switchboard webhook (route transaction, in-VM broker)", switchboard);
        targets.put("Camel 4 platform-http (Vert.x) → jms:, persistent send over TCP", camelUrl);
        targets.put("raw ceiling: JDK HttpServer + transacted JMS send over TCP", raw);
        for (int r = 1; r <= runs; r++) {
            List<String> order = new ArrayList<>(targets.keySet());
            if (r % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (String name : order) {
                double[] f = load(http, targets.get(name), n, clients);
                System.out.printf("  %s: %.0f msg/s, p50 %.2f ms, p99 %.2f ms%n", name, f[0], f[1], f[2]);
                bench.figures.computeIfAbsent(name, k -> new ArrayList<>()).add(f);
            }
        }
        camel.close();
        rawServer.stop(0);
        bench.print(started, n, clients, runs);
        platform.close();
    }

    /** {@code n} POSTs from {@code clients} threads; returns msg/s, p50 ms, p99 ms. Every answer must be 202. */
    static double[] load(HttpClient http, String url, int n, int clients) throws Exception {
        long[] latencies = new long[n];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> all = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int from = c * n / clients;
            int to = (c + 1) * n / clients;
            all.add(pool.submit(() -> {
                for (int i = from; i < to; i++) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(BenchClients.BODY)).build();
                    long s = System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    latencies[i] = System.nanoTime() - s;
                    if (response.statusCode() != 202) {
                        throw new IllegalStateException(url + " answered " + response.statusCode() + ": "
                                + response.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        Arrays.sort(latencies);
        return new double[] {n / seconds, latencies[n / 2] / 1e6, latencies[(int) (n * 0.99)] / 1e6};
    }

    /** The ceiling: per request, a transacted persistent send and its commit, sessions kept per server thread. */
    static HttpServer rawCeiling(ConnectionFactory tcp, int threads) throws Exception {
        // the JDK server otherwise waits on delayed ACKs (Nagle) for every small answer: ~40 ms a request
        System.setProperty("sun.net.httpserver.nodelay", "true");
        jakarta.jms.Connection connection = tcp.createConnection();
        ThreadLocal<Object[]> sessions = ThreadLocal.withInitial(() -> {
            try {
                Session s = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageProducer p = s.createProducer(s.createQueue("bench.hooks.raw"));
                p.setDeliveryMode(DeliveryMode.PERSISTENT);
                return new Object[] {s, p};
            } catch (jakarta.jms.JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/hooks/bench", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            Object[] sp = sessions.get();
            Session s = (Session) sp[0];
            try {
                ((MessageProducer) sp[1]).send(s.createTextMessage(new String(body, java.nio.charset.StandardCharsets.UTF_8)));
                s.commit();
                byte[] answer = "{\"accepted\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                x.sendResponseHeaders(202, answer.length);
                x.getResponseBody().write(answer);
            } catch (jakarta.jms.JMSException e) {
                x.sendResponseHeaders(503, -1);
            }
            x.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.start();
        return server;
    }

    static CamelContext camel(ConnectionFactory tcp, int port) throws Exception {
        CamelContext context = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(conf));
        org.springframework.jms.connection.CachingConnectionFactory cached =
                new org.springframework.jms.connection.CachingConnectionFactory(tcp);
        cached.setSessionCacheSize(16);
        context.addComponent("jms", JmsComponent.jmsComponent(cached));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/hooks/bench?httpMethodRestrict=POST")
                        .to("jms:queue:bench.hooks.camel?deliveryPersistent=true&exchangePattern=InOnly")
                        .setBody(constant("{\"accepted\":true}"))
                        .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(202));
            }
        });
        context.start();
        return context;
    }

    private void print(String started, int n, int clients, int runs) {
        System.out.printf("%nWebhook ingress, run started %s: %d requests of 1 KB JSON per figure, %d concurrent "
                + "clients, %d runs%n%n| figure | msg/s median (min–max) | p50 ms median | p99 ms median |%n|---|---|---|---|%n",
                started, n, clients, runs);
        figures.forEach((name, list) -> {
            double[] rate = list.stream().mapToDouble(f -> f[0]).sorted().toArray();
            double[] p50 = list.stream().mapToDouble(f -> f[1]).sorted().toArray();
            double[] p99 = list.stream().mapToDouble(f -> f[2]).sorted().toArray();
            System.out.printf("| %s | %.0f (%.0f–%.0f) | %.2f | %.2f |%n", name, rate[rate.length / 2], rate[0],
                    rate[rate.length - 1], p50[p50.length / 2], p99[p99.length / 2]);
        });
    }
}
