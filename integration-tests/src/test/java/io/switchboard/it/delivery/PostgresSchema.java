package io.switchboard.it.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A schema of its own on the machine's PostgreSQL (127.0.0.1:5432, database {@code test}, trust authentication,
 * user {@code pg.user} or postgres), dropped with everything in it on {@link #close}; and the delivery configuration
 * that puts a platform's store there.
 */
final class PostgresSchema implements AutoCloseable {

    private final String name;

    private PostgresSchema(String name) {
        this.name = name;
    }

    static PostgresSchema create(String prefix) throws SQLException {
        PostgresSchema schema = new PostgresSchema(prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        try (Connection c = admin().getConnection()) {
            c.createStatement().execute("create schema " + schema.name);
        }
        return schema;
    }

    /** {@code io.switchboard.delivery.cfg} for a store in this schema, reached on {@code port} (a proxy, or 5432). */
    String deliveryConfiguration(int port) {
        return "jdbcUrl = jdbc:postgresql://127.0.0.1:" + port + "/test?currentSchema=" + name + "\n"
                + "user = " + user() + "\n";
    }

    /** The schema, to read what the platform stored. */
    DataSource dataSource() {
        PGSimpleDataSource ds = admin();
        ds.setCurrentSchema(name);
        return ds;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = admin().getConnection()) {
            c.createStatement().execute("drop schema " + name + " cascade");
        }
    }

    private static String user() {
        return System.getProperty("pg.user", "postgres");
    }

    private static PGSimpleDataSource admin() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://127.0.0.1:5432/test");
        ds.setUser(user());
        return ds;
    }
}
