package io.switchboard.it;

import io.switchboard.testing.Platform;
import static io.switchboard.testing.Platform.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.it.bundles.JmsSendingActivator;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteBrokerAndSideBySideTest {

    @TempDir
    Path dir;

    /** Remote mode: bundles get a ConnectionFactory to the external broker and see no difference. */
    @Test
    void remoteModeUsesTheExternalBrokerTheTestStarted() throws Exception {
        int port = Platform.freePort();
        EmbeddedActiveMQ external = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false).setSecurityEnabled(false).setJMXManagementEnabled(false)
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port));
        external.start();
        Path home = Platform.unpack(Files.createDirectories(dir.resolve("remote")));
        Path settings = home.resolve("config/switchboard.properties");
        Files.writeString(settings, Files.readString(settings)
                .replace("broker.mode = embedded", "broker.mode = remote")
                .replace("broker.remote.urls =", "broker.remote.urls = tcp://127.0.0.1:" + port));
        try (Platform platform = Platform.at(home, "data").start()) {
            assertTrue(platform.log().contains("Connected to remote broker tcp://127.0.0.1:" + port), platform.log());
            assertTrue(!platform.log().contains("Broker started"), "no embedded broker in remote mode");

            platform.drop(TestBundles.bundle("it.jms.sender", "1.0.0", Map.of(
                    "Bundle-Activator", JmsSendingActivator.class.getName(),
                    "Import-Package", "jakarta.jms,org.osgi.framework",
                    "Test-Queue", "it.remote"), JmsSendingActivator.class), "sender.jar");
            platform.awaitDeployment("sender.jar", status("DEPLOYED"));
            try (Connection c = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port).createConnection()) {
                c.start();
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                TextMessage m = (TextMessage) s.createConsumer(s.createQueue("it.remote")).receive(5000);
                assertNotNull(m, "the bundle's message reached the external broker");
                assertEquals("sent by it.jms.sender", m.getText());
            }
            var destinations = platform.getAs("admin", Platform.ADMIN_PASSWORD, "/api/v1/destinations");
            assertEquals(503, destinations.statusCode(), "a remote broker's destinations are not ours to show");
            assertTrue(destinations.body().contains("managed on the remote broker"), destinations.body());

            external.stop();
            String body = platform.awaitHttp("/health/ready", 503, b -> b.contains("broker not accepting"));
            assertTrue(body.contains("remote broker"), body);
        } finally {
            external.stop();
        }
    }

    /** Two instances side by side: their own ports and data, both ready, neither disturbing the other. */
    @Test
    void twoInstancesRunSideBySide() throws Exception {
        Path homeA = Platform.unpack(Files.createDirectories(dir.resolve("a")));
        Path homeB = Platform.unpack(Files.createDirectories(dir.resolve("b")));
        try (Platform a = Platform.at(homeA, "data").start(); Platform b = Platform.at(homeB, "data").start()) {
            assertNotEquals(a.httpPort(), b.httpPort());
            assertEquals(200, a.get("/health/ready").statusCode());
            assertEquals(200, b.get("/health/ready").statusCode());
            assertEquals(0, a.stop());
            assertEquals(200, b.get("/health/ready").statusCode(), "b keeps running when a stops");
        }
    }

    /** A port that is taken fails the start with a line that says so, instead of a half-started platform. */
    @Test
    void aTakenBrokerPortFailsTheStartWithTheReason() throws Exception {
        Path home = Platform.unpack(Files.createDirectories(dir.resolve("taken")));
        try (var blocker = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Platform p = Platform.at(home, "data").env("SWITCHBOARD_BROKER_PORT", Integer.toString(blocker.getLocalPort()));
            FailedStart.expectExit(p, "cannot listen on 127.0.0.1:" + blocker.getLocalPort());
        }
    }
}
