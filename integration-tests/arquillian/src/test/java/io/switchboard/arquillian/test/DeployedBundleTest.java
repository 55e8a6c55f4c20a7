package io.switchboard.arquillian.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.arquillian.SwitchboardArchives;
import io.switchboard.arquillian.SwitchboardCredentials;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A bundle deployed by Arquillian is active and uses the platform; runs in both modes (embedded and managed). */
@ExtendWith(ArquillianExtension.class)
class DeployedBundleTest {

    @Deployment(testable = false)
    static JavaArchive bundle() {
        return SwitchboardArchives.bundle("arquillian.startup.sender", "1.0.0", StartupSender.class)
                .importPackages("jakarta.jms", "org.osgi.framework").build();
    }

    @ArquillianResource
    ConnectionFactory factory;

    @ArquillianResource
    URI base;

    @ArquillianResource
    URL url;

    @ArquillianResource
    SwitchboardCredentials admin;

    @Test
    void theDeployedBundleStartedAndSentThroughThePlatformsBroker() throws Exception {
        try (Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage m = (TextMessage) s.createConsumer(s.createQueue("arquillian.started")).receive(10_000);
            assertNotNull(m, "the bundle's activator ran");
            assertEquals("started arquillian.startup.sender", m.getText());
        }
    }

    @Test
    void theRestApiShowsTheDeploymentToTheInjectedAdmin() throws Exception {
        assertEquals(base.getPort(), url.getPort(), "URL and URI name the same HTTP endpoint");
        String auth = Base64.getEncoder().encodeToString((admin.user() + ":" + admin.password())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/v1/deployments"))
                .header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("deploy/arquillian.startup.sender.jar") && r.body().contains("DEPLOYED"), r.body());
    }
}
