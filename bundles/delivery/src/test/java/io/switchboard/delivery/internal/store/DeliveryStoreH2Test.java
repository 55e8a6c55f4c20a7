package io.switchboard.delivery.internal.store;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;

/** The store on an H2 file database, as the embedded default runs it. */
class DeliveryStoreH2Test extends DeliveryStoreContract {

    @TempDir
    Path dir;

    @Override
    DataSource database() {
        JdbcDataSource ds = new JdbcDataSource();
        // WRITE_DELAY=0: a commit is on disk when it returns (H2 otherwise flushes up to 500 ms later)
        ds.setURL("jdbc:h2:file:" + dir.resolve("delivery") + ";WRITE_DELAY=0");
        return ds;
    }

    @Override
    DeliveryStore.Vendor vendor() {
        return DeliveryStore.Vendor.H2;
    }
}
