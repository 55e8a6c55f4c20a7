package io.switchboard.arquillian.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.switchboard.arquillian.SwitchboardArchives;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Embedded mode only (the managed run excludes it): the framework's BundleContext is injected. */
@ExtendWith(ArquillianExtension.class)
class EmbeddedBundleContextTest {

    @Deployment(testable = false)
    static JavaArchive bundle() {
        return SwitchboardArchives.bundle("arquillian.embedded.probe", "2.1.0", StartupSender.class)
                .importPackages("jakarta.jms", "org.osgi.framework").build();
    }

    @ArquillianResource
    BundleContext context;

    @Test
    void theDeployedBundleIsActiveInTheFramework() {
        Bundle found = null;
        for (Bundle b : context.getBundles()) {
            if ("arquillian.embedded.probe".equals(b.getSymbolicName())) {
                found = b;
            }
        }
        assertNotNull(found);
        assertEquals(Bundle.ACTIVE, found.getState());
        assertEquals("2.1.0", found.getVersion().toString());
    }
}
