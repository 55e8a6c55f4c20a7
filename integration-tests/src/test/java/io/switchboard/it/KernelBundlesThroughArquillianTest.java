package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.arquillian.SwitchboardArchives;
import io.switchboard.it.bundles.JmsSendingActivator;
import io.switchboard.it.bundles.QuietActivator;
import io.switchboard.it.bundles.ThrowingActivator;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The kernel's bundle cases through the Arquillian container (managed: the distribution as a separate process):
 * a bundle deployed goes live, a bundle uses the kernel's ConnectionFactory, and each kind of bundle that cannot
 * run fails its deployment with the platform's reason. File-level cases that are no Arquillian deployment
 * (a text file as a jar, .cfg files, feature files, restarts) are in {@link KernelEndToEndTest}.
 */
@ExtendWith(ArquillianExtension.class)
class KernelBundlesThroughArquillianTest {

    @Deployment(name = "hello", testable = false)
    static JavaArchive hello() {
        return ShrinkWrap.createFromZipFile(JavaArchive.class, new File(System.getProperty("switchboard.example.hello")));
    }

    @Deployment(name = "sender", managed = false, testable = false)
    static JavaArchive sender() {
        return SwitchboardArchives.bundle("it.arq.sender", "1.0.0", JmsSendingActivator.class)
                .importPackages("jakarta.jms", "org.osgi.framework").header("Test-Queue", "it.arq.from.bundle").build();
    }

    @Deployment(name = "plain-library", managed = false, testable = false)
    static JavaArchive plainLibrary() {
        return ShrinkWrap.create(JavaArchive.class, "plain-library.jar").addClass(QuietActivator.class)
                .setManifest(new StringAsset("Manifest-Version: 1.0\nCreated-By: hand\n"));
    }

    @Deployment(name = "unresolvable", managed = false, testable = false)
    static JavaArchive unresolvable() {
        return SwitchboardArchives.bundle("it.arq.unresolvable", "1.0.0", QuietActivator.class)
                .importPackages("com.example.nowhere;version=\"[1,2)\"").build();
    }

    @Deployment(name = "throws", managed = false, testable = false)
    static JavaArchive throwing() {
        return SwitchboardArchives.bundle("it.arq.throws", "1.0.0", ThrowingActivator.class)
                .importPackages("org.osgi.framework").build();
    }

    @ArquillianResource
    URI http;

    @ArquillianResource
    ConnectionFactory factory;

    @ArquillianResource
    Deployer deployer;

    @Test
    void aDeployedBundleGoesLive() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(http.resolve("/hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().startsWith("Hello from Switchboard (bundle io.switchboard.examples.hello"), r.body());
    }

    @Test
    void aBundleSendsThroughTheKernelsConnectionFactory() throws Exception {
        deployer.deploy("sender");
        try (Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage m = (TextMessage) s.createConsumer(s.createQueue("it.arq.from.bundle")).receive(10_000);
            assertNotNull(m, "in-VM Core from the bundle, Core over TCP to the test");
            assertEquals("sent by it.arq.sender", m.getText());
        } finally {
            deployer.undeploy("sender");
        }
    }

    @Test
    void aJarWithoutAnOsgiManifestIsRefused() {
        assertTrue(reason("plain-library").contains("no Bundle-SymbolicName"), reason("plain-library"));
    }

    @Test
    void anUnresolvableImportIsRefusedNamingThePackage() {
        assertTrue(reason("unresolvable").contains("com.example.nowhere"), reason("unresolvable"));
    }

    @Test
    void anActivatorThatThrowsIsRefusedWithItsMessage() {
        assertTrue(reason("throws").contains("boom from the test activator"), reason("throws"));
    }

    /** The whole cause chain of the failed deployment: the platform's reason is in it. */
    private String reason(String deployment) {
        Exception e = assertThrows(Exception.class, () -> deployer.deploy(deployment));
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
