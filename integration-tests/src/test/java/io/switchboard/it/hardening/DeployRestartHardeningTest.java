package io.switchboard.it.hardening;

import static io.switchboard.testing.Platform.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.it.TestBundles;
import io.switchboard.it.bundles.HangingActivator;
import io.switchboard.it.bundles.QuietActivator;
import io.switchboard.it.bundles.ReflectiveExitActivator;
import io.switchboard.it.bundles.ThreadExitActivator;
import io.switchboard.testing.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 3a across restarts: what the framework cache holds must not bring back a bundle whose file has left
 * deploy/, and a bundle that ended the platform (an exit by reflection, which the bytecode check cannot see, from its
 * activator or a thread of its own) ends it once, not at every boot, until its file is replaced or removed and added
 * again; a bundle whose activator never returns does not hold up the platform's stop.
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
        String logged = "Uninstalling it.quiet.gone 1.0.0: its file " + platform.deploy().resolve("gone.jar")
                + " left deploy/ while Switchboard was stopped";
        assertTrue(platform.log().contains(logged), "the uninstall is logged:\n" + platform.log());
        StillServes.check(platform);
    }

    @Test
    @Order(2)
    void aBundleThatExitsByReflectionEndsThePlatformOnceAndIsNotStartedAgainAtBoot() throws Exception {
        JsonNode d = endsThePlatformOnce(TestBundles.bundle("it.sly", "1.0.0", Map.of("Bundle-Activator",
                ReflectiveExitActivator.class.getName(), "Import-Package", "org.osgi.framework"),
                ReflectiveExitActivator.class), "sly.jar", ReflectiveExitActivator.class);
        assertTrue(d.path("error").asText().contains("the platform ended while this version was starting"),
                d.toString());
        assertTrue(d.path("error").asText().contains("System.exit was called by "
                + ReflectiveExitActivator.class.getName() + ", a class of this jar"), d.toString());
        StillServes.check(platform);
    }

    @Test
    @Order(3)
    void aRefusedBundleRemovedAndAddedAgainIsTriedAgain() throws Exception {
        byte[] sly = Files.readAllBytes(platform.deploy().resolve("sly.jar"));
        Files.delete(platform.deploy().resolve("sly.jar"));
        platform.awaitDeployment("sly.jar", d -> d == null);
        // the same bytes: tried again, so they end the platform again
        JsonNode d = endsThePlatformOnce(sly, "sly.jar", ReflectiveExitActivator.class);
        assertTrue(d.path("error").asText().contains("the platform ended while this version was starting"),
                d.toString());
        Files.delete(platform.deploy().resolve("sly.jar"));
        platform.awaitDeployment("sly.jar", gone -> gone == null);
        StillServes.check(platform);
    }

    @Test
    @Order(4)
    void aBundleWhoseOwnThreadExitsEndsThePlatformOnceAndIsRefusedNamingTheCaller() throws Exception {
        JsonNode d = endsThePlatformOnce(TestBundles.bundle("it.thread.exit", "1.0.0", Map.of("Bundle-Activator",
                ThreadExitActivator.class.getName(), "Import-Package", "org.osgi.framework"),
                ThreadExitActivator.class), "thread-exit.jar", ThreadExitActivator.class);
        assertTrue(d.path("error").asText().startsWith("the platform ended while this version was "), d.toString());
        assertTrue(d.path("error").asText().contains("System.exit was called by "
                + ThreadExitActivator.class.getName() + ", a class of this jar, so it is not started again"),
                d.toString());
        assertFalse("ACTIVE".equals(state(platform, "it.thread.exit")), "not started");
        StillServes.check(platform);
    }

    @Test
    @Order(5)
    void anActivatorThatNeverReturnsDoesNotHoldUpTheStopOfThePlatform() throws Exception {
        platform.drop(TestBundles.bundle("it.hang.stop", "1.0.0", Map.of("Bundle-Activator",
                HangingActivator.class.getName(), "Import-Package", "org.osgi.framework"), HangingActivator.class),
                "hang-stop.jar");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "STARTING".equals(state(platform, "it.hang.stop")));
        long began = System.nanoTime();
        assertEquals(0, platform.stop());
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        // without the fallback the stop waits the whole shutdown.drain.timeout (30 s) and stops the broker under
        // bundles still running
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "stopped in " + took);
        assertTrue(platform.log().contains("Gave up on it.hang.stop 1.0.0: its activator never returned"),
                platform.log());
        assertFalse(platform.log().contains("Framework did not stop within"), platform.log());
        Files.delete(platform.deploy().resolve("hang-stop.jar"));
        platform.start();
        StillServes.check(platform);
    }

    /** Drops the jar, waits for the exit its class makes, starts the platform again: the jar's status then. */
    private static JsonNode endsThePlatformOnce(byte[] jar, String name, Class<?> caller) throws Exception {
        platform.drop(jar, name);
        platform.awaitLog(l -> l.contains("System.exit called by " + caller.getName()), Duration.ofSeconds(30));
        platform.stop(); // waits for the exit already under way
        platform.start();
        return platform.awaitDeployment(name, status("FAILED"));
    }

    /** The bundle's state as /api/v1/bundles shows it, or null when it is not installed. */
    static String state(Platform platform, String symbolicName) {
        for (JsonNode b : platform.api("/api/v1/bundles")) {
            if (symbolicName.equals(b.path("symbolicName").asText())) {
                return b.path("state").asText();
            }
        }
        return null;
    }
}
