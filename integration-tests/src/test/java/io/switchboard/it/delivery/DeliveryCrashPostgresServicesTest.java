package io.switchboard.it.delivery;

import io.switchboard.testing.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The crash test with the store on the real PostgreSQL (127.0.0.1:5432, database {@code test}), in a schema of its
 * own, configured the documented way ({@code deploy/io.switchboard.delivery.cfg}). Runs only under {@code -Pservices}.
 */
class DeliveryCrashPostgresServicesTest {

    @TempDir
    Path dir;

    @Test
    void killedThreeTimesEveryMessageIsDeliveredAndProcessedOnce() throws Exception {
        String schema = "sb_crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL("jdbc:postgresql://127.0.0.1:5432/test");
        admin.setUser(System.getProperty("pg.user", "postgres"));
        try (Connection c = admin.getConnection()) {
            c.createStatement().execute("create schema " + schema);
        }
        try {
            Platform platform = Platform.at(Platform.unpack(dir), "data");
            platform.drop(("jdbcUrl = jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema + "\n"
                    + "user = " + admin.getUser() + "\n").getBytes(StandardCharsets.UTF_8), "io.switchboard.delivery.cfg");
            PGSimpleDataSource store = new PGSimpleDataSource();
            store.setURL("jdbc:postgresql://127.0.0.1:5432/test");
            store.setUser(admin.getUser());
            store.setCurrentSchema(schema);
            new CrashRun(platform, store).run(dir);
        } finally {
            try (Connection c = admin.getConnection()) {
                c.createStatement().execute("drop schema " + schema + " cascade");
            }
        }
    }
}
