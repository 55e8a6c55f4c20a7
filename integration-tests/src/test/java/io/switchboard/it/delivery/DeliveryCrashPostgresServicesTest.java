package io.switchboard.it.delivery;

import io.switchboard.testing.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test with the store on the real PostgreSQL (127.0.0.1:5432, database {@code test}), in a schema of its
 * own, configured the documented way ({@code deploy/io.switchboard.delivery.cfg}). Runs only under {@code -Pservices}.
 */
class DeliveryCrashPostgresServicesTest {

    @TempDir
    Path dir;

    @Test
    void killedThreeTimesEveryMessageIsDeliveredAndProcessedOnce() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create("sb_crash_")) {
            Platform platform = Platform.at(Platform.unpack(dir), "data");
            platform.drop(schema.deliveryConfiguration(5432).getBytes(StandardCharsets.UTF_8),
                    "io.switchboard.delivery.cfg");
            new CrashRun(platform, schema.dataSource()).run(dir);
        }
    }
}
