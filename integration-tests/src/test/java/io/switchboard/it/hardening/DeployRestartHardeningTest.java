package io.switchboard.it.hardening;

import static io.switchboard.testing.Platform.status;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.it.TestBundles;
import io.switchboard.it.bundles.QuietActivator;
import io.switchboard.it.bundles.ReflectiveExitActivator;
import io.switchboard.testing.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 3a across restarts: what the framework cache holds must not bring back a bundle whose file has left
 * deploy/, and a bundle that ended the platform (an exit by reflection, which the bytecode check cannot see) ends it
 * once, not at every boot.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployRestartHardeningTest {

    @TempDir
    static Path dir;
    static Platform platform;

    @BeforeAll
    static void boot() throws Exception {
        platform = Platform.at(Platform.unpack(dir), "data").start();
    }

    @AfterAll
    static void shutDown() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void aBundleWhoseFileLeftDeployWhileStoppedDoesNotComeBackFromTheCache() throws Exception {
        platform.drop(TestBundles.bundle("it.quiet.gone", "1.0.0", Map.of("Bundle-Activator",
                QuietActivator.class.getName(), "Import-Package", "org.osgi.framework"), QuietActivator.class), "gone.jar");
        platform.awaitDeployment("gone.jar", status("DEPLOYED"));
        platform.stop();
        Files.delete(platform.deploy().resolve("gone.jar"));
        platform.start();
        assertFalse(platform.api("/api/v1/bundles").toString().contains("it.quiet.gone"), "not in the framework");
        assertTrue(platform.log().contains("its file"), "the uninstall is logged:\n" + platform.log());
        StillServes.check(platform);
    }

    @Test
    @Order(2)
    void aBundleThatExitsByReflectionEndsThePlatformOnceAndIsNotStartedAgainAtBoot() throws Exception {
        platform.drop(TestBundles.bundle("it.sly", "1.0.0", Map.of("Bundle-Activator",
                ReflectiveExitActivator.class.getName(), "Import-Package", "org.osgi.framework"),
                ReflectiveExitActivator.class), "sly.jar");
        platform.awaitLog(l -> l.contains("System.exit called by io.switchboard.it.bundles.ReflectiveExitActivator"),
                Duration.ofSeconds(30));
        platform.stop(); // waits for the exit already under way
        platform.start();
        JsonNode d = platform.awaitDeployment("sly.jar", status("FAILED"));
        assertTrue(d.path("error").asText().contains("the platform ended while this version was starting"),
                d.toString());
        StillServes.check(platform);
    }
}
