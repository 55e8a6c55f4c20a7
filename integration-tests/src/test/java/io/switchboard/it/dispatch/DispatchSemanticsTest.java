package io.switchboard.it.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.client.DispatchClient;
import io.switchboard.dispatch.DispatchException;
import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.Wire;
import io.switchboard.testing.Platform;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dispatch semantics, each proven in the running platform with real handler bundles in deploy/. */
class DispatchSemanticsTest {

    static Platform platform;

    @BeforeAll
    static void boot() {
        platform = DispatchPlatform.get();
    }

    private static JsonNode ask(DispatchClient client, String type, String operation, String body) throws Exception {
        Message reply = client.request(Message.builder(type).operation(operation).text(body).build(),
                Duration.ofSeconds(15)).get();
        return DispatchWireTest.JSON.readTree(reply.bodyText());
    }

    @Test
    void theMostSpecificTypeWinsThenTheRankingAndOperationsFilter() throws Exception {
        // rule 1: shape.circle over shape; then service.ranking; a handler with operations sees only those
        DispatchPlatform.deployHandler("rank-animal", "rank.animal", "echo");
        DispatchPlatform.deployHandler("rank-cat-low", "rank.animal.cat", "echo", "Test-Handler-Ranking", "0");
        DispatchPlatform.deployHandler("rank-cat-high", "rank.animal.cat", "echo", "Test-Handler-Ranking", "10");
        DispatchPlatform.deployHandler("rank-feeder", "rank.animal", "echo", "Test-Handler-Ranking", "100",
                "Test-Handler-Operations", "feed");
        try (DispatchClient client = DispatchPlatform.client()) {
            assertEquals("rank-cat-high", ask(client, "rank.animal.cat", null, "x").get("handler").asText());
            assertEquals("rank-cat-high", ask(client, "rank.animal.cat.kitten", null, "x").get("handler").asText());
            assertEquals("rank-animal", ask(client, "rank.animal.dog", null, "x").get("handler").asText());
            assertEquals("rank-feeder", ask(client, "rank.animal.dog", "feed", "x").get("handler").asText());
            assertEquals("rank-cat-high", ask(client, "rank.animal.cat", "feed", "x").get("handler").asText());
        }
    }

    @Test
    void aTriangleIsParkedUntilItsHandlerIsDeployed() throws Exception {
        // rule 2 and the README walk-through: parked durably, dispatched once a handler is deployed
        try (DispatchClient client = DispatchPlatform.client()) {
            CompletableFuture<Message> reply = client.request(Message.builder("shape.triangle").operation("area")
                    .json(Map.of("a", 3, "b", 4, "c", 5)).build(), Duration.ofSeconds(30));
            JsonNode parked = awaitParked("shape.triangle");
            assertEquals(1, parked.get("shape.triangle").asInt(), parked.toString());
            assertTrue(!reply.isDone(), "answered without a handler");
            DispatchPlatform.deployExample("switchboard-example-shape-triangle", "triangle.jar");
            Message answer = reply.get(20, TimeUnit.SECONDS);
            assertEquals(6.0, DispatchWireTest.JSON.readTree(answer.bodyText()).get("area").asDouble(), 1e-9);
        }
    }

    @Test
    void anOperatorSendsATypesParkedMessagesToDispatchAgain() throws Exception {
        try (DispatchClient client = DispatchPlatform.client()) {
            client.send(Message.builder("redispatch.probe").json(Map.of("n", 1)).build());
            awaitParked("redispatch.probe");
            var post = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + platform.httpPort()
                    + "/api/v1/dispatch/parked/redispatch.probe/redispatch"))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            ("admin:" + Platform.ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build();
            var r = java.net.http.HttpClient.newHttpClient().send(post, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(1, DispatchWireTest.JSON.readTree(r.body()).path("affected").asInt(), r.body());
            platform.awaitLog(l -> l.contains("Dispatch unparked 1 message(s) of type [redispatch.probe]"),
                    Duration.ofSeconds(10));
            // still no handler for it: dispatched, and parked again — never lost
            assertEquals(1, awaitParked("redispatch.probe").get("redispatch.probe").asInt());
        }
    }

    private static JsonNode awaitParked(String type) {
        platform.await("a message of type " + type + " parked", Duration.ofSeconds(10),
                () -> platform.api("/api/v1/dispatch/parked").has(type));
        return platform.api("/api/v1/dispatch/parked");
    }

    @Test
    void aMessageParkedLongerThanParkTimeoutIsDeadLetteredNoHandler() throws Exception {
        // rule 2: after parkTimeout (20 s here) a parked message goes to the DLQ with reason no-handler
        String marker = UUID.randomUUID().toString();
        try (DispatchClient client = DispatchPlatform.client()) {
            client.send(Message.builder("nobody.home").header("marker", marker).build());
        }
        jakarta.jms.Message dead = DispatchPlatform.receive("DLQ", "marker = '" + marker + "'", 60_000);
        assertNotNull(dead, "never dead-lettered");
        assertEquals("no-handler", dead.getStringProperty(Wire.DLQ_REASON));
        assertEquals(Wire.PARKED_QUEUE, dead.getStringProperty(Wire.ORIGINAL_QUEUE));
    }

    @Test
    void aThrowingHandlerIsRetriedThenDeadLetteredWithTheExceptionAndNeverBlocksOthers() throws Exception {
        // rule 3: retries with backoff, then DLQ with class, message and handler; unrelated messages carry on
        DispatchPlatform.deployHandler("fails-always", "fails.always", "fail");
        DispatchPlatform.deployHandler("fails-twice", "fails.twice", "fail-twice");
        DispatchPlatform.deployHandler("unrelated", "test.unrelated", "echo");
        String marker = UUID.randomUUID().toString();
        try (DispatchClient client = DispatchPlatform.client()) {
            CompletableFuture<Message> failing = client.request(Message.builder("fails.always")
                    .header("marker", marker).build(), Duration.ofSeconds(30));
            CompletableFuture<Message> recovering = client.request(Message.builder("fails.twice").text("ok").build(),
                    Duration.ofSeconds(30));
            assertEquals("unrelated", ask(client, "test.unrelated", null, "x").get("handler").asText());
            assertTrue(!failing.isDone(), "the unrelated message waited for the failing one");
            ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(30, TimeUnit.SECONDS));
            assertEquals("handler-failed", ((DispatchException) e.getCause()).error());
            assertEquals("ok", DispatchWireTest.JSON.readTree(recovering.get(30, TimeUnit.SECONDS).bodyText())
                    .get("body").asText());
        }
        jakarta.jms.Message dead = DispatchPlatform.receive("DLQ", "marker = '" + marker + "'", 10_000);
        assertNotNull(dead, "not dead-lettered");
        assertEquals("handler-failed", dead.getStringProperty(Wire.DLQ_REASON));
        assertEquals("java.lang.IllegalStateException", dead.getStringProperty(Wire.ERROR_CLASS));
        assertTrue(dead.getStringProperty(Wire.ERROR_MESSAGE).contains("boom from fails-always"));
        assertEquals("fails-always/fails-always", dead.getStringProperty(Wire.HANDLER));
        assertEquals(3, dead.getIntProperty(Wire.ATTEMPTS));
    }

    @Test
    void aHandlerThatNeverCompletesTimesOutAndTheConsumersCarryOn() throws Exception {
        // bad input: a hanging handler -> timeout error reply; more hangs than consumers still leave them free
        DispatchPlatform.deployHandler("hangs", "test.hang", "hang", "Test-Handler-Timeout", "300");
        DispatchPlatform.deployHandler("never-completes", "test.never", "never", "Test-Handler-Timeout", "300");
        DispatchPlatform.deployHandler("after-hang", "test.afterhang", "echo");
        try (DispatchClient client = DispatchPlatform.client()) {
            List<CompletableFuture<Message>> hangs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                hangs.add(client.request(Message.builder(i % 2 == 0 ? "test.hang" : "test.never").build(),
                        Duration.ofSeconds(30)));
            }
            for (CompletableFuture<Message> hang : hangs) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> hang.get(30, TimeUnit.SECONDS));
                assertEquals("timeout", ((DispatchException) e.getCause()).error());
            }
            assertEquals("after-hang", ask(client, "test.afterhang", null, "x").get("handler").asText());
        }
    }

    @Test
    void aGroupIsHandledInOrderAndHandlersRunConcurrentlyWithinTheirLimit() throws Exception {
        // rule 4: JMSXGroupID keeps order; others run concurrently; a handler's concurrency caps it
        DispatchPlatform.deployHandler("ordered", "test.ordered", "slow");
        DispatchPlatform.deployHandler("limited", "test.limited", "slow", "Test-Handler-Concurrency", "1");
        String replies = "test.ordered.replies." + UUID.randomUUID();
        try (Connection c = DispatchPlatform.factory().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue replyQueue = s.createQueue(replies);
            MessageConsumer consumer = s.createConsumer(replyQueue);
            MessageProducer producer = s.createProducer(s.createQueue(Wire.DISPATCH_QUEUE));
            c.start();
            for (int i = 0; i < 40; i++) {
                for (String group : List.of("g1", "g2", "g3")) {
                    TextMessage m = s.createTextMessage(group + ":" + i);
                    m.setStringProperty("SB_TYPE", "test.ordered");
                    m.setStringProperty("JMSXGroupID", group);
                    m.setJMSReplyTo(replyQueue);
                    producer.send(m);
                }
            }
            Map<String, Integer> last = new HashMap<>();
            int mostAtOnce = 0;
            for (int n = 0; n < 120; n++) {
                TextMessage reply = (TextMessage) consumer.receive(20_000);
                assertNotNull(reply, "reply " + n + " missing");
                JsonNode echo = DispatchWireTest.JSON.readTree(reply.getText());
                String[] body = echo.get("body").asText().split(":");
                int seq = Integer.parseInt(body[1]);
                Integer previous = last.put(body[0], seq);
                assertEquals(previous == null ? 0 : previous + 1, seq, "group " + body[0] + " out of order");
                mostAtOnce = Math.max(mostAtOnce, echo.get("mostAtOnce").asInt());
            }
            assertTrue(mostAtOnce > 1, "three groups never ran concurrently");
        }
        try (DispatchClient client = DispatchPlatform.client()) {
            List<CompletableFuture<Message>> all = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                all.add(client.request(Message.builder("test.limited").text("x").build(), Duration.ofSeconds(30)));
            }
            for (CompletableFuture<Message> f : all) {
                assertEquals(1, DispatchWireTest.JSON.readTree(f.get(30, TimeUnit.SECONDS).bodyText())
                        .get("mostAtOnce").asInt(), "concurrency 1 exceeded");
            }
        }
    }

    @Test
    void redeployingAHandlerTenTimesUnderLoadLosesNothingAndHandlesNothingTwice() throws Exception {
        // rule 5: 10 updates and an uninstall of the handler bundle while a stream runs; every message once
        DispatchPlatform.deployHandler("swap", "test.swap", "echo");
        String replies = "test.swap.replies." + UUID.randomUUID();
        int total = 3000;
        int slice = total / 10;
        // One slice of the stream per redeploy, let go as the redeploy starts: messages are on their way through
        // every update and the uninstall, whatever the machine's speed.
        Semaphore slices = new Semaphore(0);
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            try (Connection c = DispatchPlatform.factory().createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = s.createProducer(s.createQueue(Wire.DISPATCH_QUEUE));
                Queue replyQueue = s.createQueue(replies);
                for (int i = 0; i < total; i++) {
                    if (i % slice == 0 && !slices.tryAcquire(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("slice " + (i / slice + 1) + " never let go");
                    }
                    TextMessage m = s.createTextMessage(Integer.toString(i));
                    m.setStringProperty("SB_TYPE", "test.swap");
                    m.setJMSReplyTo(replyQueue);
                    producer.send(m);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (int v = 1; v <= 10; v++) {
            slices.release();
            if (v == 6) {
                platform.deploy().resolve("swap.jar").toFile().delete(); // uninstall, then install again
                platform.awaitDeployment("swap.jar", d -> d == null);
            }
            platform.drop(DispatchPlatform.handlerBundle("swap", "1.0." + v, "test.swap", "echo"), "swap.jar");
            awaitActive("swap", "1.0." + v);
        }
        sender.get(120, TimeUnit.SECONDS);
        int[] seen = new int[total];
        try (Connection c = DispatchPlatform.factory().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(replies));
            c.start();
            int received = 0;
            while (received < total) {
                TextMessage reply = (TextMessage) consumer.receive(30_000);
                assertNotNull(reply, "only " + received + " of " + total + " replies");
                seen[Integer.parseInt(DispatchWireTest.JSON.readTree(reply.getText()).get("body").asText())]++;
                received++;
            }
        }
        // nothing handled twice: once nothing is left to dispatch (none waiting, in delivery, scheduled for a retry
        // or parked), no further reply can come, and the reply queue took exactly one per message
        platform.await("the dispatch queue idle and no test.swap parked", Duration.ofSeconds(30), () -> {
            JsonNode dispatch = platform.queue(Wire.DISPATCH_QUEUE);
            return dispatch.path("depth").asLong() == 0 && dispatch.path("delivering").asLong() == 0
                    && dispatch.path("scheduled").asLong() == 0
                    && !platform.api("/api/v1/dispatch/parked").has("test.swap");
        });
        assertEquals(total, platform.queue(replies).path("messagesAdded").asLong(),
                "more replies than messages: something was handled twice");
        for (int i = 0; i < total; i++) {
            assertEquals(1, seen[i], "message " + i + " handled " + seen[i] + " times");
        }
    }

    @Test
    void perHandlerMetricsAreServedAtMetrics() throws Exception {
        // rule 7: count, errors and a latency histogram per handler, Prometheus text, authenticated
        DispatchPlatform.deployHandler("metered", "test.metered", "echo");
        try (DispatchClient client = DispatchPlatform.client()) {
            for (int i = 0; i < 3; i++) {
                ask(client, "test.metered", null, "x");
            }
        }
        String metrics = platform.getAs("admin", Platform.ADMIN_PASSWORD, "/metrics").body();
        assertTrue(metrics.contains("switchboard_dispatch_handled_total{handler=\"metered\"} 3"), metrics);
        assertTrue(metrics.contains("switchboard_dispatch_errors_total{handler=\"metered\"} 0"), metrics);
        assertTrue(metrics.contains("switchboard_dispatch_duration_seconds_bucket{handler=\"metered\",le=\"+Inf\"} 3"));
        assertTrue(metrics.contains("# TYPE switchboard_dispatch_duration_seconds histogram"));
        assertEquals(401, platform.get("/metrics").statusCode());
    }

    /** Waits until the bundle runs in exactly this version (the deployer's signal that an update took). */
    private static void awaitActive(String symbolicName, String version) {
        platform.await(symbolicName + " " + version + " active", Duration.ofSeconds(10), () -> {
            for (JsonNode b : platform.api("/api/v1/bundles")) {
                if (symbolicName.equals(b.path("symbolicName").asText()) && version.equals(b.path("version").asText())
                        && "ACTIVE".equals(b.path("state").asText())) {
                    return true;
                }
            }
            return false;
        });
    }
}
