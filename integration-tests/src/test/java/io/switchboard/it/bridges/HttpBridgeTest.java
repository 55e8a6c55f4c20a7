package io.switchboard.it.bridges;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.testing.Platform;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP bridge in the running platform, its feature dropped into deploy/ as an operator would: webhooks signed as
 * GitHub and Standard Webhooks sign them, a platform login, dedup on the delivery id, the body limit, answers only
 * after commit (202, 422 for a message the route refuses for good, 503 + Retry-After when it cannot be taken now),
 * wait-for-reply to a dispatch type; HTTP out to a JDK HttpServer as the far end, as a route target and as a
 * delivery endpoint whose {@code Retry-After} sets the next attempt; and refused configurations naming their field.
 */
class HttpBridgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GITHUB_SECRET = "It's a Secret to Everybody";
    private static final String SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @TempDir
    static Path dir;
    static Platform platform;
    static HttpFarEnd farEnd;
    static Connection connection;
    static Session session;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void boot() throws Exception {
        farEnd = new HttpFarEnd();
        platform = Platform.at(Platform.unpack(dir), "data").start();
        platform.drop(Path.of("../features/switchboard-bridge-http.json"), "switchboard-bridge-http.json");
        platform.awaitDeployment("switchboard-bridge-http.json", Platform.status("DEPLOYED"));
        connection = new ActiveMQConnectionFactory(platform.brokerUrl(), "admin", Platform.ADMIN_PASSWORD)
                .createConnection();
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
        if (farEnd != null) {
            farEnd.close();
        }
    }

    private static void configure(String name, String text) throws Exception {
        platform.drop(text.getBytes(StandardCharsets.UTF_8), name);
    }

    private static void awaitConnected(String bridge) {
        platform.await(bridge + " CONNECTED", Duration.ofSeconds(30), () -> {
            HttpResponse<String> r = platform.getAs("admin", Platform.ADMIN_PASSWORD, "/api/v1/bridges/" + bridge);
            return r.statusCode() == 200 && JSON.readTree(r.body()).path("state").asText().equals("CONNECTED");
        });
    }

    private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.httpPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String github(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(GITHUB_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String standard(String id, long ts, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SW_SECRET.substring(6)), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static TextMessage receive(MessageConsumer c) throws Exception {
        Message m = c.receive(10_000);
        assertNotNull(m, "nothing arrived\n" + platform.log());
        return (TextMessage) m;
    }

    @Test
    void aGithubSignedWebhookIsRoutedOnceAfterCommitAndBadCallsRouteNothing() throws Exception {
        String queue = "hooks.github." + UUID.randomUUID();
        configure("io.switchboard.bridge.http.in~github.cfg", "path = github\nauth = hmac-sha256\nsecret = "
                + GITHUB_SECRET + "\nto = jms:queue:" + queue + "\nmaxBytes = 2000\n");
        awaitConnected("http.in~github");
        try (MessageConsumer c = session.createConsumer(session.createQueue(queue))) {
            String wrong = "{\"action\":\"forged\"}";
            HttpResponse<String> forged = post("/hooks/github", wrong, "X-Hub-Signature-256", github("{}"));
            assertEquals(401, forged.statusCode(), forged.body());
            assertEquals(401, post("/hooks/github", wrong).statusCode(), "no signature at all");
            assertEquals(413, post("/hooks/github", "{\"x\":\"" + "a".repeat(3000) + "\"}",
                    "X-Hub-Signature-256", github("{}")).statusCode());

            String body = "{\"action\":\"opened\",\"number\":1}";
            HttpResponse<String> ok = post("/hooks/github", body, "X-Hub-Signature-256", github(body),
                    "X-GitHub-Event", "pull_request", "X-GitHub-Delivery", "d-1", "X-B3-TraceId", "abc");
            assertEquals(202, ok.statusCode(), ok.body());
            assertEquals("d-1", JSON.readTree(ok.body()).path("messageId").asText());
            HttpResponse<String> again = post("/hooks/github", body, "X-Hub-Signature-256", github(body),
                    "X-GitHub-Delivery", "d-1");
            assertEquals(200, again.statusCode(), "a delivery id seen before: " + again.body());
            assertTrue(JSON.readTree(again.body()).path("duplicate").asBoolean());

            TextMessage m = receive(c);
            assertEquals(body, m.getText(), "the first message routed is the signed one: the refused calls routed nothing");
            assertEquals("pull_request", m.getStringProperty("__X_hGitHub_hEvent"), "escaped reversibly");
            assertEquals("abc", m.getStringProperty("__X_hB3_hTraceId"));
            assertEquals("d-1", m.getStringProperty("SB_MESSAGE_ID"));
            assertEquals("http.in~github", m.getStringProperty("SB_BRIDGE"));
            assertNull(m.getStringProperty("Authorization"));
            assertNull(c.receive(500), "the duplicate was not routed again");
        }
        JsonNode status = platform.api("/api/v1/bridges/http.in~github");
        assertEquals(1, status.path("in").asLong(), status.toString());
        assertEquals("********", status.path("settings").path("secret").asText(), "secrets masked: " + status);
        assertTrue(platform.log().contains("Webhook http.in~github refused a call from"), "one line per refusal");
        assertTrue(!platform.log().contains(GITHUB_SECRET), "the secret is never logged");
        assertEquals("CONNECTED", JSON.readTree(platform.get("/health/ready").body())
                .path("details").path("bridges").path("http.in~github").path("state").asText());
        String metrics = platform.getAs("admin", Platform.ADMIN_PASSWORD, "/metrics").body();
        assertTrue(metrics.contains("switchboard_bridge_messages_in_total{bridge=\"http.in\",instance=\"github\"} 1.0"),
                metrics.lines().filter(l -> l.contains("bridge")).toList().toString());
    }

    @Test
    void aStandardWebhooksSignatureIsCheckedWithItsTimestampTolerance() throws Exception {
        String queue = "hooks.sw." + UUID.randomUUID();
        configure("io.switchboard.bridge.http.in~standard.cfg", "path = partners/standard\nauth = standard-webhooks\n"
                + "secret = " + SW_SECRET + "\ntolerance = 5m\nto = jms:queue:" + queue + "\n");
        awaitConnected("http.in~standard");
        String body = "{\"test\": 2432232314}";
        long now = Instant.now().getEpochSecond();
        long stale = now - 600;
        HttpResponse<String> old = post("/hooks/partners/standard", body, "webhook-id", "msg_1",
                "webhook-timestamp", "" + stale, "webhook-signature", standard("msg_1", stale, body));
        assertEquals(401, old.statusCode(), old.body());
        assertTrue(old.body().contains("stale"), old.body());
        HttpResponse<String> ok = post("/hooks/partners/standard", body, "webhook-id", "msg_2",
                "webhook-timestamp", "" + now, "webhook-signature", "v1,bogus " + standard("msg_2", now, body));
        assertEquals(202, ok.statusCode(), ok.body());
        try (MessageConsumer c = session.createConsumer(session.createQueue(queue))) {
            assertEquals("msg_2", receive(c).getStringProperty("SB_MESSAGE_ID"));
            assertNull(c.receive(300));
        }
    }

    @Test
    void aPlatformLoginWaitsForTheHandlersReplyFromTheReadmeExample() throws Exception {
        platform.drop(Path.of("../features/switchboard-examples.json"), "switchboard-examples.json");
        platform.awaitDeployment("switchboard-examples.json", Platform.status("DEPLOYED"));
        platform.drop(Path.of("../examples/bridges/http/io.switchboard.bridge.http.in~circle.cfg"),
                "io.switchboard.bridge.http.in~circle.cfg");
        platform.awaitDeployment("io.switchboard.bridge.http.in~circle.cfg", Platform.status("DEPLOYED"));
        assertEquals(401, post("/hooks/shapes/circle", "{\"radius\":2}").statusCode(), "no login, no call");
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + Platform.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = post("/hooks/shapes/circle", "{\"radius\":2}", "Authorization", basic);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(Math.PI * 4, JSON.readTree(r.body()).path("area").asDouble(), 1e-9);
        HttpResponse<String> refused = post("/hooks/shapes/circle", "{\"radius\":-1}", "Authorization", basic);
        assertEquals(422, refused.statusCode(), "the handler refused it for good: " + refused.body());
    }

    @Test
    void httpOutSendsThroughARouteAndTheFarEndsAnswersDecide() throws Exception {
        configure("io.switchboard.bridge.http.out~crm.cfg", "url = " + farEnd.url("/orders/{SB_MESSAGE_ID}")
                + "\nauth = bearer\ntoken = t0ps3cret\nsign = hmac-sha256\nsecret = out-secret\n");
        configure("io.switchboard.bridge.http.in~orders.cfg", "path = orders\nauth = none\nto = http-out:crm\n");
        awaitConnected("http.out~crm");
        awaitConnected("http.in~orders");
        HttpResponse<String> ok = post("/hooks/orders", "{\"order\":1}", "X-Switchboard-Type", "order.created",
                "Idempotency-Key", "o-1");
        assertEquals(202, ok.statusCode(), ok.body());
        HttpFarEnd.Received got = farEnd.with("\"order\":1").get(0);
        assertEquals("/orders/o-1", got.path(), "the URL template took the message id");
        assertEquals("Bearer t0ps3cret", got.header("Authorization"));
        assertEquals("order.created", got.header("X-Switchboard-Type"));
        assertEquals("o-1", got.header("Idempotency-Key"));
        assertTrue(got.header("X-Hub-Signature-256").startsWith("sha256="), "signed as configured");

        HttpResponse<String> refused = post("/hooks/orders", "{\"refuse\":true}");
        assertEquals(422, refused.statusCode(), "the far end's 400 is permanent: " + refused.body());
        assertTrue(refused.body().contains("HTTP 400"), refused.body());
        try (MessageConsumer dlq = session.createConsumer(session.createQueue("DLQ"),
                "switchboard_route = 'bridge.http.in.orders'")) {
            assertEquals("{\"refuse\":true}", receive(dlq).getText(), "dead-lettered with the reason, not lost");
        }
        farEnd.close();
        HttpResponse<String> down = post("/hooks/orders", "{\"order\":2}");
        assertEquals(503, down.statusCode(), "the far end is down: transient, the caller retries: " + down.body());
        assertEquals("5", down.headers().firstValue("Retry-After").orElse(null));
        assertTrue(!platform.log().contains("t0ps3cret"), "the token is never logged");
    }

    @Test
    void aDeliveryEndpointHonoursRetryAfterAsItsNextAttempt() throws Exception {
        try (HttpFarEnd slow = new HttpFarEnd()) {
            configure("io.switchboard.bridge.http.out~billing.cfg", "url = " + slow.url("/bill") + "\n");
            awaitConnected("http.out~billing");
            configure("io.switchboard.bridge.http.in~billing.cfg", "path = billing\nauth = none\nto = deliver:billing\n");
            awaitConnected("http.in~billing");
            assertEquals(202, post("/hooks/billing", "{\"busy\":true}").statusCode());
            await().atMost(Duration.ofSeconds(30)).until(() -> slow.with("busy").size() >= 2);
            Duration between = Duration.between(slow.with("busy").get(0).at(), slow.with("busy").get(1).at());
            assertTrue(between.compareTo(Duration.ofMillis(2900)) >= 0,
                    "Retry-After: 3 put the next attempt 3 s later, not the policy's 1 s: " + between);
            platform.await("billing delivered", Duration.ofSeconds(10),
                    () -> platform.api("/api/v1/bridges/http.out~billing").path("out").asLong() == 1);
        }
    }

    @Test
    void aConfigurationThatDoesNotCheckOutFailsNamingItsField() throws Exception {
        configure("io.switchboard.bridge.http.in~broken.cfg", "auth = hmac-sha256\nto = jms:queue:x\n");
        JsonNode d = platform.awaitDeployment("io.switchboard.bridge.http.in~broken.cfg", Platform.status("FAILED"));
        assertTrue(d.path("error").asText().contains("path"), d.toString());
        JsonNode b = platform.api("/api/v1/bridges/http.in~broken");
        assertEquals("FAILED", b.path("state").asText());
        assertTrue(b.path("reason").asText().contains("path"), b.toString());
        configure("io.switchboard.bridge.http.in~nosecret.cfg", "path = nosecret\nauth = hmac-sha256\nto = jms:queue:x\n");
        JsonNode s = platform.awaitDeployment("io.switchboard.bridge.http.in~nosecret.cfg", Platform.status("FAILED"));
        assertTrue(s.path("error").asText().contains("secret is required"), s.toString());
        assertEquals(404, post("/hooks/nosecret", "{}").statusCode(), "nothing is served for a refused webhook");
        assertEquals(200, platform.get("/health/ready").statusCode(), "a broken bridge leaves the platform ready");
    }
}
