package io.switchboard.delivery.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.delivery.DeliveryService;
import io.switchboard.delivery.internal.store.DeliveryStore;
import io.switchboard.dispatch.Message;
import java.time.Instant;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery store as a service: opens the configured database through a pool, migrates and validates the
 * schema, and accepts messages. Work in progress: no retransmitter yet.
 */
@Component(service = DeliveryService.class, configurationPid = DeliveryComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = DeliveryConfiguration.class)
public final class DeliveryComponent implements DeliveryService {

    static final String PID = "io.switchboard.delivery";
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryComponent.class);

    private HikariDataSource pool;
    private DeliveryStore store;

    @Activate
    void activate(BundleContext context, DeliveryConfiguration configuration) {
        String url = configuration.jdbcUrl().isBlank()
                ? "jdbc:h2:file:" + context.getProperty("switchboard.data") + "/delivery/delivery;WRITE_DELAY=0"
                : configuration.jdbcUrl().trim();
        DeliveryStore.Vendor vendor = vendor(url);
        HikariConfig hikari = new HikariConfig();
        // A driver DataSource, not a JDBC URL: DriverManager does not see drivers inside bundles.
        hikari.setDataSource(driverDataSource(vendor, url, configuration.user(), configuration.password()));
        hikari.setMaximumPoolSize(configuration.poolSize());
        hikari.setPoolName("switchboard-delivery");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Hibernate and Flyway look things up through the context class loader too: make it this bundle's
        thread.setContextClassLoader(DeliveryComponent.class.getClassLoader());
        try {
            pool = new HikariDataSource(hikari);
            store = new DeliveryStore(pool, vendor);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            LOG.error("Delivery store cannot open {}: {}", url, e.getMessage());
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
        LOG.info("Delivery store ready: {} ({}), schema validated", url, vendor);
    }

    @Deactivate
    void deactivate() {
        store.close();
        pool.close();
    }

    @Override
    public String schedule(String endpoint, Message message) {
        return schedule(endpoint, message, null);
    }

    @Override
    public String schedule(String endpoint, Message message, String orderingKey) {
        return Long.toString(store.schedule(endpoint, message, orderingKey, Instant.now()));
    }

    static DeliveryStore.Vendor vendor(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return DeliveryStore.Vendor.H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return DeliveryStore.Vendor.POSTGRESQL;
        }
        throw new IllegalArgumentException(PID + ": jdbcUrl = '" + url
                + "' is neither jdbc:h2:... nor jdbc:postgresql:...");
    }

    private static DataSource driverDataSource(DeliveryStore.Vendor vendor, String url, String user, String password) {
        if (vendor == DeliveryStore.Vendor.H2) {
            org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user);
            h2.setPassword(password);
            return h2;
        }
        org.postgresql.ds.PGSimpleDataSource pg = new org.postgresql.ds.PGSimpleDataSource();
        pg.setURL(url);
        pg.setUser(user);
        pg.setPassword(password);
        return pg;
    }
}
