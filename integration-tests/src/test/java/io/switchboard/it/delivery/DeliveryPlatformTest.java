package io.switchboard.it.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.testing.Platform;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery in the running platform, driven the way operators and legacy systems do: endpoints and policies as
 * {@code .cfg} files in {@code deploy/}, messages sent with the real client libraries to
 * {@code switchboard.deliver.<endpoint>}, an HTTP endpoint outside the platform that is down first and then answers.
 */
class DeliveryPlatformTest {

    @TempDir
    static Path dir;
    static Platform platform;
    static HttpServer endpoint;
    /** Message id (Idempotency-Key) to the bodies received with it. */
    static final Map<String, List<String>> received = new ConcurrentHashMap<>();
    static final AtomicInteger refusals = new AtomicInteger();
    static volatile int refuseNext;

    @BeforeAll
    static void boot() throws Exception {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/orders", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = 200;
            synchronized (DeliveryPlatformTest.class) {
                if (refuseNext > 0) {
                    refuseNext--;
                    refusals.incrementAndGet();
                    status = 503;
                }
            }
            if (status == 200) {
                received.computeIfAbsent(exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                        k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(new String(body, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        endpoint.start();
        platform = Platform.at(Platform.unpack(dir), "data").start();
        platform.awaitLog(l -> l.contains("Delivery store ready"), Duration.ofSeconds(60));
    }

    @AfterAll
    static void shutDown() throws InterruptedException {
        if (platform != null) {
            platform.close();
        }
        if (endpoint != null) {
            endpoint.stop(0);
        }
    }

    private static String url() {
        return "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/orders";
    }

    private static void drop(String name, String content) throws IOException, InterruptedException {
        platform.drop(content.getBytes(StandardCharsets.UTF_8), name);
        platform.awaitDeployment(name, Platform.status("DEPLOYED"));
    }

    @Test
    void messagesFromLegacyClientsReachAnHttpEndpointThroughFailuresEachOnce() throws Exception {
        drop("io.switchboard.delivery.endpoint~orders.cfg", """
                initialDelay = 100ms
                maxDelay = 500ms
                jitter = 0
                maxAttempts = 0
                breakerThreshold = 3
                breakerOpenFor = 500ms
                """);
        refuseNext = 5; // the endpoint fails its first five requests
        drop("io.switchboard.delivery.http~orders.cfg", "url = " + url() + "\n");
        // OpenWire (ActiveMQ 5 client) and AMQP (Qpid JMS), as legacy systems send
        var openwire = new org.apache.activemq.ActiveMQConnectionFactory("admin", Platform.ADMIN_PASSWORD,
                "tcp://127.0.0.1:" + platform.brokerPort());
        try (javax.jms.Connection c = openwire.createConnection()) {
            javax.jms.Session s = c.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
            javax.jms.MessageProducer p = s.createProducer(s.createQueue("switchboard.deliver.orders"));
            for (int i = 0; i < 20; i++) {
                p.send(s.createTextMessage("{\"order\":\"openwire-" + i + "\"}"));
            }
        }
        var amqp = new org.apache.qpid.jms.JmsConnectionFactory("admin", Platform.ADMIN_PASSWORD,
                "amqp://127.0.0.1:" + platform.brokerPort());
        try (jakarta.jms.JMSContext ctx = amqp.createContext()) {
            for (int i = 0; i < 20; i++) {
                ctx.createProducer().send(ctx.createQueue("switchboard.deliver.orders"), "{\"order\":\"amqp-" + i + "\"}");
            }
        }
        platform.await("every message reaches the endpoint", Duration.ofSeconds(30), () -> received.size() >= 40);
        assertEquals(40, received.size(), "every message reached the endpoint; log:\n" + platform.log());
        received.forEach((id, bodies) -> assertEquals(1, bodies.size(), id + " delivered more than once"));
        assertTrue(received.values().stream().anyMatch(b -> b.get(0).equals("{\"order\":\"amqp-7\"}")));
        assertEquals(5, refusals.get());

        String metrics = platform.getAs("admin", Platform.ADMIN_PASSWORD, "/metrics").body();
        assertTrue(metrics.contains("switchboard_delivery_delivered_total{endpoint=\"orders\"} 40"), metrics);
        assertTrue(metrics.contains("switchboard_delivery_accepted_total{endpoint=\"orders\"} 40"), metrics);
        assertTrue(metrics.contains("switchboard_delivery_failed_total{endpoint=\"orders\"} 5"), metrics);
    }

    @Test
    void messagesForAnEndpointNobodyDeployedWaitVisiblyAndGoOnceItIsDeployed() throws Exception {
        var core = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(platform.brokerUrl(), "admin",
                Platform.ADMIN_PASSWORD);
        try (jakarta.jms.JMSContext ctx = core.createContext()) {
            ctx.createProducer().send(ctx.createQueue("switchboard.deliver.later"), "{\"n\":1}");
        }
        platform.await("the endpoint later is listed", Duration.ofSeconds(10),
                () -> platform.api("/api/v1/delivery/endpoints").toString().contains("\"later\""));
        var summary = platform.api("/api/v1/delivery/endpoints");
        assertTrue(summary.toString().contains("\"name\":\"later\",\"deployed\":false"), summary.toString());
        drop("io.switchboard.delivery.test~later.cfg", "log = true\n");
        platform.awaitLog(l -> l.contains("Test endpoint later received message"), Duration.ofSeconds(10));
    }

    @Test
    void anInvalidPolicyChangeIsRefusedByFieldAndTheOldOneStays() throws Exception {
        drop("io.switchboard.delivery.endpoint~strict.cfg", "maxAttempts = 3\n");
        platform.awaitLog(l -> l.contains("Delivery endpoint policy for strict: 3 attempts"), Duration.ofSeconds(10));
        platform.drop("maxAttempts = 3\nmultiplier = fast\n".getBytes(StandardCharsets.UTF_8),
                "io.switchboard.delivery.endpoint~strict.cfg");
        String refused = platform.awaitLog(l -> l.contains("multiplier = 'fast' is not a number")
                || l.contains("multiplier"), Duration.ofSeconds(10));
        assertTrue(refused.contains("multiplier"), refused);
    }

    @Test
    void anUnreachableDatabaseHoldsReadinessAtServiceUnavailableAndNothingSentMeanwhileIsLost() throws Exception {
        // bad input: the store's database is unreachable -> /health/ready 503 with the reason; JMS messages wait
        int closed = Platform.freePort();
        drop("io.switchboard.delivery.cfg", "jdbcUrl = jdbc:postgresql://127.0.0.1:" + closed + "/none\n");
        String body = platform.awaitHttp("/health/ready", 503, b -> b.contains("delivery: database unreachable"));
        assertTrue(body.contains("127.0.0.1:" + closed), body);
        var core = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(platform.brokerUrl(), "admin",
                Platform.ADMIN_PASSWORD);
        try (jakarta.jms.JMSContext ctx = core.createContext()) {
            ctx.createProducer().send(ctx.createQueue("switchboard.deliver.meanwhile"), "{\"kept\":true}");
        }
        drop("io.switchboard.delivery.test~meanwhile.cfg", "log = true\n");
        // back to the embedded database: ready again, and the message sent meanwhile is delivered
        Files.delete(platform.deploy().resolve("io.switchboard.delivery.cfg"));
        platform.awaitHttp("/health/ready", 200, b -> true);
        platform.awaitLog(l -> l.contains("Test endpoint meanwhile received message"), Duration.ofSeconds(30));
    }

    @Test
    void anInvalidStoreConfigurationIsRefusedByFieldAndTheRunningStoreStays() throws Exception {
        // bad input: a value the metatype refuses fails the deployment; one only delivery can judge is logged
        platform.drop("poolSize = 0\n".getBytes(StandardCharsets.UTF_8), "io.switchboard.delivery.cfg");
        var failed = platform.awaitDeployment("io.switchboard.delivery.cfg", Platform.status("FAILED"));
        assertTrue(failed.toString().contains("poolSize"), failed.toString());
        platform.drop("jdbcUrl = jdbc:mysql://db/orders\n".getBytes(StandardCharsets.UTF_8),
                "io.switchboard.delivery.cfg");
        String refused = platform.awaitLog(l -> l.contains("Delivery configuration refused"), Duration.ofSeconds(10));
        assertTrue(refused.contains("jdbcUrl = 'jdbc:mysql://db/orders'"), refused);
        platform.awaitHttp("/health/ready", 200, b -> true);
        Files.delete(platform.deploy().resolve("io.switchboard.delivery.cfg"));
        platform.awaitHttp("/health/ready", 200, b -> true);
    }
}
