package io.switchboard.it.delivery;

import io.switchboard.testing.Platform;
import java.nio.file.Path;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crash test on the embedded H2 store (the default): see {@link CrashRun}. */
class DeliveryCrashTest {

    @TempDir
    Path dir;

    @Test
    void killedThreeTimesEveryMessageIsDeliveredAndProcessedOnce() throws Exception {
        Platform platform = Platform.at(Platform.unpack(dir), "data");
        JdbcDataSource store = new JdbcDataSource();
        store.setURL("jdbc:h2:file:" + platform.data().resolve("delivery/delivery"));
        new CrashRun(platform, store).run(dir);
    }
}
