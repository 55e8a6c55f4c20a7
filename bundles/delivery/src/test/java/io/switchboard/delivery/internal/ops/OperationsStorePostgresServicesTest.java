package io.switchboard.delivery.internal.ops;

import io.switchboard.delivery.internal.store.DeliveryStore;
import io.switchboard.delivery.internal.store.TestDatabases;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/** The operations on the machine's PostgreSQL, each test in a schema of its own. Runs only under {@code -Pservices}. */
class OperationsStorePostgresServicesTest extends OperationsStoreContract {

    private TestDatabases.PostgresSchema schema;

    @Override
    DataSource database() {
        if (schema == null) {
            try {
                schema = TestDatabases.PostgresSchema.create();
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 (database test) is not reachable", e);
            }
        }
        return schema.dataSource();
    }

    @Override
    DeliveryStore.Vendor vendor() {
        return DeliveryStore.Vendor.POSTGRESQL;
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schema.close();
    }
}
