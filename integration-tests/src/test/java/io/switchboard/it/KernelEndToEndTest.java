package io.switchboard.it;

import io.switchboard.testing.Platform;
import static io.switchboard.testing.Platform.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.it.bundles.QuietActivator;
import io.switchboard.it.bundles.ThrowingActivator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.JMSSecurityException;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel as a user meets it: the distribution unpacked, {@code bin/switchboard run} as a separate process,
 * files dropped into deploy/, HTTP and a real OpenWire client (ActiveMQ 5.19) on the wire, SIGTERM and a restart.
 * One platform serves the ordered cases, as a long-running container would. The bundle cases that are Arquillian
 * deployments run through the Arquillian container: {@link KernelBundlesThroughArquillianTest}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KernelEndToEndTest {

    @TempDir
    static Path dir;
    static Platform platform;
    static Path hello;

    @BeforeAll
    static void boot() throws Exception {
        Path home = Platform.unpack(dir);
        try (Stream<Path> examples = Files.list(home.resolve("examples"))) {
            hello = examples.filter(p -> p.getFileName().toString().startsWith("switchboard-example-hello"))
                    .findFirst().orElseThrow();
        }
        // a producer-only user, configured the documented way: a hash from bin/switchboard hash-password
        String hashed = Platform.hashPassword(home, "sender-pw");
        Files.writeString(home.resolve("config/users.properties"), "sender = " + hashed + ", producer\n");
        platform = Platform.at(home, "data").start();
    }

    @AfterAll
    static void shutDown() throws InterruptedException {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void readyLineHealthAndTheBootBundles() {
        assertTrue(platform.log().matches("(?s).*Switchboard ready in \\d+ ms.*"));
        assertEquals(200, platform.get("/health/live").statusCode());
        var ready = platform.get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonNode bundles = platform.api("/api/v1/bundles");
        for (String bsn : new String[] {"io.switchboard.deployer", "io.switchboard.http", "org.apache.felix.scr",
                "org.apache.felix.fileinstall", "org.apache.felix.http.jetty12"}) {
            JsonNode b = find(bundles, bsn);
            assertNotNull(b, bsn + " installed");
            assertEquals("ACTIVE", b.path("state").asText(), bsn);
        }
    }

    @Test
    @Order(2)
    void theRestApiWantsCredentials() {
        assertEquals(401, platform.get("/api/v1/bundles").statusCode());
        assertEquals(401, platform.getAs("admin", "wrong", "/api/v1/deployments").statusCode());
        assertEquals(200, platform.getAs("admin", Platform.ADMIN_PASSWORD, "/api/v1/deployments").statusCode());
    }

    @Test
    @Order(3)
    void aBundleDroppedInIsInstalledUpdatedAndRemoved() throws Exception {
        platform.drop(hello, "hello.jar");
        String body = platform.awaitHttp("/hello", 200, b -> b.contains("Hello from Switchboard"));
        platform.awaitDeployment("hello.jar", status("DEPLOYED"));
        assertTrue(body.contains("io.switchboard.examples.hello"), body);

        // an update refreshes only what is wired to the bundle: a broker client connected meanwhile stays connected
        var factory = new ActiveMQConnectionFactory(platform.brokerUrl());
        try (Connection c = factory.createConnection("admin", Platform.ADMIN_PASSWORD)) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            platform.drop(TestBundles.withVersion(hello, "9.9.9"), "hello.jar");
            platform.awaitHttp("/hello", 200, b -> b.contains("9.9.9"));
            s.createProducer(s.createQueue("it.during.update")).send(s.createTextMessage("still connected"));
            assertNotNull(s.createConsumer(s.createQueue("it.during.update")).receive(5000));
        }
        assertTrue(!platform.log().contains("Broker stopped"), "the broker was never bounced");
        platform.awaitDeployment("hello.jar", d -> d != null && d.path("target").asText().endsWith("9.9.9"));

        Files.delete(platform.deploy().resolve("hello.jar"));
        platform.awaitHttp("/hello", 404, b -> true);
        platform.awaitDeployment("hello.jar", d -> d == null);
        assertTrue(find(platform.api("/api/v1/bundles"), "io.switchboard.examples.hello") == null);
    }

    @Test
    @Order(4)
    void aConfigurationFileReachesItsComponentAndABadOneIsRefusedWithItsLine() throws Exception {
        platform.drop(hello, "hello.jar");
        platform.awaitHttp("/hello", 200, b -> b.startsWith("Hello from Switchboard"));
        platform.drop("greeting = Hi from a cfg\n".getBytes(StandardCharsets.UTF_8), "io.switchboard.examples.hello.cfg");
        platform.awaitHttp("/hello", 200, b -> b.startsWith("Hi from a cfg"));

        platform.drop("greeting = Changed\nthis line has no separator\n".getBytes(StandardCharsets.UTF_8),
                "io.switchboard.examples.hello.cfg");
        JsonNode failed = platform.awaitDeployment("io.switchboard.examples.hello.cfg", status("FAILED"));
        assertTrue(failed.path("error").asText().contains("line 2"), failed.toString());
        assertTrue(platform.get("/hello").body().startsWith("Hi from a cfg"), "the applied configuration stays");

        platform.drop("greeting = Fixed\n".getBytes(StandardCharsets.UTF_8), "io.switchboard.examples.hello.cfg");
        platform.awaitHttp("/hello", 200, b -> b.startsWith("Fixed"));
        platform.awaitDeployment("io.switchboard.examples.hello.cfg", status("DEPLOYED"));
    }

    @Test
    @Order(5)
    void eachBadInputIsRefusedWithItsReasonAndNothingElseChanges() throws Exception {
        byte[] good = Files.readAllBytes(hello);
        Map<String, byte[]> bad = Map.of(
                "not-a-jar.jar", "just some text".getBytes(StandardCharsets.UTF_8),
                "corrupt.jar", TestBundles.truncated(good),
                "no-manifest.jar", TestBundles.jarWithoutManifest(),
                "plain-library.jar", TestBundles.jar(Map.of("Created-By", "hand"), QuietActivator.class),
                "unresolvable.jar", TestBundles.bundle("it.unresolvable", "1.0.0",
                        Map.of("Import-Package", "com.example.nowhere;version=\"[1,2)\""), QuietActivator.class),
                "throws.jar", TestBundles.bundle("it.throws", "1.0.0", Map.of(
                        "Bundle-Activator", ThrowingActivator.class.getName(),
                        "Import-Package", "org.osgi.framework"), ThrowingActivator.class),
                "broken.feature.json", "{ \"id\": \"x:y:1\", \"bundles\": [ ".getBytes(StandardCharsets.UTF_8),
                "missing-bundle.json", ("{ \"feature-resource-version\": \"1.0\", \"id\": \"it:missing:1.0\","
                        + " \"bundles\": [ { \"id\": \"it:nowhere:1.0\" } ] }").getBytes(StandardCharsets.UTF_8),
                "notes.txt", "what is this".getBytes(StandardCharsets.UTF_8));
        Map<String, String> reasons = Map.of(
                "not-a-jar.jar", "not a jar (zip) file",
                "corrupt.jar", "not a jar (zip) file",
                "no-manifest.jar", "no META-INF/MANIFEST.MF",
                "plain-library.jar", "no Bundle-SymbolicName",
                "unresolvable.jar", "com.example.nowhere",
                "throws.jar", "boom from the test activator",
                "broken.feature.json", "invalid feature JSON",
                "missing-bundle.json", "it:nowhere:1.0",
                "notes.txt", "unsupported file type");
        for (var e : bad.entrySet()) {
            platform.drop(e.getValue(), e.getKey());
        }
        for (var e : reasons.entrySet()) {
            JsonNode d = platform.awaitDeployment(e.getKey(), status("FAILED"));
            assertTrue(d.path("error").asText().contains(e.getValue()), e.getKey() + ": " + d);
            String line = platform.awaitLog(l -> l.contains("Deploy failed: deploy/" + e.getKey()), Duration.ofSeconds(5));
            assertTrue(line.contains(e.getValue()), line);
        }
        assertEquals(200, platform.get("/health/live").statusCode());
        assertEquals(200, platform.get("/health/ready").statusCode(), "deploy/ failures are not boot failures");
        assertTrue(platform.get("/hello").body().startsWith("Fixed"), "hello keeps running");

        // fixing a file deploys it
        platform.drop(TestBundles.bundle("it.throws", "1.0.1", Map.of(
                "Bundle-Activator", QuietActivator.class.getName(), "Import-Package", "org.osgi.framework"),
                QuietActivator.class), "throws.jar");
        platform.awaitDeployment("throws.jar", status("DEPLOYED"));
        platform.drop(TestBundles.bundle("it.was.corrupt", "1.0.0", Map.of()), "corrupt.jar");
        platform.awaitDeployment("corrupt.jar", status("DEPLOYED"));
        // one line per bad file, not a retry loop: the two fixes were taken on later scans of deploy/, so a file
        // retried on every scan would have failed again by now
        for (String file : reasons.keySet()) {
            long lines = platform.log().lines().filter(l -> l.contains("Deploy failed: deploy/" + file)).count();
            assertEquals(1, lines, file + " logged " + lines + " times");
        }
        for (String file : bad.keySet()) {
            Files.deleteIfExists(platform.deploy().resolve(file));
        }
        platform.awaitDeployment("notes.txt", d -> d == null);
    }

    @Test
    @Order(6)
    void anUpdateThatFailsToStartLeavesThePreviousVersionRunning() throws Exception {
        platform.drop(TestBundles.bundle("it.flaky", "1.0.0", Map.of(
                "Bundle-Activator", QuietActivator.class.getName(), "Import-Package", "org.osgi.framework"),
                QuietActivator.class), "flaky.jar");
        platform.awaitDeployment("flaky.jar", status("DEPLOYED"));
        platform.drop(TestBundles.bundle("it.flaky", "2.0.0", Map.of(
                "Bundle-Activator", ThrowingActivator.class.getName(), "Import-Package", "org.osgi.framework"),
                ThrowingActivator.class), "flaky.jar");
        JsonNode d = platform.awaitDeployment("flaky.jar", status("FAILED"));
        assertTrue(d.path("error").asText().contains("previous version it.flaky 1.0.0 was restored"), d.toString());
        JsonNode b = find(platform.api("/api/v1/bundles"), "it.flaky");
        assertEquals("1.0.0", b.path("version").asText());
        assertEquals("ACTIVE", b.path("state").asText());
        Files.delete(platform.deploy().resolve("flaky.jar"));
        platform.awaitDeployment("flaky.jar", d2 -> d2 == null);
    }

    @Test
    @Order(7)
    void aFeatureFileInstallsItsBundlesAndConfigurationAndRemovingItUndoesThat() throws Exception {
        Files.delete(platform.deploy().resolve("hello.jar"));
        Files.delete(platform.deploy().resolve("io.switchboard.examples.hello.cfg"));
        platform.awaitHttp("/hello", 404, b -> true);
        // the distribution's bundle repository holds the examples (for features/switchboard-examples.json)
        String v = System.getProperty("switchboard.version");
        assertTrue(Files.isRegularFile(platform.home().resolve("system/io/switchboard/examples/switchboard-example-hello/"
                + v + "/switchboard-example-hello-" + v + ".jar")));
        String feature = """
                { "feature-resource-version": "1.0", "id": "it:hello-feature:1.0",
                  "bundles": [ { "id": "io.switchboard.examples:switchboard-example-hello:%s" },
                               { "id": "org.apache.felix:org.apache.felix.metatype:1.2.4" } ],
                  "configurations": { "io.switchboard.examples.hello": { "greeting": "From a feature" } } }
                """.formatted(v);
        platform.drop(feature.getBytes(StandardCharsets.UTF_8), "hello-feature.json");
        platform.awaitHttp("/hello", 200, b -> b.startsWith("From a feature"));
        platform.awaitDeployment("hello-feature.json", status("DEPLOYED"));

        Files.delete(platform.deploy().resolve("hello-feature.json"));
        platform.awaitHttp("/hello", 404, b -> true);
        JsonNode metatype = find(platform.api("/api/v1/bundles"), "org.apache.felix.metatype");
        assertEquals("ACTIVE", metatype.path("state").asText(), "a bundle a boot feature needs stays");
    }

    @Test
    @Order(8)
    void theBrokerTakesAuthenticatedOpenWireClientsOnly() throws Exception {
        var factory = new ActiveMQConnectionFactory(platform.brokerUrl());
        try (Connection c = factory.createConnection("admin", Platform.ADMIN_PASSWORD)) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var queue = s.createQueue("it.e2e");
            MessageProducer p = s.createProducer(queue);
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            p.send(s.createTextMessage("over OpenWire"));
            MessageConsumer consumer = s.createConsumer(queue);
            TextMessage m = (TextMessage) consumer.receive(5000);
            assertNotNull(m);
            assertEquals("over OpenWire", m.getText());
        }
        assertThrows(JMSSecurityException.class, () -> factory.createConnection().start());
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("admin", "wrong").start());

        // the producer role may send, not consume (config/broker.xml security-settings)
        try (Connection c = factory.createConnection("sender", "sender-pw")) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createProducer(s.createQueue("it.roles")).send(s.createTextMessage("allowed"));
            assertThrows(JMSSecurityException.class, () -> s.createConsumer(s.createQueue("it.roles")));
        }
    }

    @Test
    @Order(10)
    void sigtermStopsCleanlyAndARestartKeepsBundlesConfigurationAndMessages() throws Exception {
        platform.drop(hello, "hello.jar");
        platform.drop("greeting = Survives restarts\n".getBytes(StandardCharsets.UTF_8),
                "io.switchboard.examples.hello.cfg");
        platform.awaitHttp("/hello", 200, b -> b.startsWith("Survives restarts"));
        var factory = new ActiveMQConnectionFactory(platform.brokerUrl());
        try (Connection c = factory.createConnection("admin", Platform.ADMIN_PASSWORD)) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("it.durable"));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            p.send(s.createTextMessage("kept in the journal"));
        }

        long helloId = find(platform.api("/api/v1/bundles"), "io.switchboard.examples.hello").path("id").asLong();

        assertEquals(0, platform.stop(), "exit code after SIGTERM");
        String log = platform.log();
        assertTrue(log.contains("Switchboard stopping") && log.contains("Broker stopped")
                && log.contains("Switchboard stopped"), log);
        assertTrue(log.indexOf("Broker stopped") > log.indexOf("Switchboard stopping"));

        platform.start();
        assertTrue(platform.get("/hello").body().startsWith("Survives restarts"), "bundle and configuration kept");
        try (Connection c = factory.createConnection("admin", Platform.ADMIN_PASSWORD)) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage m = (TextMessage) s.createConsumer(s.createQueue("it.durable")).receive(5000);
            assertNotNull(m, "the persistent message survived the restart");
            assertEquals("kept in the journal", m.getText());
        }
        assertEquals(helloId, find(platform.api("/api/v1/bundles"), "io.switchboard.examples.hello").path("id").asLong(),
                "a restart re-checks deploy/ without reinstalling what is there");
    }

    static JsonNode find(JsonNode bundles, String symbolicName) {
        for (JsonNode b : bundles) {
            if (symbolicName.equals(b.path("symbolicName").asText())) {
                return b;
            }
        }
        return null;
    }
}
