package io.switchboard.it.bridges;

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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file bridge in the running platform, its feature dropped into deploy/ as an operator would: files from a folder
 * (relative to the Switchboard home) into a queue, read by a real JMS client, each taken once and moved to done/; the
 * README's example (a folder, a queue, a route, a folder out); a configuration without its folder refused naming
 * the field; and a file left in .inprogress/ by a killed platform routed once after the restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FileBridgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Platform platform;

    @BeforeAll
    static void boot() throws Exception {
        platform = Platform.at(Platform.unpack(dir), "data").start();
        platform.drop(Path.of("../features/switchboard-bridge-file.json"), "switchboard-bridge-file.json");
        platform.awaitDeployment("switchboard-bridge-file.json", Platform.status("DEPLOYED"));
    }

    @AfterAll
    static void shutDown() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    private static Connection connect() throws Exception {
        Connection c = new ActiveMQConnectionFactory(platform.brokerUrl(), "admin", Platform.ADMIN_PASSWORD)
                .createConnection();
        c.start();
        return c;
    }

    private static void configure(String name, String text) throws Exception {
        platform.drop(text.getBytes(StandardCharsets.UTF_8), name);
    }

    /** The bridge instance's status, or a missing node while it is not (yet) registered. */
    private static JsonNode bridge(String name) throws Exception {
        HttpResponse<String> r = platform.getAs("admin", Platform.ADMIN_PASSWORD, "/api/v1/bridges/" + name);
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.missingNode();
    }

    private static void awaitConnected(String name) {
        platform.await(name + " CONNECTED", Duration.ofSeconds(30),
                () -> bridge(name).path("state").asText().equals("CONNECTED"));
    }

    /** Writes a file as a careful writer does: a hidden temporary name, then a rename. */
    private static void drop(Path folder, String name, String content) throws IOException {
        Path tmp = folder.resolve("." + name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, folder.resolve(name));
    }

    private static long count(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.count();
        }
    }

    @Test
    @Order(1)
    void filesOfAFolderGoToAQueueOnceEachAndMoveToDone() throws Exception {
        String queue = "files.in." + UUID.randomUUID();
        Path folder = Files.createDirectories(platform.home().resolve("inbox/orders-it"));
        configure("io.switchboard.bridge.file.in~orders-it.cfg", "folder = inbox/orders-it\nto = jms:queue:" + queue
                + "\ninterval = 100ms\nstableFor = 200ms\n");
        awaitConnected("file.in~orders-it");
        drop(folder, "a.json", "{\"order\":1}");
        drop(folder, "b.csv", "id,total\n2,5\n");
        try (Connection c = connect()) {
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            Set<String> names = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                Message m = consumer.receive(20_000);
                assertNotNull(m, "file " + i + " did not arrive\n" + platform.log());
                String name = m.getStringProperty("SB_FILE_NAME");
                names.add(name);
                assertEquals("file.in~orders-it", m.getStringProperty("SB_BRIDGE"));
                assertNotNull(m.getStringProperty("SB_MESSAGE_ID"));
                if (name.equals("a.json")) {
                    assertEquals("{\"order\":1}", ((TextMessage) m).getText());
                    assertEquals("application/json", m.getStringProperty("SB_CONTENT_TYPE"));
                    assertEquals(11, m.getLongProperty("SB_FILE_SIZE"));
                }
            }
            assertEquals(Set.of("a.json", "b.csv"), names);
            assertNull(consumer.receive(500), "each file once");
        }
        platform.await("both in done/", Duration.ofSeconds(10), () -> count(folder.resolve("done")) == 2);
        assertEquals(0, count(folder.resolve(".inprogress")));
        JsonNode status = platform.api("/api/v1/bridges/file.in~orders-it");
        assertEquals("CONNECTED", status.path("state").asText(), status.toString());
        assertEquals(2, status.path("in").asLong(), status.toString());
        assertTrue(platform.api("/api/v1/bridges").findValuesAsText("name").contains("file.in~orders-it"),
                "listed in /api/v1/bridges");
    }

    @Test
    @Order(2)
    void aBinaryFileArrivesAsABytesMessage() throws Exception {
        String queue = "files.bin." + UUID.randomUUID();
        Path folder = Files.createDirectories(platform.home().resolve("inbox/bin-it"));
        configure("io.switchboard.bridge.file.in~bin-it.cfg", "folder = inbox/bin-it\nto = jms:queue:" + queue
                + "\ninterval = 100ms\nstableFor = 200ms\n");
        awaitConnected("file.in~bin-it");
        Files.write(folder.resolve("c.bin"), new byte[] {1, 2, (byte) 0xff});
        try (Connection c = connect()) {
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message m = session.createConsumer(session.createQueue(queue)).receive(20_000);
            assertNotNull(m, "the binary file did not arrive\n" + platform.log());
            byte[] body = m.getBody(byte[].class);
            assertEquals(3, body.length);
            assertEquals("application/octet-stream", m.getStringProperty("SB_CONTENT_TYPE"));
        }
    }

    @Test
    @Order(3)
    void theReadmeExampleArchivesAnOrderFileThroughAQueueAndARouteIntoAnotherFolder() throws Exception {
        Path inbox = Files.createDirectories(platform.home().resolve("inbox/orders"));
        for (String f : List.of("io.switchboard.bridge.file.in~orders.cfg", "io.switchboard.bridge.file.out~archive.cfg",
                "archive.route.yaml")) {
            platform.drop(Path.of("../examples/bridges/file/" + f), f);
            platform.awaitDeployment(f, Platform.status("DEPLOYED"));
        }
        awaitConnected("file.in~orders");
        awaitConnected("file.out~archive");
        drop(inbox, "o1.json", "{\"order\":\"o1\"}");
        Path archived = platform.home().resolve("outbox/archive")
                .resolve(LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE)).resolve("o1.json");
        platform.await("the order file archived", Duration.ofSeconds(30), () -> Files.exists(archived));
        assertEquals("{\"order\":\"o1\"}", Files.readString(archived));
        platform.await("counted out", Duration.ofSeconds(10),
                () -> platform.api("/api/v1/bridges/file.out~archive").path("out").asLong() == 1);
        drop(inbox, "o1.json", "{\"order\":\"o1\",\"again\":true}");
        Path second = archived.resolveSibling("o1-1.json");
        platform.await("a second file of that name written beside it", Duration.ofSeconds(30),
                () -> Files.exists(second));
        assertEquals("{\"order\":\"o1\"}", Files.readString(archived), "never overwritten");
    }

    @Test
    @Order(4)
    void aConfigurationWithoutItsFolderFailsNamingTheField() throws Exception {
        configure("io.switchboard.bridge.file.in~broken.cfg", "to = jms:queue:x\n");
        JsonNode d = platform.awaitDeployment("io.switchboard.bridge.file.in~broken.cfg", Platform.status("FAILED"));
        assertTrue(d.path("error").asText().contains("folder"), d.toString());
        JsonNode b = platform.api("/api/v1/bridges/file.in~broken");
        assertEquals("FAILED", b.path("state").asText(), b.toString());
        assertTrue(b.path("reason").asText().contains("folder"), b.toString());
        configure("io.switchboard.bridge.file.in~nowhere.cfg", "folder = inbox/not-there\nto = jms:queue:x\n");
        platform.await("a missing folder is DISCONNECTED saying so", Duration.ofSeconds(30), 
                () -> bridge("file.in~nowhere").path("reason").asText().contains("does not exist"));
        assertEquals(200, platform.get("/health/ready").statusCode(), "a broken bridge leaves the platform ready");
    }

    @Test
    @Order(5)
    void aFileLeftInProgressByAKilledPlatformIsRoutedOnceAfterTheRestart() throws Exception {
        String queue = "files.crash." + UUID.randomUUID();
        Path folder = Files.createDirectories(platform.home().resolve("inbox/crash"));
        configure("io.switchboard.bridge.file.in~crash.cfg", "folder = inbox/crash\nto = jms:queue:" + queue
                + "\ninterval = 100ms\n");
        awaitConnected("file.in~crash");
        platform.kill();
        // what a crash between the claim and the commit leaves: the file in .inprogress/
        Path left = Files.createDirectories(folder.resolve(".inprogress")).resolve("left.json");
        Files.writeString(left, "{\"left\":true}");
        platform.start();
        try (Connection c = connect()) {
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            TextMessage m = (TextMessage) consumer.receive(30_000);
            assertNotNull(m, "the left-over file was not routed after the restart\n" + platform.log());
            assertEquals("{\"left\":true}", m.getText());
            assertEquals("left.json", m.getStringProperty("SB_FILE_NAME"));
            assertNull(consumer.receive(1000), "once");
        }
        platform.await("left.json in done/", Duration.ofSeconds(10), () -> count(folder.resolve("done")) == 1);
        assertEquals(0, count(folder.resolve(".inprogress")));
        assertTrue(platform.log().contains("File in file.in~crash: offering left.json again, left in .inprogress/"));
    }
}
