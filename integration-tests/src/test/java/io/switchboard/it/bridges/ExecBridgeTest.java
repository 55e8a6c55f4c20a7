package io.switchboard.it.bridges;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.testing.Platform;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exec bridge in the running platform, its feature dropped into deploy/ as an operator would: the README's
 * example (a POSIX shell pricing program and its .cfg) answers dispatch requests by the wire convention; a program
 * that is not there leaves the bridge FAILED and its type's messages parked, handled once the program appears; a
 * configuration without a command is refused naming the field.
 */
class ExecBridgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLE = Path.of("../examples/bridges/exec");

    @TempDir
    static Path dir;
    static Platform platform;
    static Connection connection;
    static Session session;

    @BeforeAll
    static void boot() throws Exception {
        platform = Platform.at(Platform.unpack(dir), "data").start();
        // the example as the README uses it, under the Switchboard home
        Path examples = Files.createDirectories(platform.home().resolve("examples/bridges/exec"));
        for (String file : new String[] {"price-quote.sh", "prices.txt"}) {
            Files.copy(EXAMPLE.resolve(file), examples.resolve(file), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
        platform.drop(Path.of("../features/switchboard-bridge-exec.json"), "switchboard-bridge-exec.json");
        platform.awaitDeployment("switchboard-bridge-exec.json", Platform.status("DEPLOYED"));
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
    }

    /** A request by the wire convention, as {@code ./switchboard request} sends it; the consumer gets the reply. */
    private static MessageConsumer request(String type, String operation, String body) throws Exception {
        TemporaryQueue replies = session.createTemporaryQueue();
        MessageConsumer consumer = session.createConsumer(replies);
        TextMessage request = session.createTextMessage(body);
        request.setStringProperty("SB_TYPE", type);
        if (operation != null) {
            request.setStringProperty("SB_OPERATION", operation);
        }
        request.setJMSCorrelationID(UUID.randomUUID().toString());
        request.setJMSReplyTo(replies);
        session.createProducer(session.createQueue("switchboard.dispatch")).send(request);
        return consumer;
    }

    private static TextMessage reply(MessageConsumer consumer, Duration within) throws Exception {
        TextMessage reply = (TextMessage) consumer.receive(within.toMillis());
        assertNotNull(reply, "no reply within " + within + "\nlog:\n" + platform.log());
        return reply;
    }

    private static JsonNode bridge(String name) {
        return platform.api("/api/v1/bridges/" + name);
    }

    @Test
    void theExamplePricingProgramAnswersQuoteRequests() throws Exception {
        // rule: body → stdin, stdout → the reply (with the configured content type); exit 65 → rejected with stderr
        platform.drop(EXAMPLE.resolve("io.switchboard.bridge.exec~quote.cfg"), "io.switchboard.bridge.exec~quote.cfg");
        platform.awaitDeployment("io.switchboard.bridge.exec~quote.cfg", Platform.status("DEPLOYED"));
        platform.await("exec~quote CONNECTED", Duration.ofSeconds(20),
                () -> "CONNECTED".equals(bridge("exec~quote").path("state").asText()));

        TextMessage ok = reply(request("quote", "price", "{\"sku\": \"BOLT-M8\", \"quantity\": 250}"),
                Duration.ofSeconds(20));
        assertEquals("ok", ok.getStringProperty("SB_STATUS"), ok.getText());
        JsonNode quote = JSON.readTree(ok.getText());
        assertEquals(28.50, quote.path("total").asDouble(), 1e-9, ok.getText());
        assertEquals(0.05, quote.path("discount").asDouble(), 1e-9);

        TextMessage refused = reply(request("quote", "price", "{\"sku\": \"NOPE\", \"quantity\": 1}"),
                Duration.ofSeconds(20));
        assertEquals("error", refused.getStringProperty("SB_STATUS"));
        JsonNode error = JSON.readTree(refused.getText());
        assertEquals("rejected", error.path("error").asText(), refused.getText());
        assertTrue(error.path("message").asText().contains("exit 65: price-quote: unknown sku NOPE"),
                refused.getText());

        JsonNode status = bridge("exec~quote");
        assertEquals(1, status.path("out").asLong(), status.toString());
        assertEquals(1, status.path("failed").asLong(), status.toString());
    }

    @Test
    void aMissingProgramParksItsTypeUntilTheProgramAppears() throws Exception {
        // rule: a program that does not exist → FAILED with the reason, its messages parked (not lost), handled
        // once it is created
        platform.drop("type = late.job\ncommand = jobs/late-job.sh --verbose\n".getBytes(),
                "io.switchboard.bridge.exec~late.cfg");
        platform.awaitDeployment("io.switchboard.bridge.exec~late.cfg", Platform.status("DEPLOYED"));
        Path program = platform.home().resolve("jobs/late-job.sh");
        platform.await("exec~late FAILED naming the program", Duration.ofSeconds(20), () -> {
            JsonNode b = bridge("exec~late");
            return "FAILED".equals(b.path("state").asText())
                    && b.path("reason").asText().contains("program " + program + " does not exist");
        });

        MessageConsumer waiting = request("late.job", null, "{\"job\": 1}");
        platform.await("late.job parked", Duration.ofSeconds(20),
                () -> platform.api("/api/v1/dispatch/parked").path("late.job").asInt() == 1);

        Files.createDirectories(program.getParent());
        Path tmp = program.resolveSibling(".late-job.sh.tmp");
        Files.writeString(tmp, "#!/bin/sh\nprintf 'done %s with %s: ' \"$SB_TYPE\" \"$1\"\ncat\n");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(tmp, program, StandardCopyOption.ATOMIC_MOVE);

        TextMessage done = reply(waiting, Duration.ofSeconds(30));
        assertEquals("ok", done.getStringProperty("SB_STATUS"), done.getText());
        assertEquals("done late.job with --verbose: {\"job\": 1}", done.getText());
        assertEquals("CONNECTED", bridge("exec~late").path("state").asText());
    }

    @Test
    void aConfigurationWithoutCommandIsRefusedNamingTheField() throws Exception {
        // rule: a missing required setting fails the .cfg with the field's name and shows the instance FAILED
        platform.drop("type = broken.job\n".getBytes(), "io.switchboard.bridge.exec~broken.cfg");
        JsonNode d = platform.awaitDeployment("io.switchboard.bridge.exec~broken.cfg", Platform.status("FAILED"));
        assertTrue(d.path("error").asText().contains("command"), d.toString());
        platform.await("exec~broken FAILED", Duration.ofSeconds(20),
                () -> "FAILED".equals(bridge("exec~broken").path("state").asText()));
    }
}
