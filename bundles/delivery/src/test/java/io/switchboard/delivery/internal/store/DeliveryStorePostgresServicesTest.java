package io.switchboard.delivery.internal.store;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store on the machine's PostgreSQL (127.0.0.1:5432, database {@code test}, trust authentication), each test in a
 * schema of its own. Runs only under {@code -Pservices}.
 */
class DeliveryStorePostgresServicesTest extends DeliveryStoreContract {

    @RegisterExtension
    final TestDatabases.PostgresSchema schema = new TestDatabases.PostgresSchema();

    @Override
    DataSource database() {
        return schema.dataSource();
    }

    @Override
    DeliveryStore.Vendor vendor() {
        return DeliveryStore.Vendor.POSTGRESQL;
    }
}
