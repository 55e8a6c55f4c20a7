package io.switchboard.delivery.internal.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
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
     * A database whose next commit is carried out and then reported failed, as when the connection is lost before
     * the commit's answer arrives.
     */
    public static final class AnswerLost {
        private final DataSource target;
        private final java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean();

        public AnswerLost(DataSource target) {
            this.target = target;
        }

        /** The next commit on any connection is carried out, then fails. */
        public void loseNextCommitAnswer() {
            armed.set(true);
        }

        public DataSource dataSource() {
            return proxy(DataSource.class, target, (method, result) -> method.getName().equals("getConnection")
                    ? proxy(Connection.class, result, (m, r) -> {
                        if (m.getName().equals("commit") && armed.getAndSet(false)) {
                            throw new SQLException("An I/O error occurred while sending to the backend (test)", "08006");
                        }
                        return r;
                    })
                    : result);
        }

        /** What a proxied call returns, from the method and what the target returned. */
        private interface After {
            Object apply(java.lang.reflect.Method method, Object result) throws SQLException;
        }

        private static <T> T proxy(Class<T> type, Object target, After after) {
            return type.cast(java.lang.reflect.Proxy.newProxyInstance(TestDatabases.class.getClassLoader(),
                    new Class<?>[] {type}, (p, method, args) -> {
                        Object result;
                        try {
                            result = method.invoke(target, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                        return after.apply(method, result);
                    }));
        }
    }

    /**
     * A schema of its own on the machine's PostgreSQL for each test (127.0.0.1:5432, database {@code test}, trust
     * authentication; {@code pg.host}, {@code pg.port}, {@code pg.database}, {@code pg.user} override), created
     * before and dropped with everything in it after: {@code @RegisterExtension final PostgresSchema schema = new
     * PostgresSchema();}.
     */
    public static final class PostgresSchema implements BeforeEachCallback, AfterEachCallback {

        private String name;

        @Override
        public void beforeEach(ExtensionContext context) throws SQLException {
            name = "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = base().getConnection()) {
                c.createStatement().execute("create schema " + name);
            }
        }

        @Override
        public void afterEach(ExtensionContext context) throws SQLException {
            try (Connection c = base().getConnection()) {
                c.createStatement().execute("drop schema " + name + " cascade");
            }
        }

        /** The test's schema. */
        public DataSource dataSource() {
            PGSimpleDataSource ds = base();
            ds.setCurrentSchema(name);
            return ds;
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
