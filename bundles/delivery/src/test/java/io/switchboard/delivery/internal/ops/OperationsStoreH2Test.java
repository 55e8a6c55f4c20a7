package io.switchboard.delivery.internal.ops;

import io.switchboard.delivery.internal.store.DeliveryStore;
import io.switchboard.delivery.internal.store.TestDatabases;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** The operations on an H2 file database, as the embedded default runs it. */
class OperationsStoreH2Test extends OperationsStoreContract {

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
