package io.switchboard.it.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.client.DispatchClient;
import io.switchboard.dispatch.Message;
import io.switchboard.testing.Platform;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * What "the platform still serves" means in the hardening suites, checked from outside after each hostile input:
 * ready, the admin can log in, a dispatch request is answered, and a new file in {@code deploy/} is applied.
 */
final class StillServes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StillServes() {
    }

    /** All four checks; {@code shape.circle}'s example handler is deployed on first use. */
    static void check(Platform platform) throws Exception {
        ready(platform);
        adminLogsIn(platform);
        dispatchAnswers(platform);
        deployApplies(platform);
    }

    static void ready(Platform platform) throws InterruptedException {
        platform.awaitHttp("/health/ready", 200, body -> true);
    }

    static void adminLogsIn(Platform platform) {
        HttpResponse<String> r = platform.getAs("admin", Platform.ADMIN_PASSWORD, "/api/v1/bundles");
        assertEquals(200, r.statusCode(), "admin login: " + r.body());
    }

    /** A request to {@code shape.circle} gets its area back (the circle example is deployed when missing). */
    static void dispatchAnswers(Platform platform) throws Exception {
        if (platform.deployment("circle.jar") == null) {
            platform.drop(example(platform, "switchboard-example-shape-circle"), "circle.jar");
        }
        platform.awaitDeployment("circle.jar", Platform.status("DEPLOYED"));
        try (DispatchClient client = new DispatchClient(
                new ActiveMQConnectionFactory(platform.brokerUrl(), "admin", Platform.ADMIN_PASSWORD))) {
            Message reply = client.request(Message.builder("shape.circle").operation("area")
                    .json(Map.of("radius", 1)).build(), Duration.ofSeconds(20)).get();
            JsonNode area = JSON.readTree(reply.bodyText()).path("area");
            assertEquals(Math.PI, area.asDouble(), 1e-9, "dispatch reply: " + reply.bodyText());
        }
    }

    /** A fresh configuration file dropped into deploy/ is applied. */
    static void deployApplies(Platform platform) throws Exception {
        String name = "io.switchboard.hardening.probe~" + UUID.randomUUID().toString().substring(0, 8) + ".cfg";
        platform.drop("probe = yes\n".getBytes(), name);
        platform.awaitDeployment(name, Platform.status("DEPLOYED"));
        Files.deleteIfExists(platform.deploy().resolve(name));
    }

    static Path example(Platform platform, String prefix) throws IOException {
        try (Stream<Path> examples = Files.list(platform.home().resolve("examples"))) {
            return examples.filter(p -> p.getFileName().toString().startsWith(prefix + "-0")).findFirst()
                    .orElseThrow(() -> new IOException("no example " + prefix + " in " + platform.home()));
        }
    }
}
