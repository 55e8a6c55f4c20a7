package io.switchboard.delivery.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.delivery.internal.store.DeliveryStore;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The delivery store's connection pool, made from the store's settings (H2 or PostgreSQL). */
final class StorePool {

    private StorePool() {
    }

    /** A new pool; it fails at once when the database cannot be reached (Hikari checks a first connection). */
    static HikariDataSource open(DeliverySettings settings) {
        return new HikariDataSource(config(settings));
    }

    private static HikariConfig config(DeliverySettings settings) {
        HikariConfig hikari = new HikariConfig();
        // A driver DataSource, not a JDBC URL: DriverManager does not see drivers inside bundles.
        hikari.setDataSource(driverDataSource(settings));
        hikari.setMaximumPoolSize(settings.poolSize());
        hikari.setPoolName("switchboard-delivery");
        // a lost database fails calls within seconds (the accept path rolls back and waits) instead of 30 s
        hikari.setConnectionTimeout(5_000);
        hikari.setValidationTimeout(2_000);
        return hikari;
    }

    private static DataSource driverDataSource(DeliverySettings settings) {
        if (settings.vendor() == DeliveryStore.Vendor.H2) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(settings.url());
            h2.setUser(settings.user());
            h2.setPassword(settings.password());
            return h2;
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(settings.url());
        pg.setUser(settings.user());
        pg.setPassword(settings.password());
        return pg;
    }
}
