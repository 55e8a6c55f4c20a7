package io.switchboard.it.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.client.DispatchClient;
import io.switchboard.it.conformance.StompConnection;
import io.switchboard.testing.Platform;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's roles, its logins and HTTP delivery against hostile input, on a running platform: a consumer or
 * producer deleting or draining the platform's queues, an oversized unauthenticated login frame, a message that
 * overrides an endpoint's credentials or carries a header HTTP cannot, secrets in configuration reads and logs.
 */
class BrokerDeliveryHardeningTest {

    private static final String PW = "role-pw-14";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Platform platform;
    static HttpServer farEnd;
    /** What the far end received, by Idempotency-Key (the message id). */
    static final Map<String, Headers> received = new ConcurrentHashMap<>();

    @BeforeAll
    static void boot() throws Exception {
        farEnd = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        farEnd.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.put(exchange.getRequestHeaders().getFirst("Idempotency-Key"), exchange.getRequestHeaders());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        farEnd.start();
        Path home = Platform.unpack(dir);
        String hash = Platform.hashPassword(home, PW);
        Files.writeString(home.resolve("config/users.properties"), "sender = " + hash + ", producer\n"
                + "reader = " + hash + ", consumer\n" + "viewer = " + hash + ", viewer\n");
        platform = Platform.at(home, "data").start();
        platform.awaitLog(l -> l.contains("Delivery store ready"), Duration.ofSeconds(60));
    }

    @AfterAll
    static void shutDown() throws InterruptedException {
        if (platform != null) {
            platform.close();
        }
        if (farEnd != null) {
            farEnd.stop(0);
        }
    }

    // --- item 4: the platform's queues are the platform's ----------------------------------------------------------

    @Test
    void neitherTheBrokersOwnStateNorATemporaryQueueNamedLikeATopicOpensAnAddressToARole() throws Exception {
        ServerLocator locator = ActiveMQClient.createServerLocator(platform.brokerUrl());
        try (ClientSessionFactory factory = locator.createSessionFactory()) {
            try (ClientSession admin = factory.createSession("admin", Platform.ADMIN_PASSWORD, false, true, true, false,
                    1)) {
                admin.createQueue(QueueConfiguration.of("$sys.hardening.state").setRoutingType(RoutingType.ANYCAST));
                admin.createQueue(QueueConfiguration.of("hardening.news.audit").setAddress("hardening.news")
                        .setRoutingType(RoutingType.MULTICAST));
            }
            for (String user : List.of("reader", "sender")) {
                try (ClientSession session = factory.createSession(user, PW, false, true, true, false, 1)) {
                    // Artemis keeps MQTT sessions and retained messages under $sys
                    assertThrows(ActiveMQSecurityException.class, () -> session.createConsumer("$sys.hardening.state"),
                            user + " consuming $sys");
                    assertThrows(ActiveMQSecurityException.class, () -> session.createQueue(
                            QueueConfiguration.of("$sys.mine").setDurable(false)), user + " creating under $sys");
                }
            }
            try (ClientSession sender = factory.createSession("sender", PW, false, true, true, false, 1)) {
                // a temporary queue of the topic's own name: the producer's, but it opens nothing else on the topic
                sender.createQueue(QueueConfiguration.of("hardening.news").setRoutingType(RoutingType.MULTICAST)
                        .setDurable(false).setTemporary(true));
                assertThrows(ActiveMQSecurityException.class, () -> sender.createConsumer("hardening.news.audit"),
                        "a producer draining another subscription of the topic");
                assertThrows(ActiveMQSecurityException.class, () -> sender.deleteQueue("hardening.news.audit"));
            }
        } finally {
            locator.close();
        }
    }

    @Test
    void aConsumerOrProducerNeitherDeletesNorDrainsThePlatformsQueuesAndTheirMessagesSurvive() throws Exception {
        try (Connection c = core("admin", Platform.ADMIN_PASSWORD)) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createProducer(s.createQueue("DLQ")).send(s.createTextMessage("dead-1"));
        }
        try (Connection c = core("sender", PW)) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage request = s.createTextMessage("{}");
            request.setStringProperty("SB_TYPE", "hardening.nobody");
            s.createProducer(s.createQueue("switchboard.dispatch")).send(request);
        }
        platform.awaitLog(l -> l.contains("Dispatch parked messages of type hardening.nobody"), Duration.ofSeconds(20));

        ServerLocator locator = ActiveMQClient.createServerLocator(platform.brokerUrl());
        try (ClientSessionFactory factory = locator.createSessionFactory()) {
            for (String user : List.of("reader", "sender")) {
                try (ClientSession session = factory.createSession(user, PW, false, true, true, false, 1)) {
                    for (String queue : List.of("DLQ", "switchboard.dispatch.parked", "switchboard.delivery.accept",
                            "switchboard.dispatch", "ExpiryQueue")) {
                        assertThrows(ActiveMQSecurityException.class, () -> session.deleteQueue(queue),
                                user + " deleting " + queue);
                        assertThrows(ActiveMQSecurityException.class, () -> session.createConsumer(queue),
                                user + " consuming " + queue);
                    }
                }
            }
        } finally {
            locator.close();
        }
        try (StompConnection stomp = new StompConnection(platform.brokerPort())) {
            assertEquals("CONNECTED", stomp.connect("reader", PW).command());
            stomp.send("SUBSCRIBE", "", "destination", "switchboard.dispatch.parked", "id", "1",
                    "subscription-type", "ANYCAST", "receipt", "r1");
            assertEquals("ERROR", stomp.read().command(), "a consumer does not drain the parked requests over STOMP");
        }

        try (Connection c = core("admin", Platform.ADMIN_PASSWORD)) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var browser = s.createBrowser(s.createQueue("DLQ"));
            assertTrue(Collections.list(browser.getEnumeration()).stream()
                    .anyMatch(m -> "dead-1".equals(text((jakarta.jms.Message) m))), "the dead letter is still there");
        }
        assertEquals(1, platform.api("/api/v1/dispatch/parked").path("hardening.nobody").asInt(),
                "the parked request is still there");
        StillServes.check(platform);
    }

    @Test
    void eachRoleStillDoesWhatTheReadmeDocumentsOnEveryProtocol() throws Exception {
        StillServes.dispatchAnswers(platform); // deploys the circle example
        try (DispatchClient client = new DispatchClient(new ActiveMQConnectionFactory(platform.brokerUrl(), "sender", PW))) {
            var reply = client.request(io.switchboard.dispatch.Message.builder("shape.circle").operation("area")
                    .json(Map.of("radius", 1)).build(), Duration.ofSeconds(20)).get();
            assertEquals(Math.PI, JSON.readTree(reply.bodyText()).path("area").asDouble(), 1e-9,
                    "a producer's request is answered on its temporary queue");
        }

        // request/reply between the roles: a consumer answers on the producer's temporary queue, over three protocols
        try (Connection responder = core("reader", PW)) {
            Session rs = responder.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer replies = rs.createProducer(null);
            rs.createConsumer(rs.createQueue("hardening.service")).setMessageListener(request -> {
                try {
                    TextMessage reply = rs.createTextMessage("re: " + text(request));
                    reply.setJMSCorrelationID(request.getJMSCorrelationID());
                    replies.send(request.getJMSReplyTo(), reply);
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            responder.start();
            for (ConnectionFactory requester : List.of(
                    new ActiveMQConnectionFactory(platform.brokerUrl()),
                    new org.apache.qpid.jms.JmsConnectionFactory("amqp://127.0.0.1:" + platform.brokerPort()))) {
                try (Connection c = requester.createConnection("sender", PW)) {
                    c.start();
                    Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    var replyTo = s.createTemporaryQueue();
                    TextMessage request = s.createTextMessage("ping");
                    request.setJMSReplyTo(replyTo);
                    request.setJMSCorrelationID("corr");
                    s.createProducer(s.createQueue("hardening.service")).send(request);
                    assertEquals("re: ping", text(s.createConsumer(replyTo).receive(10_000)), requester.toString());
                }
            }
            var openwire = new org.apache.activemq.ActiveMQConnectionFactory("sender", PW,
                    "tcp://127.0.0.1:" + platform.brokerPort());
            try (javax.jms.Connection c = openwire.createConnection()) {
                c.start();
                javax.jms.Session s = c.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
                javax.jms.TemporaryQueue replyTo = s.createTemporaryQueue();
                javax.jms.TextMessage request = s.createTextMessage("ping");
                request.setJMSReplyTo(replyTo);
                request.setJMSCorrelationID("corr");
                s.createProducer(s.createQueue("hardening.service")).send(request);
                javax.jms.Message reply = s.createConsumer(replyTo).receive(10_000);
                assertNotNull(reply, "an OpenWire producer's temporary queue gets its reply");
                assertEquals("re: ping", ((javax.jms.TextMessage) reply).getText());
            }
        }

        // STOMP: a producer sends to a user queue and to delivery, a consumer receives
        platform.drop(("url = http://127.0.0.1:" + farEnd.getAddress().getPort() + "/plain\n").getBytes(),
                "io.switchboard.delivery.http~plain.cfg");
        platform.awaitDeployment("io.switchboard.delivery.http~plain.cfg", Platform.status("DEPLOYED"));
        try (StompConnection consumer = new StompConnection(platform.brokerPort());
             StompConnection producer = new StompConnection(platform.brokerPort())) {
            assertEquals("CONNECTED", consumer.connect("reader", PW).command());
            consumer.send("SUBSCRIBE", "", "destination", "hardening.stomp", "id", "1", "subscription-type", "ANYCAST",
                    "receipt", "r1");
            assertEquals("RECEIPT", consumer.read().command());
            assertEquals("CONNECTED", producer.connect("sender", PW).command());
            producer.send("SEND", "hello", "destination", "hardening.stomp", "destination-type", "ANYCAST");
            producer.send("SEND", "{\"order\":1}", "destination", "switchboard.deliver.plain", "destination-type",
                    "ANYCAST", "SB_MESSAGE_ID", "stomp-1", "receipt", "s1");
            StompConnection.Frame sent = producer.read();
            assertEquals("RECEIPT", sent.command(), "a producer sends to delivery: " + sent);
            StompConnection.Frame message = consumer.read();
            assertEquals("MESSAGE", message.command());
            assertEquals("hello", message.body());
        }
        Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> received.containsKey("stomp-1"));

        // MQTT: a consumer subscribes, a producer publishes
        MqttClient subscriber = mqtt("reader");
        var arrived = new java.util.concurrent.ArrayBlockingQueue<String>(1);
        subscriber.subscribe("hardening/mqtt", 1, (topic, m) -> arrived.offer(new String(m.getPayload())));
        MqttClient publisher = mqtt("sender");
        publisher.publish("hardening/mqtt", "hi".getBytes(), 1, false);
        assertEquals("hi", arrived.poll(10, TimeUnit.SECONDS));
        publisher.disconnect();
        subscriber.disconnect();
        StillServes.check(platform);
    }

    // --- medium: an oversized login frame ----------------------------------------------------------------------------

    @Test
    void anOversizedLoginFrameIsRefusedBeforeTheBrokerBuffersIt() throws Exception {
        long stomp = streamUntilRefused("CONNECT\naccept-version:1.2\nlogin:".getBytes(StandardCharsets.US_ASCII));
        assertTrue(stomp < 32L << 20, "STOMP: refused after " + stomp + " bytes, not after 100 MB");
        platform.awaitLog(l -> l.contains("STOMP connection from"), Duration.ofSeconds(10));
        // an MQTT CONNECT announcing 100,000,000 bytes (a variable byte integer), then streaming them
        long big = streamUntilRefused(new byte[] {0x10, (byte) 0x80, (byte) 0xC2, (byte) 0xD7, 0x2F,
            0, 4, 'M', 'Q', 'T', 'T', 4, (byte) 0xC2, 0, 60});
        assertTrue(big < 32L << 20, "long MQTT CONNECT: refused after " + big + " bytes, not after 100 MB");
        // bytes no protocol claims fall to Core, whose decoder would take the first four as a packet length (277 MB)
        long core = streamUntilRefused(new byte[] {0x10, (byte) 0x80, (byte) 0xC2, (byte) 0xD7, 0x2F, 'a', 'a', 'a'});
        assertTrue(core < 32L << 20, "Core: refused after " + core + " bytes, not after 100 MB");
        platform.awaitLog(l -> l.contains("CORE connection from"), Duration.ofSeconds(10));
        // a short MQTT CONNECT followed by a stream before any CONNACK
        long mqtt = streamUntilRefused(new byte[] {0x10, 127, 0, 4, 'M', 'Q', 'T', 'T', 4, (byte) 0xC2, 0, 60});
        assertTrue(mqtt < 32L << 20, "MQTT: refused after " + mqtt + " bytes, not after 100 MB");
        // 13 bytes of OpenWire announcing a 2 GB WireFormatInfo: Artemis's decoder would allocate it at once
        closedAfter(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 1, 'A', 'c', 't', 'i', 'v', 'e', 'M',
            'Q'});
        platform.awaitLog(l -> l.contains("OPENWIRE connection from") && l.contains("a frame announcing"),
                Duration.ofSeconds(10));
        // a command before the login that asks for a response gets a plain Response: that must not end the limit
        try (Socket socket = new Socket("127.0.0.1", platform.brokerPort())) {
            socket.setSoTimeout(10_000);
            var out = new java.io.DataOutputStream(socket.getOutputStream());
            var in = new java.io.DataInputStream(socket.getInputStream());
            var wire = (org.apache.activemq.openwire.OpenWireFormat)
                    new org.apache.activemq.openwire.OpenWireFormatFactory().createWireFormat();
            wire.marshal(wire.getPreferedWireFormatInfo(), out);
            wire.renegotiateWireFormat((org.apache.activemq.command.WireFormatInfo) wire.unmarshal(in));
            var control = new org.apache.activemq.command.ConnectionControl(); // Artemis answers it with a Response
            control.setCommandId(1);
            control.setResponseRequired(true);
            wire.marshal(control, out);
            out.flush();
            Object answer = wire.unmarshal(in);
            for (int i = 0; i < 5 && !(answer instanceof org.apache.activemq.command.Response); i++) {
                answer = wire.unmarshal(in); // the broker's BrokerInfo comes first
            }
            assertTrue(answer instanceof org.apache.activemq.command.Response, "answered before login: " + answer);
            out.write(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 1, 0, 0, 0, 0});
            out.flush();
            while (in.read() != -1) {
                // whatever the broker says before it closes
            }
        } catch (java.net.SocketException reset) {
            // closed by the broker while the test read
        }
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> platform.log().lines().filter(l ->
                l.contains("OPENWIRE connection from") && l.contains("a frame announcing")).count() >= 2);
        // once logged in, OpenWire's own limits apply: a 300 kB message goes through
        var openwire = new org.apache.activemq.ActiveMQConnectionFactory("admin", Platform.ADMIN_PASSWORD,
                "tcp://127.0.0.1:" + platform.brokerPort());
        try (javax.jms.Connection c = openwire.createConnection()) {
            c.start();
            javax.jms.Session s = c.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
            javax.jms.Queue bigQueue = s.createQueue("hardening.big");
            s.createProducer(bigQueue).send(s.createTextMessage("b".repeat(300_000)));
            javax.jms.Message got = s.createConsumer(bigQueue).receive(10_000);
            assertNotNull(got, "a 300 kB OpenWire message after login");
            assertEquals(300_000, ((javax.jms.TextMessage) got).getText().length());
        }
        // a Core client's handshake, then a packet announcing 500 MB
        closedAfter(new byte[] {'A', 'R', 'T', 'E', 'M', 'I', 'S', 0x1D, (byte) 0xCD, 0x65, 0x00, 30});
        try (StompConnection fine = new StompConnection(platform.brokerPort())) {
            assertEquals("CONNECTED", fine.connect("sender", PW).command(), "a normal login still works");
        }
        StillServes.check(platform);
    }

    /** Opens a connection and writes {@code head}; the broker must close it within seconds, whatever is sent next. */
    private static void closedAfter(byte[] head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", platform.brokerPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head);
            while (socket.getInputStream().read() != -1) {
                // whatever the broker says before it closes
            }
        } catch (java.net.SocketException reset) {
            // closed by the broker while the test read
        }
    }

    /** Opens a connection, writes {@code head} and then up to 100 MB; returns how much was written before it broke. */
    private static long streamUntilRefused(byte[] head) throws IOException {
        long written = 0;
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'a');
        try (Socket socket = new Socket("127.0.0.1", platform.brokerPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(head);
            while (written < 100_000_000L) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException refused) {
            return written;
        }
        throw new AssertionError("the broker took 100 MB before a login");
    }

    // --- item 9: a message's headers on an HTTP endpoint ------------------------------------------------------------

    @Test
    void aMessageNeitherOverridesAnEndpointsCredentialsNorOpensItsBreakerWithAHeaderHttpCannotCarry() throws Exception {
        String policy = "io.switchboard.delivery.endpoint~secured.cfg";
        platform.drop("maxAttempts = 5\ninitialDelay = 100ms\nbreakerThreshold = 1\nbreakerOpenFor = 60s\n".getBytes(),
                policy);
        platform.awaitDeployment(policy, Platform.status("DEPLOYED"));
        String sink = "io.switchboard.delivery.http~secured.cfg";
        platform.drop(("url = http://127.0.0.1:" + farEnd.getAddress().getPort() + "/secured\n"
                + "headers = Authorization: Bearer configured-token\n").getBytes(), sink);
        platform.awaitDeployment(sink, Platform.status("DEPLOYED"));

        sendAsProducer("h-2", Map.of("note", "a\nInjected: yes"));
        String dead = platform.awaitLog(l -> l.contains("Delivery dead: message h-2"), Duration.ofSeconds(20));
        assertTrue(dead.contains("header note") && dead.contains("after 1 attempt"), dead);
        sendAsProducer("h-1", Map.of("Authorization", "Bearer stolen", "Cookie", "s=1", "customer", "7"));
        sendAsProducer("h-3", Map.of());
        Awaitility.await().atMost(10, TimeUnit.SECONDS)
                .until(() -> received.containsKey("h-1") && received.containsKey("h-3"));
        assertEquals(List.of("Bearer configured-token"), received.get("h-1").get("Authorization"));
        assertEquals(null, received.get("h-1").get("Cookie"));
        assertEquals("7", received.get("h-1").getFirst("customer"));
        assertFalse(received.containsKey("h-2"), "nothing of the bad message went out");
        assertFalse(platform.log().contains("Delivery endpoint secured: circuit open"), "the endpoint is not blamed");
        StillServes.check(platform);
    }

    private static void sendAsProducer(String id, Map<String, String> properties) throws JMSException {
        try (Connection c = core("sender", PW)) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage m = s.createTextMessage("{\"id\":\"" + id + "\"}");
            m.setStringProperty("SB_MESSAGE_ID", id);
            for (var p : properties.entrySet()) {
                m.setStringProperty(p.getKey(), p.getValue());
            }
            s.createProducer(s.createQueue("switchboard.deliver.secured")).send(m);
        }
    }

    // --- medium: secrets in configuration reads and logs ------------------------------------------------------------

    @Test
    void aViewerSeesNoSecretInConfigurationReadsOrLogs() throws Exception {
        String vault = "io.switchboard.delivery.http~vault.cfg";
        platform.drop(("url = http://vault-user:url-secret-1@127.0.0.1:" + farEnd.getAddress().getPort() + "/vault\n"
                + "headers = Authorization: Bearer header-secret-2\n").getBytes(), vault);
        String store = "io.switchboard.hardening.secrets.cfg";
        platform.drop("jdbcUrl = jdbc:postgresql://db/sb?user=sb&password=jdbc-secret-3\n".getBytes(), store);
        platform.awaitDeployment(vault, Platform.status("DEPLOYED"));
        platform.awaitDeployment(store, Platform.status("DEPLOYED"));
        platform.awaitLog(l -> l.contains("Delivery endpoint vault posts to"), Duration.ofSeconds(20));

        List<String> secrets = List.of("url-secret-1", "header-secret-2", "jdbc-secret-3");
        for (String path : List.of("/api/v1/config/io.switchboard.delivery.http~vault",
                "/api/v1/config/io.switchboard.hardening.secrets", "/api/v1/config", "/api/v1/logs")) {
            var r = platform.getAs("viewer", PW, path);
            assertEquals(200, r.statusCode(), path);
            for (String secret : secrets) {
                assertFalse(r.body().contains(secret), path + " shows " + secret + ": " + r.body());
            }
        }
        String detail = platform.getAs("viewer", PW, "/api/v1/config/io.switchboard.delivery.http~vault").body();
        assertTrue(detail.contains("vault-user:********@127.0.0.1") && detail.contains("Authorization: ********"), detail);
        for (String secret : secrets) {
            assertFalse(platform.log().contains(secret), "the log shows " + secret);
        }
        assertTrue(platform.log().contains("posts to http://vault-user:********@127.0.0.1"));
        Files.deleteIfExists(platform.deploy().resolve(vault));
        Files.deleteIfExists(platform.deploy().resolve(store));
        StillServes.check(platform);
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private static Connection core(String user, String password) throws JMSException {
        Connection c = new ActiveMQConnectionFactory(platform.brokerUrl()).createConnection(user, password);
        c.start();
        return c;
    }

    private static MqttClient mqtt(String user) throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + platform.brokerPort(), user + "-hardening",
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(user);
        options.setPassword(PW.toCharArray());
        client.connect(options);
        return client;
    }

    private static String text(jakarta.jms.Message m) {
        try {
            return m == null ? null : ((TextMessage) m).getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
