package io.switchboard.it.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.it.conformance.StompConnection.Frame;
import io.switchboard.testing.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** STOMP 1.2 as raw frames. Queue semantics need {@code destination-type}/{@code subscription-type: ANYCAST}. */
class StompConformanceTest {

    private final Platform platform = SharedPlatform.get();

    private static String unique(String what) {
        return "conf.stomp." + what + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    private StompConnection admin(String... headers) throws IOException {
        StompConnection c = new StompConnection(platform.brokerPort());
        Frame connected = c.connect(SharedPlatform.admin(), SharedPlatform.adminPassword(), headers);
        assertEquals("CONNECTED", connected.command(), connected.toString());
        return c;
    }

    /** Subscribes and waits for the broker's RECEIPT, so nothing sent afterwards can miss the subscription. */
    private static void subscribe(StompConnection c, String destination, String type, String... more) throws IOException {
        String[] headers = new String[more.length + 8];
        System.arraycopy(new String[] {"destination", destination, "id", "1", "subscription-type", type, "receipt", "r1"},
                0, headers, 0, 8);
        System.arraycopy(more, 0, headers, 8, more.length);
        c.send("SUBSCRIBE", "", headers);
        assertEquals("RECEIPT", c.read().command());
    }

    @Test
    void sendAndReceiveOnAQueue() throws IOException {
        String queue = unique("queue");
        try (StompConnection c = admin()) {
            subscribe(c, queue, "ANYCAST");
            c.send("SEND", "to the queue", "destination", queue, "destination-type", "ANYCAST");
            Frame m = c.read();
            assertEquals("MESSAGE", m.command());
            assertEquals("to the queue", m.body());
        }
    }

    @Test
    void publishAndSubscribeOnATopic() throws IOException {
        String topic = unique("topic");
        try (StompConnection a = admin(); StompConnection b = admin()) {
            subscribe(a, topic, "MULTICAST");
            subscribe(b, topic, "MULTICAST");
            a.send("SEND", "to all", "destination", topic, "destination-type", "MULTICAST");
            assertEquals("to all", a.read().body());
            assertEquals("to all", b.read().body());
        }
    }

    @Test
    void aDurableSubscriptionKeepsMessagesAcrossAReconnect() throws IOException {
        String topic = unique("durable");
        String clientId = unique("client");
        try (StompConnection c = admin("client-id", clientId)) {
            subscribe(c, topic, "MULTICAST", "durable-subscription-name", "sub");
            c.send("DISCONNECT", "", "receipt", "bye");
            c.read();
        }
        try (StompConnection p = admin()) {
            p.send("SEND", "while away", "destination", topic, "destination-type", "MULTICAST", "receipt", "sent");
            assertEquals("RECEIPT", p.read().command());
        }
        try (StompConnection c = admin("client-id", clientId)) {
            subscribe(c, topic, "MULTICAST", "durable-subscription-name", "sub");
            Frame m = c.read();
            assertEquals("MESSAGE", m.command());
            assertEquals("while away", m.body());
        }
    }

    @Test
    void headersAndContentTypesArrive() throws IOException {
        String queue = unique("headers");
        try (StompConnection c = admin()) {
            subscribe(c, queue, "ANYCAST");
            String body = "ünïcode ✓";
            c.send("SEND", body, "destination", queue, "destination-type", "ANYCAST", "color", "blue",
                    "content-type", "text/plain;charset=utf-8",
                    "content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
            Frame m = c.read();
            assertEquals("blue", m.header("color"));
            assertEquals(body, m.body());
        }
    }

    @Test
    void requestReplyWithReplyToAndCorrelationId() throws IOException {
        String service = unique("service");
        String replies = unique("replies");
        try (StompConnection responder = admin(); StompConnection requester = admin()) {
            subscribe(responder, service, "ANYCAST");
            subscribe(requester, replies, "ANYCAST");
            requester.send("SEND", "ping", "destination", service, "destination-type", "ANYCAST",
                    "reply-to", replies, "correlation-id", "corr-1");
            Frame request = responder.read();
            assertEquals(replies, request.header("reply-to"));
            responder.send("SEND", "re: " + request.body(), "destination", request.header("reply-to"),
                    "destination-type", "ANYCAST", "correlation-id", request.header("correlation-id"));
            Frame reply = requester.read();
            assertEquals("re: ping", reply.body());
            assertEquals("corr-1", reply.header("correlation-id"));
        }
    }

    @Test
    void aWrongPasswordGetsAnErrorFrame() throws IOException {
        try (StompConnection c = new StompConnection(platform.brokerPort())) {
            Frame answer = c.connect(SharedPlatform.admin(), "wrong");
            assertEquals("ERROR", answer.command(), answer.toString());
        }
    }

    @Test
    void aRoleWithoutTheRightGetsAnErrorFrame() throws IOException {
        try (StompConnection c = new StompConnection(platform.brokerPort())) {
            assertEquals("CONNECTED", c.connect(SharedPlatform.READER, SharedPlatform.PASSWORD).command());
            c.send("SEND", "a consumer may not send", "destination", unique("rights"), "destination-type", "ANYCAST",
                    "receipt", "r");
            Frame answer = c.read();
            assertEquals("ERROR", answer.command(), answer.toString());
        }
    }

    @Test
    void aMalformedFrameGetsAnErrorAndTheBrokerCarriesOn() throws IOException {
        String queue = unique("after");
        try (StompConnection bystander = admin(); StompConnection bad = admin()) {
            bad.raw("NOT-A-COMMAND\nfoo\n\nbody\0".getBytes(StandardCharsets.UTF_8));
            Frame error = bad.read();
            assertNotNull(error);
            assertEquals("ERROR", error.command(), error.toString());
            assertTrue(bad.closedByBroker(), "the broker disconnects the client that sent garbage");

            subscribe(bystander, queue, "ANYCAST");
            bystander.send("SEND", "still here", "destination", queue, "destination-type", "ANYCAST");
            assertEquals("still here", bystander.read().body(), "other clients carry on");
        }
    }
}
