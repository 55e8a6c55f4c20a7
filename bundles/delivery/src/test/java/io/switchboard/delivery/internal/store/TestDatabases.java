package io.switchboard.delivery.internal.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The databases the store suites run on, set up one way for all of them. */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** An H2 file database in {@code dir}, as the embedded default runs it. */
    public static DataSource h2(Path dir) {
        JdbcDataSource ds = new JdbcDataSource();
        // WRITE_DELAY=0: a commit is on disk when it returns (H2 otherwise flushes up to 500 ms later)
        ds.setURL("jdbc:h2:file:" + dir.resolve("delivery") + ";WRITE_DELAY=0");
        return ds;
    }

    /**
     * A schema of its own on the machine's PostgreSQL (127.0.0.1:5432, database {@code test}, trust
     * authentication; {@code pg.host}, {@code pg.port}, {@code pg.database}, {@code pg.user} override), dropped
     * with everything in it on {@link #close}.
     */
    public static final class PostgresSchema implements AutoCloseable {

        private final String name = "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

        private PostgresSchema() {
        }

        public static PostgresSchema create() throws SQLException {
            PostgresSchema schema = new PostgresSchema();
            try (Connection c = base().getConnection()) {
                c.createStatement().execute("create schema " + schema.name);
            }
            return schema;
        }

        public DataSource dataSource() {
            PGSimpleDataSource ds = base();
            ds.setCurrentSchema(name);
            return ds;
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = base().getConnection()) {
                c.createStatement().execute("drop schema " + name + " cascade");
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
    }
}
