package io.switchboard.delivery.internal.store;

import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

/**
 * The store's tables: migrated by Flyway (per database), validated against the entities and opened by Hibernate,
 * bootstrapped natively with this bundle's loader — never through {@code jakarta.persistence.Persistence}, whose
 * provider discovery fails in OSGi.
 */
final class Schema {

    private Schema() {
    }

    /** Migrates the schema to the newest version and opens sessions over it; fails when it does not validate. */
    static SessionFactory open(DataSource dataSource, DeliveryStore.Vendor vendor) {
        ClassLoader loader = Schema.class.getClassLoader();
        Flyway.configure(loader).dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("text", vendor.text, "binary", vendor.binary))
                .load().migrate();
        BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap)
                .applySetting(AvailableSettings.DATASOURCE, dataSource)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "validate")
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 50)
                .build();
        return new MetadataSources(registry).addAnnotatedClass(DeliveryRow.class).addAnnotatedClass(AttemptRow.class)
                .addAnnotatedClass(AuditRow.class).buildMetadata().buildSessionFactory();
    }
}
