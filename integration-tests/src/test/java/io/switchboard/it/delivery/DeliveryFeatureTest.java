package io.switchboard.it.delivery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.testing.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery store inside the running platform: the boot feature installs the bundle
 * that embeds Hibernate, which migrates and validates its H2 schema under data/delivery.
 */
class DeliveryFeatureTest {

    @TempDir
    static Path dir;
    static Platform platform;

    @BeforeAll
    static void boot() throws Exception {
        platform = Platform.at(Platform.unpack(dir), "data").start();
    }

    @AfterAll
    static void shutDown() throws InterruptedException {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theDeliveryFeatureInstallsTheStoreWithHibernateEmbedded() throws Exception {
        // a boot feature: the embedded-Hibernate bundle resolves and activates in Felix; Flyway migrates,
        // Hibernate validates
        String ready = platform.awaitLog(l -> l.contains("Delivery store ready"), Duration.ofSeconds(60));
        assertTrue(ready.contains("(H2), schema validated"), ready);
        assertTrue(Files.exists(platform.data().resolve("delivery/delivery.mv.db")), "no H2 file under data/delivery");
    }
}
