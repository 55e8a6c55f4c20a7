package io.switchboard.delivery.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.delivery.DeliveryService;
import io.switchboard.delivery.Sink;
import io.switchboard.delivery.internal.store.DeliveryStore;
import io.switchboard.dispatch.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery store as a service: opens the configured database through a pool, migrates and validates the
 * schema, accepts messages and delivers them to the {@link Sink} services of their endpoints (whiteboard). Work in
 * progress: one default retry policy, no JMS accept path, no operations.
 */
@Component(service = DeliveryService.class, configurationPid = DeliveryComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = DeliveryConfiguration.class)
public final class DeliveryComponent implements DeliveryService {

    static final String PID = "io.switchboard.delivery";
    private static final int BATCH = 100;
    /** A claim not completed within this is taken back (its claimer died); attempts must be shorter. */
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryComponent.class);

    private final Map<String, Sink> sinks = new ConcurrentHashMap<>();
    private HikariDataSource pool;
    private DeliveryStore store;
    private volatile Retransmitter retransmitter;
    private ScheduledExecutorService scheduler;

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
        Retransmitter r = new Retransmitter(store, RetryPolicy.DEFAULT, Clock.systemUTC());
        sinks.forEach(r::addSink);
        retransmitter = r;
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "switchboard-delivery-retransmitter");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::deliverDue, 100, 100, TimeUnit.MILLISECONDS);
        LOG.info("Delivery store ready: {} ({}), schema validated", url, vendor);
    }

    /** Delivers while messages are due, then waits for the next tick. */
    private void deliverDue() {
        try {
            retransmitter.releaseStaleClaims(LEASE);
            while (retransmitter.runOnce(BATCH) == BATCH) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            LOG.warn("Delivery pass failed ({}); retrying on the next tick", e.toString());
        }
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
        pool.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, service = Sink.class)
    void addSink(Sink sink, Map<String, Object> properties) {
        Object name = properties.get(Sink.ENDPOINT);
        if (!(name instanceof String endpoint) || endpoint.isBlank()) {
            LOG.error("Delivery ignores sink {}: it has no {} property (use @Endpoint(name = ...))",
                    sink.getClass().getName(), Sink.ENDPOINT);
            return;
        }
        sinks.put(endpoint, sink);
        Retransmitter r = retransmitter;
        if (r != null) {
            r.addSink(endpoint, sink);
        }
        LOG.info("Delivery endpoint available: {}", endpoint);
    }

    void removeSink(Sink sink, Map<String, Object> properties) {
        Object name = properties.get(Sink.ENDPOINT);
        if (name instanceof String endpoint) {
            sinks.remove(endpoint, sink);
            Retransmitter r = retransmitter;
            if (r != null) {
                r.removeSink(endpoint, sink);
            }
            LOG.info("Delivery endpoint gone: {} (its messages wait)", endpoint);
        }
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
