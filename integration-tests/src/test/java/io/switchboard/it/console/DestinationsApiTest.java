package io.switchboard.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.testing.Platform;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's Destinations API against a running platform: messages sent and received with the Artemis JMS
 * client over TCP, queues read and acted on through {@code /api/v1/destinations}.
 */
class DestinationsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static Platform platform;
    static Connection connection;
    static Session session;

    @BeforeAll
    static void boot() throws Exception {
        platform = Platform.at(Platform.unpack(dir), "data").start();
        var factory = new ActiveMQConnectionFactory(platform.brokerUrl(), "admin", Platform.ADMIN_PASSWORD);
        connection = factory.createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
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

    private static void send(String queue, String... bodies) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            for (String body : bodies) {
                producer.send(session.createTextMessage(body));
            }
        }
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString(("admin:" + Platform.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.httpPort() + path))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode postOk(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = post(path, body);
        assertEquals(200, r.statusCode(), "POST " + path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode queue(String name) {
        return platform.queue(name);
    }

    /** Waits until the listing's queue matches: the broker's counters follow a send or an ack asynchronously. */
    private static JsonNode awaitQueue(String name, Predicate<JsonNode> wanted) {
        try {
            return Awaitility.await().atMost(Duration.ofSeconds(15)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(25)).until(() -> queue(name), q -> q != null && wanted.test(q));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " never matched; last: " + queue(name));
        }
    }

    private static List<String> receiveAll(String queue, int count) throws JMSException {
        List<String> bodies = new ArrayList<>();
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            for (int i = 0; i < count; i++) {
                Message m = consumer.receive(10_000);
                assertNotNull(m, queue + ": message " + (i + 1) + " of " + count + " never came");
                bodies.add(((TextMessage) m).getText());
            }
        }
        return bodies;
    }

    @Test
    void theListingShowsDepthConsumersTotalsAndTheDeadLetterQueue() throws Exception {
        send("dest.list", "a", "b", "c");
        try (MessageConsumer idle = session.createConsumer(session.createQueue("dest.list.consumed"))) {
            awaitQueue("dest.list", q -> q.path("depth").asLong() == 3 && q.path("messagesAdded").asLong() == 3);
            JsonNode consumed = awaitQueue("dest.list.consumed", q -> q.path("consumers").asInt() == 1);
            assertEquals("ANYCAST", consumed.path("routingType").asText());
            assertEquals("dest.list.consumed", consumed.path("address").asText());
        }
        JsonNode listing = platform.api("/api/v1/destinations");
        assertTrue(listing.path("totals").path("depth").asLong() >= 3, listing.toString());
        assertTrue(listing.path("totals").path("messagesAdded").asLong() >= 3, listing.toString());
        assertTrue(listing.path("timestamp").asLong() > 0, listing.toString());
        assertTrue(queue("DLQ").path("deadLetter").asBoolean(), "DLQ is the broker's dead-letter address");
        assertEquals(false, queue("dest.list").path("deadLetter").asBoolean());
    }

    @Test
    void anAddressWithoutQueuesIsListedWithTheMessagesItCouldRouteNowhere() throws Exception {
        try (MessageProducer producer = session.createProducer(session.createTopic("dest.nobody.listens"))) {
            producer.send(session.createTextMessage("into the void"));
        }
        JsonNode address = null;
        for (JsonNode a : platform.api("/api/v1/destinations").path("addresses")) {
            if (a.path("name").asText().equals("dest.nobody.listens")) {
                address = a;
            }
        }
        assertNotNull(address, "a topic without subscribers is an address without queues");
        assertEquals("[\"MULTICAST\"]", address.path("routingTypes").toString());
        assertEquals(0, address.path("queues").asInt());
        assertEquals(1, address.path("unrouted").asLong(), address.toString());
    }

    @Test
    void browsingShowsHeadersPropertiesAndTheBodyVerbatim() throws Exception {
        String script = "<script>alert(1)</script>";
        try (MessageProducer producer = session.createProducer(session.createQueue("dest.browse"))) {
            TextMessage text = session.createTextMessage(script);
            text.setStringProperty("origin", "it & \"co\"");
            producer.send(text, jakarta.jms.DeliveryMode.PERSISTENT, 7, 0);
            BytesMessage bytes = session.createBytesMessage();
            bytes.writeBytes(new byte[] {1, 2, 3});
            producer.send(bytes);
            producer.send(session.createTextMessage("x".repeat(5000)));
        }
        HttpResponse<String> raw = platform.getAs("admin", Platform.ADMIN_PASSWORD,
                "/api/v1/destinations/dest.browse/messages?limit=10");
        assertEquals(200, raw.statusCode(), raw.body());
        assertTrue(raw.body().contains(script), "the body comes back as sent; escaping is the console's job: " + raw.body());
        JsonNode messages = JSON.readTree(raw.body()).path("messages");
        assertEquals(3, messages.size(), raw.body());
        JsonNode first = messages.get(0);
        assertEquals(script, first.path("body").asText());
        assertEquals("text", first.path("type").asText());
        assertEquals("text", first.path("bodyEncoding").asText());
        assertEquals("it & \"co\"", first.path("properties").path("origin").asText());
        assertEquals(7, first.path("priority").asInt());
        assertTrue(first.path("durable").asBoolean());
        assertTrue(first.path("messageId").asText().startsWith("ID:"), first.toString());
        assertTrue(first.path("timestamp").asText().endsWith("Z"), first.toString());
        assertTrue(first.path("id").asLong() > 0, first.toString());
        JsonNode second = messages.get(1);
        assertEquals("bytes", second.path("type").asText());
        assertEquals("base64", second.path("bodyEncoding").asText());
        assertEquals("AQID", second.path("body").asText());
        assertEquals(3, second.path("bodySize").asLong());
        JsonNode third = messages.get(2);
        assertEquals(4096, third.path("body").asText().length());
        assertTrue(third.path("truncated").asBoolean());

        JsonNode limited = platform.api("/api/v1/destinations/dest.browse/messages?limit=1");
        assertEquals(1, limited.path("messages").size());
        assertEquals(3, queue("dest.browse").path("depth").asLong(), "browsing consumes nothing");
        assertEquals(400, platform.getAs("admin", Platform.ADMIN_PASSWORD,
                "/api/v1/destinations/dest.browse/messages?limit=501").statusCode());
    }

    @Test
    void aTestMessageSentThroughTheApiIsReadByAJmsConsumer() throws Exception {
        try (MessageConsumer consumer = session.createConsumer(session.createQueue("dest.send"))) {
            JsonNode sent = postOk("/api/v1/destinations/dest.send/send",
                    "{\"body\":\"hello from the console\",\"properties\":{\"kind\":\"test\"},\"routingType\":\"ANYCAST\",\"durable\":true}");
            assertEquals("dest.send", sent.path("address").asText());
            Message received = consumer.receive(10_000);
            TextMessage text = assertInstanceOf(TextMessage.class, received);
            assertEquals("hello from the console", text.getText());
            assertEquals("test", text.getStringProperty("kind"));
            assertEquals(jakarta.jms.DeliveryMode.PERSISTENT, text.getJMSDeliveryMode());
        }
        HttpResponse<String> unknown = post("/api/v1/destinations/dest.nowhere/send", "{\"body\":\"x\"}");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("dest.nowhere"), unknown.body());
        HttpResponse<String> badJson = post("/api/v1/destinations/dest.send/send", "{\"body\": ");
        assertEquals(400, badJson.statusCode(), badJson.body());
        HttpResponse<String> noBody = post("/api/v1/destinations/dest.send/send", "{\"properties\":{}}");
        assertEquals(400, noBody.statusCode(), noBody.body());
        assertTrue(noBody.body().contains("'body'"), noBody.body());
        HttpResponse<String> badName = post("/api/v1/destinations/dest.send/send",
                "{\"body\":\"x\",\"properties\":{\"not-an-identifier\":\"v\"}}");
        assertEquals(400, badName.statusCode(), badName.body());
        assertTrue(badName.body().contains("not-an-identifier"), badName.body());
    }

    @Test
    void purgeEmptiesTheQueue() throws Exception {
        send("dest.purge", "1", "2", "3", "4", "5");
        awaitQueue("dest.purge", q -> q.path("depth").asLong() == 5);
        assertEquals(5, postOk("/api/v1/destinations/dest.purge/purge", null).path("purged").asLong());
        awaitQueue("dest.purge", q -> q.path("depth").asLong() == 0);
        assertEquals(0, platform.api("/api/v1/destinations/dest.purge/messages").path("messages").size());
    }

    @Test
    void deadLettersGoBackToTheQueueTheyCameFromOneOrAll() throws Exception {
        send("dest.origin", "first", "second");
        // max-delivery-attempts is 10 (config/broker.xml): ten rollbacks of each dead-letter it
        try (Session tx = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = tx.createConsumer(tx.createQueue("dest.origin"))) {
            for (int i = 0; i < 20; i++) {
                assertNotNull(consumer.receive(10_000), "delivery " + (i + 1) + " of 20 never came");
                tx.rollback();
            }
        }
        awaitQueue("dest.origin", q -> q.path("depth").asLong() == 0);
        awaitQueue("DLQ", q -> q.path("depth").asLong() >= 2);
        JsonNode dead = null;
        for (JsonNode m : platform.api("/api/v1/destinations/DLQ/messages?limit=500").path("messages")) {
            if (m.path("body").asText().equals("second")) {
                dead = m;
            }
        }
        assertNotNull(dead, "the dead letter is browsable in DLQ");
        assertEquals("dest.origin", dead.path("properties").path("_AMQ_ORIG_ADDRESS").asText(), dead.toString());

        JsonNode one = postOk("/api/v1/destinations/DLQ/messages/" + dead.path("id").asLong() + "/retry", null);
        assertEquals(1, one.path("retried").asInt());
        assertEquals(List.of("second"), receiveAll("dest.origin", 1));
        assertEquals(404, post("/api/v1/destinations/DLQ/messages/" + dead.path("id").asLong() + "/retry", null).statusCode(),
                "a message retried is no longer there to retry");

        assertTrue(postOk("/api/v1/destinations/DLQ/retry", null).path("retried").asInt() >= 1);
        assertEquals(List.of("first"), receiveAll("dest.origin", 1));
    }

    @Test
    void moveSendsEveryMessageToAnotherAddress() throws Exception {
        session.createConsumer(session.createQueue("dest.move.to")).close(); // the target queue exists
        send("dest.move.from", "m1", "m2", "m3");
        awaitQueue("dest.move.from", q -> q.path("depth").asLong() == 3);
        JsonNode moved = postOk("/api/v1/destinations/dest.move.from/move?to=dest.move.to", null);
        assertEquals(3, moved.path("moved").asInt());
        assertEquals(List.of("m1", "m2", "m3"), receiveAll("dest.move.to", 3));
        awaitQueue("dest.move.from", q -> q.path("depth").asLong() == 0);
        assertEquals(404, post("/api/v1/destinations/dest.move.from/move?to=dest.move.nowhere", null).statusCode());
        assertEquals(400, post("/api/v1/destinations/dest.move.from/move", null).statusCode());
    }

    @Test
    void anUnknownQueueIsA404NamingIt() throws Exception {
        HttpResponse<String> browse = platform.getAs("admin", Platform.ADMIN_PASSWORD,
                "/api/v1/destinations/dest.unknown/messages");
        assertEquals(404, browse.statusCode(), browse.body());
        assertTrue(browse.body().contains("no queue dest.unknown"), browse.body());
        HttpResponse<String> purge = post("/api/v1/destinations/dest.unknown/purge", null);
        assertEquals(404, purge.statusCode(), purge.body());
        assertTrue(purge.body().contains("dest.unknown"), purge.body());
    }
}
