package io.switchboard.delivery.internal.store;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The store on the machine's PostgreSQL (127.0.0.1:5432, database {@code test}, trust authentication), each test
 * in a schema of its own. Runs only under {@code -Pservices}.
 */
class DeliveryStorePostgresServicesTest extends DeliveryStoreContract {

    private TestDatabases.PostgresSchema schema;

    @BeforeEach
    void createSchema() throws SQLException {
        schema = TestDatabases.PostgresSchema.create();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schema.close();
    }

    @Override
    DataSource database() {
        return schema.dataSource();
    }

    @Override
    DeliveryStore.Vendor vendor() {
        return DeliveryStore.Vendor.POSTGRESQL;
    }
}
