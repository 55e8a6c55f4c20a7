package io.switchboard.it.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.client.DispatchClient;
import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.Wire;
import io.switchboard.testing.Platform;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The Messenger inside the container: delivery modes and late replies, also across a restart. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MessengerTest {

    static Platform platform;

    @BeforeAll
    static void deployHandlers() throws Exception {
        platform = DispatchPlatform.get();
        DispatchPlatform.deployHandler("messenger-echo", "test.echo", "echo");
        DispatchPlatform.deployHandler("messenger-fails", "messenger.fails", "fail");
        DispatchPlatform.deployHandler("messenger-modes", "test.modes", "modes");
        DispatchPlatform.deployHandler("messenger-ask", "late.ask", "ask");
        DispatchPlatform.deployHandler("messenger-slow", "late.slow", "sleep");
    }

    @org.junit.jupiter.api.AfterAll
    static void dumpLog() {
        if (System.getProperty("dump.log") != null) {
            System.out.println(platform.log());
        }
    }

    private static JsonNode call(DispatchClient client, String type, Object body) throws Exception {
        Message reply = client.request(Message.builder(type).json(body).build(), Duration.ofSeconds(40)).get();
        return DispatchWireTest.JSON.readTree(reply.bodyText());
    }

    @Test
    @Order(1)
    void everyDeliveryModeCompletesAsDocumented() throws Exception {
        // rule: fire-and-forget and stored return the sent message, processed the handler's ack, request the reply
        try (DispatchClient client = DispatchPlatform.client()) {
            JsonNode modes;
            try {
                modes = call(client, "test.modes", Map.of());
            } catch (Exception e) {
                System.out.println(platform.log());
                throw e;
            }
            assertTrue(modes.get("fireAndForget").asBoolean(), modes.toString());
            assertTrue(modes.get("stored").asBoolean(), modes.toString());
            assertEquals("ok", modes.get("processed").asText(), modes.toString());
            assertEquals("rr", modes.get("reply").asText(), modes.toString());
            assertEquals("handler-failed", modes.get("error").asText(), modes.toString());
        }
    }

    @Test
    @Order(2)
    void aReplyAfterTheTimeoutGoesToTheLateReplyQueue() throws Exception {
        // rule 6: the requester gave up after 200 ms; the reply 1 s later lands on switchboard.replies.late
        try (DispatchClient client = DispatchPlatform.client()) {
            JsonNode asked = call(client, "late.ask", Map.of("sleep", 1000, "timeout", 200));
            assertTrue(asked.get("timedOut").asBoolean(), asked.toString());
            String correlation = asked.get("correlation").asText();
            jakarta.jms.Message late = DispatchPlatform.receive(Wire.LATE_REPLIES,
                    "JMSCorrelationID = '" + correlation + "'", 15_000);
            assertNotNull(late, "the late reply was dropped");
            assertEquals("ok", late.getStringProperty(Wire.STATUS));
        }
    }

    @Test
    @Order(3)
    void aLateReplyWithALateReplyTypeIsDispatchedAsThatType() throws Exception {
        // rule 6: SB_LATE_REPLY_TYPE on the request routes its late reply to a handler of that type
        DispatchPlatform.deployHandler("late-collector", "late.collected", "echo");
        try (DispatchClient client = DispatchPlatform.client()) {
            JsonNode asked = call(client, "late.ask", Map.of("sleep", 800, "timeout", 100, "lateType", "late.collected"));
            assertTrue(asked.get("timedOut").asBoolean(), asked.toString());
        }
        platform.await("the late reply reaches its handler", Duration.ofSeconds(10),
                () -> platform.getAs("admin", Platform.ADMIN_PASSWORD, "/metrics").body()
                        .contains("switchboard_dispatch_handled_total{handler=\"late-collector\"} 1.0"));
    }

    @Test
    @Order(4)
    void aReplyThatArrivesAfterTheRequesterRestartedIsKept() throws Exception {
        // rule 6: the request waits parked while the requester's container restarts; its reply comes after
        // The request must be unparked within parkTimeout (20 s here), restart included. The delivery store keeps
        // booting (Hibernate) after the ready line and a stop waits for it: stop a platform that has finished.
        platform.awaitHttp("/health/ready", 200, body -> true);
        String correlation;
        try (DispatchClient client = DispatchPlatform.client()) {
            correlation = call(client, "late.ask", Map.of("type", "late.external", "sleep", 0, "timeout", 600_000,
                    "wait", false)).get("correlation").asText();
        }
        assertEquals(0, platform.stop(), "graceful stop");
        platform.start();
        DispatchPlatform.deployHandler("late-external", "late.external", "echo");
        jakarta.jms.Message late = DispatchPlatform.receive(Wire.LATE_REPLIES,
                "JMSCorrelationID = '" + correlation + "'", 20_000);
        assertNotNull(late, "the reply that came after the restart was dropped");
        assertTrue(platform.log().contains("late reply for correlation " + correlation), "no log line for it");
    }
}
