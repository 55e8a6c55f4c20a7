package io.switchboard.it.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.client.DispatchClient;
import io.switchboard.dispatch.DispatchException;
import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.Wire;
import io.switchboard.it.conformance.StompConnection;
import io.switchboard.it.conformance.StompConnection.Frame;
import io.switchboard.testing.Platform;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The public wire convention, from clients that are not ours: STOMP frames, OpenWire (ActiveMQ 5), Artemis Jakarta. */
class DispatchWireTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static Platform platform;

    @BeforeAll
    static void deployShapes() throws Exception {
        platform = DispatchPlatform.get();
        DispatchPlatform.deployExample("switchboard-example-shape-circle", "circle.jar");
        DispatchPlatform.deployExample("switchboard-example-shape-square", "square.jar");
        DispatchPlatform.deployHandler("wire-size", "test.size", "echo");
    }

    private static StompConnection stomp(String replyQueue) throws Exception {
        StompConnection stomp = new StompConnection(platform.brokerPort());
        assertEquals("CONNECTED", stomp.connect("admin", Platform.ADMIN_PASSWORD).command());
        stomp.send("SUBSCRIBE", "", "id", "1", "destination", replyQueue, "subscription-type", "ANYCAST",
                "destination-type", "ANYCAST");
        return stomp;
    }

    @Test
    void aStompClientGetsTheCircleAreaWithItsCorrelationId() throws Exception {
        // rule: SB_TYPE + SB_OPERATION select the handler; reply-to gets SB_STATUS=ok and the correlation id
        String replies = "stomp.replies." + UUID.randomUUID();
        try (StompConnection stomp = stomp(replies)) {
            stomp.send("SEND", "{\"radius\": 2}", "destination", Wire.DISPATCH_QUEUE, "destination-type", "ANYCAST",
                    "SB_TYPE", "shape.circle", "SB_OPERATION", "area", "reply-to", replies, "correlation-id", "c-42");
            Frame reply = stomp.read();
            assertEquals("MESSAGE", reply.command(), reply.toString());
            assertEquals("ok", reply.header("SB_STATUS"));
            assertEquals("c-42", reply.header("correlation-id"));
            assertEquals(4 * Math.PI, JSON.readTree(reply.body()).get("area").asDouble(), 1e-9);
        }
    }

    @Test
    void anOpenWireClientGetsTheSquarePerimeter() throws Exception {
        // rule: the convention works from the ActiveMQ 5 client (javax.jms, OpenWire) with a temporary reply queue
        org.apache.activemq.ActiveMQConnectionFactory factory = new org.apache.activemq.ActiveMQConnectionFactory(
                "admin", Platform.ADMIN_PASSWORD, platform.brokerUrl());
        try (javax.jms.Connection c = factory.createConnection()) {
            javax.jms.Session s = c.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
            javax.jms.TemporaryQueue replies = s.createTemporaryQueue();
            javax.jms.MessageConsumer consumer = s.createConsumer(replies);
            c.start();
            javax.jms.TextMessage request = s.createTextMessage("{\"side\": 3}");
            request.setStringProperty("SB_TYPE", "shape.square");
            request.setStringProperty("SB_OPERATION", "perimeter");
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("ow-1");
            s.createProducer(s.createQueue(Wire.DISPATCH_QUEUE)).send(request);
            javax.jms.TextMessage reply = (javax.jms.TextMessage) consumer.receive(10_000);
            assertNotNull(reply, "no reply");
            assertEquals("ok", reply.getStringProperty("SB_STATUS"));
            assertEquals("ow-1", reply.getJMSCorrelationID());
            assertEquals(12.0, JSON.readTree(reply.getText()).get("perimeter").asDouble(), 1e-9);
        }
    }

    @Test
    void aMessageWithoutTypeIsDeadLetteredNoTypeWithAnErrorReply() throws Exception {
        // bad input: no SB_TYPE -> error reply and DLQ reason no-type
        String replies = "stomp.replies." + UUID.randomUUID();
        String marker = UUID.randomUUID().toString();
        try (StompConnection stomp = stomp(replies)) {
            stomp.send("SEND", "{}", "destination", Wire.DISPATCH_QUEUE, "destination-type", "ANYCAST",
                    "reply-to", replies, "correlation-id", marker, "marker", marker);
            Frame reply = stomp.read();
            assertEquals("error", reply.header("SB_STATUS"), reply.toString());
            assertEquals("no-type", JSON.readTree(reply.body()).get("error").asText());
        }
        jakarta.jms.Message dead = DispatchPlatform.receive("DLQ", "marker = '" + marker + "'", 10_000);
        assertNotNull(dead, "not dead-lettered");
        assertEquals("no-type", dead.getStringProperty(Wire.DLQ_REASON));
    }

    @Test
    void aBodyThatDoesNotDecodeIsABadPayloadWithTheParseError() throws Exception {
        // bad input: {"side": 2} for a circle -> error reply and DLQ bad-payload naming the missing field
        String marker = UUID.randomUUID().toString();
        try (DispatchClient client = DispatchPlatform.client()) {
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> client.request(Message.builder("shape.circle").operation("area").json(Map.of("side", 2))
                            .header("marker", marker).build(), Duration.ofSeconds(10)).get());
            DispatchException error = (DispatchException) e.getCause();
            assertEquals("bad-payload", error.error());
            assertTrue(error.getMessage().contains("radius"), error.getMessage());
        }
        jakarta.jms.Message dead = DispatchPlatform.receive("DLQ", "marker = '" + marker + "'", 10_000);
        assertNotNull(dead, "not dead-lettered");
        assertEquals("bad-payload", dead.getStringProperty(Wire.DLQ_REASON));
        assertTrue(dead.getStringProperty(Wire.ERROR_MESSAGE).contains("radius"));
        assertTrue(dead.getStringProperty(Wire.HANDLER).contains("io.switchboard.examples.shape.circle"));
    }

    @Test
    void aFiftyMegabyteBodyPasses() throws Exception {
        // bad input that is not: 50 MB travel as an Artemis large message and reach the handler whole
        byte[] body = new byte[50 * 1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        try (Connection c = DispatchPlatform.factory().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.TemporaryQueue replies = s.createTemporaryQueue();
            jakarta.jms.MessageConsumer consumer = s.createConsumer(replies);
            c.start();
            BytesMessage request = s.createBytesMessage();
            request.writeBytes(body);
            request.setStringProperty("SB_TYPE", "test.size");
            request.setStringProperty("SB_CONTENT_TYPE", "application/octet-stream");
            request.setJMSReplyTo(replies);
            s.createProducer(s.createQueue(Wire.DISPATCH_QUEUE)).send(request);
            jakarta.jms.TextMessage reply = (jakarta.jms.TextMessage) consumer.receive(60_000);
            assertNotNull(reply, "no reply for the 50 MB message");
            JsonNode echo = JSON.readTree(reply.getText());
            assertEquals(body.length, echo.get("size").asInt());
        }
    }

    @Test
    void aBrokenDispatchConfigurationIsRefusedByNameAndDispatchCarriesOn() throws Exception {
        // bad input: a .cfg value that does not parse names the setting; the running dispatcher is kept
        java.nio.file.Path cfg = platform.home().resolve("config/io.switchboard.dispatch.cfg");
        try {
            java.nio.file.Files.writeString(cfg, DispatchPlatform.CONFIG.replace("parkTimeout = 20s",
                    "parkTimeout = one day"));
            String line = platform.awaitLog(l -> l.contains("Dispatch configuration refused"), Duration.ofSeconds(20));
            assertTrue(line.contains("parkTimeout = 'one day' is not a duration"), line);
            assertTrue(line.contains("keeps running with its previous configuration"), line);
            assertEquals("ok {\"area\":3.141592653589793}", request("shape.circle", "area", "{\"radius\": 1}", 0));
        } finally {
            java.nio.file.Files.writeString(cfg, DispatchPlatform.CONFIG);
        }
    }

    @Test
    void theRequestCommandOfTheReadmePrintsTheReply() throws Exception {
        // the README's walk-through command: bin/switchboard request TYPE OPERATION JSON, exit 0 ok / 1 error
        assertEquals("ok {\"area\":3.141592653589793}", request("shape.circle", "area", "{\"radius\": 1}", 0));
        assertTrue(request("shape.circle", "area", "{\"side\": 1}", 1).startsWith("error {\"error\":\"bad-payload\""));
    }

    private static String request(String type, String operation, String json, int exitCode) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(platform.home().resolve("bin/switchboard").toString(), "request", type,
                operation, json).redirectErrorStream(true);
        pb.environment().putAll(platform.environment());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        assertEquals(exitCode, p.waitFor(), out);
        String[] lines = out.split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void theHandlerTableIsServedByTheRestApi() throws Exception {
        // rule: GET /api/v1/dispatch/handlers lists type -> bundle, service, ranking
        JsonNode handlers = platform.api("/api/v1/dispatch/handlers");
        JsonNode circle = null;
        for (JsonNode h : handlers) {
            if (h.get("types").toString().contains("shape.circle")) {
                circle = h;
            }
        }
        assertNotNull(circle, handlers.toString());
        assertEquals("io.switchboard.examples.shape.circle", circle.get("bundle").asText());
        assertTrue(circle.get("serviceId").asLong() > 0);
        assertEquals(0, circle.get("ranking").asInt());
        assertEquals(401, platform.getAs("admin", "wrong", "/api/v1/dispatch/handlers").statusCode());
    }
}
