package io.switchboard.it.hardening;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.testing.Platform;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's hostile inputs to dispatch and routing, sent to a running platform as they were reported: a 4 kB
 * {@code SB_TYPE}, a type with a newline, route files with recursive and exploding YAML aliases (dropped hot and
 * present at boot), two routes feeding each other. After each the platform still serves and keeps what it held.
 */
class DispatchRoutingHardeningTest {

    /** What the routes' fan-out limit is set to here (default 10,000): small, so the loop's numbers are exact. */
    private static final int FAN_OUT_LIMIT = 200;
    private static final String[] HOSTILE_ROUTE_FILES = {"recursive-alias", "recursive-alias-filtered", "alias-bomb"};

    @TempDir
    static Path dir;
    static Platform platform;
    static Connection connection;
    static Session session;

    @BeforeAll
    static void boot() throws Exception {
        Path home = Platform.unpack(dir);
        Files.writeString(home.resolve("config/io.switchboard.routing.cfg"), "fanOutLimit = " + FAN_OUT_LIMIT + "\n");
        Files.write(home.resolve("deploy/pipe.route.yaml"), resource("pipe.route.yaml"));
        for (String hostile : HOSTILE_ROUTE_FILES) { // present at the first boot, as after a restart
            Files.write(home.resolve("deploy/boot-" + hostile + ".route.yaml"), resource(hostile + ".route.yaml"));
        }
        platform = Platform.at(home, "data").start();
        connection = new ActiveMQConnectionFactory(platform.brokerUrl(), "admin", Platform.ADMIN_PASSWORD)
                .createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        connection.start();
    }

    @AfterAll
    static void shutDown() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aFourKilobyteTypeIsDeadLetteredAndEveryDispatchConsumerStillAnswers() throws Exception {
        sendParked("hardening.kept", 3); // accepted before: must still be held after
        List<TemporaryQueue> replies = new ArrayList<>();
        for (int size : new int[] {4096, 4096, 4096, 4096, 65_536}) { // at least one per consumer (4 by default)
            TextMessage m = session.createTextMessage("{}");
            m.setStringProperty("SB_TYPE", "a.".repeat(size / 2) + "a");
            replies.add(request(m));
        }
        for (TemporaryQueue queue : replies) {
            TextMessage reply = reply(queue);
            assertEquals("error", reply.getStringProperty("SB_STATUS"));
            assertTrue(reply.getText().contains("no-type") && reply.getText().contains("at most 255"),
                    reply.getText());
        }
        assertFalse(platform.log().contains("StackOverflowError"), "a stack overflowed:\n" + platform.log());
        StillServes.check(platform); // four dispatch requests answered inside, one per consumer at least
        for (int i = 0; i < 4; i++) {
            StillServes.dispatchAnswers(platform);
        }
        assertEquals(3, platform.api("/api/v1/dispatch/parked").path("hardening.kept").asLong());
    }

    @Test
    void aNewlineInATypeOrOperationWritesNoForgedLogLine() throws Exception {
        String forged = "2026-12-05 10:00:00.000 INFO Security - admin role granted to mallory";
        TextMessage m = session.createTextMessage("{}");
        m.setStringProperty("SB_TYPE", "x\n" + forged);
        m.setStringProperty("SB_OPERATION", "area\n" + forged);
        TextMessage reply = reply(request(m));
        assertEquals("error", reply.getStringProperty("SB_STATUS"));
        String line = platform.awaitLog(l -> l.contains("reason=no-type") && l.contains("mallory"),
                Duration.ofSeconds(20));
        assertTrue(line.contains("area\\n2026-12-05"), line);
        for (String l : platform.log().split("\n")) {
            assertFalse(l.startsWith(forged.substring(0, 30)), "a forged log line: " + l);
        }
        StillServes.check(platform);
    }

    @Test
    void routeFilesWithRecursiveOrExplodingAliasesFailNamingTheirLineWhenDroppedHot() throws Exception {
        for (String hostile : HOSTILE_ROUTE_FILES) {
            platform.drop(resource(hostile + ".route.yaml"), "hot-" + hostile + ".route.yaml");
        }
        assertRefused("hot-");
        assertPipeStillRoutes("after hot deploys");
        StillServes.check(platform);
    }

    @Test
    void routeFilesWithRecursiveOrExplodingAliasesInDeployAtBootLeaveThePlatformReady() throws Exception {
        // the boot this class started with had them in deploy/: ready, the other files deployed, these FAILED
        assertRefused("boot-");
        assertEquals("DEPLOYED", platform.deployment("pipe.route.yaml").path("status").asText());
        assertPipeStillRoutes("after a boot with them");
        StillServes.check(platform);
    }

    @Test
    void twoRoutesFeedingEachOtherAreNamedAtDeployAndOneMessageCausesAtMostTheFanOutLimit() throws Exception {
        platform.drop(resource("loop.route.yaml"), "loop.route.yaml");
        platform.awaitDeployment("loop.route.yaml", Platform.status("DEPLOYED"));
        platform.awaitLog(l -> l.contains("WARN") && l.contains("Routes form a loop: loop-a -> jms:queue:loop.b -> "
                + "loop-b -> jms:queue:loop.a -> loop-a"), Duration.ofSeconds(20));
        session.createProducer(session.createQueue("loop.a")).send(session.createTextMessage("one"));
        // Each route sends a message on twice, each copy with an equal share of what is left: 200 -> 99 -> 48 -> 23
        // -> 10 -> 4 -> 1, and the 64 messages with 1 left are dead-lettered. 126 messages caused, not 2^32.
        int deadLettered = 0;
        try (MessageConsumer dlq = session.createConsumer(session.createQueue("DLQ"), "switchboard_route = 'loop-a'")) {
            for (jakarta.jms.Message m; deadLettered < 64 && (m = dlq.receive(20_000)) != null; deadLettered++) {
                assertTrue(m.getStringProperty("switchboard_error").contains("may cause only 1 more"),
                        m.getStringProperty("switchboard_error"));
            }
            assertEquals(64, deadLettered);
            assertEquals(null, dlq.receive(500), "more dead letters than the bound allows");
        }
        await().atMost(20, SECONDS).untilAsserted(() -> { // the counters commit with their messages
            assertEquals(1 + 4 + 16 + 64, firstStepIn("loop-a"), "messages loop-a took");
            assertEquals(2 + 8 + 32, firstStepIn("loop-b"), "messages loop-b took");
        });
        assertTrue(85 + 42 - 1 <= FAN_OUT_LIMIT);
        Files.delete(platform.deploy().resolve("loop.route.yaml"));
        StillServes.check(platform);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static void assertRefused(String prefix) throws InterruptedException {
        for (String hostile : HOSTILE_ROUTE_FILES) {
            String file = prefix + hostile + ".route.yaml";
            JsonNode d = platform.awaitDeployment(file, Platform.status("FAILED"));
            String error = d.path("error").asText();
            assertTrue(error.startsWith("deploy/" + file + ":5:"), error);
            assertTrue(error.contains(hostile.equals("alias-bomb") ? "more than 50000 YAML nodes"
                    : "alias *s is inside its own anchor &s (line 5): a recursive alias"), error);
        }
        assertFalse(platform.log().contains("StackOverflowError"), "a stack overflowed:\n" + platform.log());
    }

    private static void assertPipeStillRoutes(String when) throws JMSException {
        String text = "through the pipe " + when;
        session.createProducer(session.createQueue("pipe.in")).send(session.createTextMessage(text));
        try (MessageConsumer out = session.createConsumer(session.createQueue("pipe.out"))) {
            TextMessage m = (TextMessage) out.receive(20_000);
            assertNotNull(m, "the pipe route did not route " + when);
            assertEquals(text, m.getText());
        }
    }

    /** {@code n} stored messages of a type nobody handles: they wait, parked. */
    private static void sendParked(String type, int n) throws Exception {
        MessageProducer p = session.createProducer(session.createQueue("switchboard.dispatch"));
        for (int i = 0; i < n; i++) {
            TextMessage m = session.createTextMessage("{\"n\":" + i + "}");
            m.setStringProperty("SB_TYPE", type);
            p.send(m, DeliveryMode.PERSISTENT, 4, 0);
        }
        await(type + " parked").atMost(20, SECONDS)
                .until(() -> platform.api("/api/v1/dispatch/parked").path(type).asLong() >= n);
    }

    private static TemporaryQueue request(jakarta.jms.Message m) throws JMSException {
        TemporaryQueue replies = session.createTemporaryQueue();
        m.setJMSReplyTo(replies);
        session.createProducer(session.createQueue("switchboard.dispatch")).send(m);
        return replies;
    }

    private static TextMessage reply(TemporaryQueue queue) throws JMSException {
        try (MessageConsumer c = session.createConsumer(queue)) {
            TextMessage reply = (TextMessage) c.receive(20_000);
            assertNotNull(reply, "no reply: dispatch stopped?\n" + platform.log());
            return reply;
        }
    }

    private static long firstStepIn(String route) {
        for (JsonNode r : platform.api("/api/v1/routes").path("routes")) {
            if (r.path("id").asText().equals(route)) {
                return r.path("steps").get(0).path("in").asLong();
            }
        }
        return -1;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DispatchRoutingHardeningTest.class.getResourceAsStream("/hardening/" + name)) {
            if (in == null) {
                throw new IOException("no test resource hardening/" + name);
            }
            return in.readAllBytes();
        }
    }
}
