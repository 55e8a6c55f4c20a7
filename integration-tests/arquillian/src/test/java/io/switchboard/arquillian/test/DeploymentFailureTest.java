package io.switchboard.arquillian.test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.arquillian.SwitchboardArchives;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A deployment the platform refuses fails with the platform's reason; runs in both modes. */
@ExtendWith(ArquillianExtension.class)
class DeploymentFailureTest {

    @Deployment(name = "throws", managed = false, testable = false)
    static JavaArchive throwing() {
        return SwitchboardArchives.bundle("arquillian.throws", "1.0.0", FailingActivator.class)
                .importPackages("org.osgi.framework").build();
    }

    @Deployment(name = "unresolvable", managed = false, testable = false)
    static JavaArchive unresolvable() {
        return SwitchboardArchives.bundle("arquillian.unresolvable", "1.0.0")
                .importPackages("com.example.nowhere").build();
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void anActivatorThatThrowsFailsTheDeploymentWithItsMessage() {
        Exception e = assertThrows(Exception.class, () -> deployer.deploy("throws"));
        assertTrue(chain(e).contains("arquillian test activator refuses to start"), chain(e));
    }

    @Test
    void anUnresolvableImportFailsTheDeploymentNamingThePackage() {
        Exception e = assertThrows(Exception.class, () -> deployer.deploy("unresolvable"));
        assertTrue(chain(e).contains("com.example.nowhere"), chain(e));
    }

    private static String chain(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
