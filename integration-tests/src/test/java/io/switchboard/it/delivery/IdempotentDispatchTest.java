package io.switchboard.it.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.dispatch.Wire;
import io.switchboard.it.TestBundles;
import io.switchboard.it.delivery.bundles.CountingHandler;
import io.switchboard.it.delivery.bundles.CountingHandlerActivator;
import io.switchboard.testing.Platform;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Idempotent handlers in the running platform: the dispatcher checks each message id with the delivery bundle's
 * IdempotentReceiver (H2 under data/delivery), senders are the real Artemis JMS client on switchboard.dispatch.
 */
class IdempotentDispatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Platform platform;

    @BeforeAll
    static void boot() {
        platform = Platform.startForJvm("switchboard-idempotent", home -> Files.writeString(
                home.resolve("config/io.switchboard.dispatch.cfg"), "maxAttempts = 3\nredeliveryDelay = 100ms\n"));
    }

    @Test
    void anIdempotentHandlerRunsOncePerMessageIdAndCountsTheDuplicate() throws Exception {
        // issue 5 item 5: the same SB_MESSAGE_ID twice -> one call, an empty ok reply, duplicates metric 1
        deploy("idem-once", "idem.once", true, "count");
        String id = UUID.randomUUID().toString();
        assertEquals(1, request("idem.once", id).get("calls").asInt());
        assertEquals("", requestText("idem.once", id), "the duplicate called the handler");
        assertEquals(2, request("idem.once", UUID.randomUUID().toString()).get("calls").asInt(),
                "the handler ran for the duplicate");
        String metrics = platform.getAs("admin", Platform.ADMIN_PASSWORD, "/metrics").body();
        assertTrue(metrics.contains("switchboard_dispatch_duplicates_total{handler=\"idem-once\"} 1.0\n"), metrics);
        assertTrue(metrics.contains("switchboard_dispatch_handled_total{handler=\"idem-once\"} 2.0\n"), metrics);
    }

    @Test
    void aHandlerThatDidNotOptInRunsForEveryCopy() throws Exception {
        // opt-in: without idempotent = true the same id is handled twice
        deploy("idem-off", "idem.off", false, "count");
        String id = UUID.randomUUID().toString();
        assertEquals(1, request("idem.off", id).get("calls").asInt());
        assertEquals(2, request("idem.off", id).get("calls").asInt());
    }

    @Test
    void aFailedAttemptIsForgottenSoTheRetryIsHandled() throws Exception {
        // removeOnFailure: the first attempt throws; the dispatcher's retry (same id) must reach the handler
        deploy("idem-retry", "idem.retry", true, "fail-first");
        JsonNode reply = request("idem.retry", UUID.randomUUID().toString());
        assertEquals(1, reply.get("attempt").asInt(), reply.toString());
        assertEquals(2, reply.get("calls").asInt(), reply.toString());
    }

    private static void deploy(String name, String type, boolean idempotent, String behaviour) throws Exception {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Bundle-Activator", CountingHandlerActivator.class.getName());
        h.put("Import-Package", "io.switchboard.dispatch;version=\"[1.1,2)\",org.osgi.framework");
        h.put("Test-Handler-Type", type);
        h.put("Test-Handler-Idempotent", Boolean.toString(idempotent));
        h.put("Test-Handler-Behaviour", behaviour);
        platform.drop(TestBundles.bundle(name, "1.0.0", h, CountingHandlerActivator.class, CountingHandler.class),
                name + ".jar");
        platform.awaitDeployment(name + ".jar", Platform.status("DEPLOYED"));
    }

    private static JsonNode request(String type, String messageId) throws Exception {
        String body = requestText(type, messageId);
        assertTrue(!body.isEmpty(), "an empty reply: the handler was not called for " + messageId);
        return JSON.readTree(body);
    }

    /** Sends a request with this SB_MESSAGE_ID and returns the reply's body (empty for a duplicate). */
    private static String requestText(String type, String messageId) throws Exception {
        var factory = new ActiveMQConnectionFactory(platform.brokerUrl(), "admin", Platform.ADMIN_PASSWORD);
        try (factory; Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = s.createTemporaryQueue();
            MessageConsumer consumer = s.createConsumer(replies);
            c.start();
            TextMessage out = s.createTextMessage("{}");
            out.setStringProperty(Wire.TYPE, type);
            out.setStringProperty(Wire.MESSAGE_ID, messageId);
            out.setJMSReplyTo(replies);
            MessageProducer producer = s.createProducer(s.createQueue(Wire.DISPATCH_QUEUE));
            producer.send(out);
            jakarta.jms.Message reply = consumer.receive(20_000);
            assertNotNull(reply, "no reply to " + type + " " + messageId + " within 20 s");
            assertEquals(Wire.OK, reply.getStringProperty(Wire.STATUS), "reply status");
            return ((TextMessage) reply).getText();
        }
    }
}
