package io.switchboard.delivery.internal.store;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** The idempotent receiver on an H2 file database, as the embedded default runs it. */
class IdempotentStoreH2Test extends IdempotentStoreContract {

    @TempDir
    Path dir;

    @Override
    DataSource database() {
        return TestDatabases.h2(dir);
    }

    @Override
    DeliveryStore.Vendor vendor() {
        return DeliveryStore.Vendor.H2;
    }
}
