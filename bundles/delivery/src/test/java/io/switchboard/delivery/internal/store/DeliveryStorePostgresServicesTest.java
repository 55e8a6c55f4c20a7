package io.switchboard.delivery.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store on the machine's PostgreSQL (127.0.0.1:5432, database {@code test}, trust authentication), each test
 * in a schema of its own. Runs only under {@code -Pservices}.
 */
class DeliveryStorePostgresServicesTest extends DeliveryStoreContract {

    private String schema;

    @BeforeEach
    void createSchema() throws SQLException {
        schema = "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PGSimpleDataSource admin = base();
        try (Connection c = admin.getConnection()) {
            c.createStatement().execute("create schema " + schema);
        }
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = base().getConnection()) {
            c.createStatement().execute("drop schema " + schema + " cascade");
        }
    }

    private static PGSimpleDataSource base() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {System.getProperty("pg.host", "127.0.0.1")});
        ds.setPortNumbers(new int[] {Integer.getInteger("pg.port", 5432)});
        ds.setDatabaseName(System.getProperty("pg.database", "test"));
        ds.setUser(System.getProperty("pg.user", "postgres"));
        return ds;
    }

    @Override
    DataSource database() {
        PGSimpleDataSource ds = base();
        ds.setCurrentSchema(schema);
        return ds;
    }

    @Override
    DeliveryStore.Vendor vendor() {
        return DeliveryStore.Vendor.POSTGRESQL;
    }
}
