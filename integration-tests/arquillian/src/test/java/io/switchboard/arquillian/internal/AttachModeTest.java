package io.switchboard.arquillian.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.arquillian.SwitchboardArchives;
import io.switchboard.arquillian.SwitchboardConfiguration;
import io.switchboard.arquillian.test.FailingActivator;
import io.switchboard.arquillian.test.StartupSender;
import io.switchboard.testing.Platform;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Managed mode attached to a platform somebody else runs: used for deployments, never stopped. */
class AttachModeTest {

    @TempDir
    Path dir;

    private static SwitchboardContainer attachedTo(Platform running) throws Exception {
        SwitchboardConfiguration config = new SwitchboardConfiguration();
        config.setMode("managed");
        config.setAttachHome(running.home().toString());
        config.setAttachHttpPort(running.httpPort());
        config.setAttachBrokerPort(running.brokerPort());
        config.setAdminPassword(Platform.ADMIN_PASSWORD);
        config.validate();
        SwitchboardContainer container = new SwitchboardContainer();
        container.setup(config);
        return container;
    }

    @Test
    void deploysIntoARunningPlatformAndLeavesItRunning() throws Exception {
        try (Platform running = Platform.at(Platform.unpack(dir), "data").start()) {
            SwitchboardContainer container = attachedTo(running);
            container.start();
            var archive = SwitchboardArchives.bundle("attach.sender", "1.0.0", StartupSender.class)
                    .importPackages("jakarta.jms", "org.osgi.framework").build();
            container.deploy(archive);
            try (Connection c = new ActiveMQConnectionFactory(running.brokerUrl(), "admin", Platform.ADMIN_PASSWORD)
                    .createConnection()) {
                c.start();
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                TextMessage m = (TextMessage) s.createConsumer(s.createQueue("arquillian.started")).receive(10_000);
                assertNotNull(m);
                assertEquals("started attach.sender", m.getText());
            }
            var broken = SwitchboardArchives.bundle("attach.throws", "1.0.0", FailingActivator.class)
                    .importPackages("org.osgi.framework").build();
            DeploymentException e = assertThrows(DeploymentException.class, () -> container.deploy(broken));
            assertTrue(e.getMessage().contains("arquillian test activator refuses to start"), e.getMessage());
            container.undeploy(broken);
            container.undeploy(archive);
            container.stop();
            assertEquals(200, running.get("/health/ready").statusCode(), "an attached platform keeps running");
        }
    }

    @Test
    void nothingToAttachToIsALifecycleErrorThatSaysSo() throws Exception {
        Path home = Platform.unpack(dir);
        SwitchboardConfiguration config = new SwitchboardConfiguration();
        config.setMode("managed");
        config.setAttachHome(home.toString());
        config.setAttachHttpPort(Platform.freePort());
        SwitchboardContainer container = new SwitchboardContainer();
        container.setup(config);
        LifecycleException e = assertThrows(LifecycleException.class, container::start);
        assertTrue(e.getMessage().contains("no ready Switchboard to attach to"), e.getMessage());
    }
}
