package io.switchboard.delivery.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.delivery.DeliveryResult;
import io.switchboard.delivery.DeliveryState;
import io.switchboard.delivery.internal.RetryPolicy;
import io.switchboard.dispatch.Message;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.exception.ConstraintViolationException;

/**
 * The delivery store: migrates the schema (Flyway, per database), validates it against the entities (Hibernate,
 * bootstrapped natively with this class's loader — never through {@code jakarta.persistence.Persistence}, whose
 * provider discovery fails in OSGi) and keeps stored messages, their state and their attempts.
 */
public final class DeliveryStore implements AutoCloseable {

    /** The databases the store has migrations for. */
    public enum Vendor {
        H2("varchar(1000000)", "varbinary(1000000000)"),
        POSTGRESQL("text", "bytea");

        final String text;
        final String binary;

        Vendor(String text, String binary) {
            this.text = text;
            this.binary = binary;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR = 2000;

    private final SessionFactory sessions;
    private final Vendor vendor;

    public DeliveryStore(DataSource dataSource, Vendor vendor) {
        this.vendor = vendor;
        ClassLoader loader = DeliveryStore.class.getClassLoader();
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
        sessions = new MetadataSources(registry).addAnnotatedClass(DeliveryRow.class).addAnnotatedClass(AttemptRow.class)
                .buildMetadata().buildSessionFactory();
    }

    /** Stores {@code message} for {@code endpoint}, once per message id: a second call returns the first row's id. */
    public long schedule(String endpoint, Message message, String orderingKey, Instant at) {
        Instant now = micros(at);
        DeliveryRow row = new DeliveryRow();
        row.endpoint = endpoint;
        row.messageId = message.id();
        row.orderingKey = orderingKey;
        row.state = DeliveryState.PENDING.name();
        row.nextAttemptAt = now;
        row.createdAt = now;
        row.updatedAt = now;
        row.type = message.type();
        row.operation = message.operation();
        row.contentType = message.contentType();
        row.headers = json(message.headers());
        row.body = message.bodyBytes();
        try (StatelessSession s = sessions.openStatelessSession()) {
            Transaction tx = s.beginTransaction();
            try {
                s.insert(row);
                tx.commit();
                return row.id;
            } catch (ConstraintViolationException duplicate) {
                tx.rollback();
            }
        }
        try (StatelessSession s = sessions.openStatelessSession()) {
            return s.createSelectionQuery("select d.id from DeliveryRow d where d.endpoint = :e and d.messageId = :m",
                    Long.class).setParameter("e", endpoint).setParameter("m", message.id()).getSingleResult();
        }
    }

    /**
     * Claims up to {@code limit} due messages: they become IN_FLIGHT in one transaction that skips rows other
     * claimers hold, so no message is claimed twice, across threads and nodes.
     */
    public List<Claimed> claim(int limit, Instant at) {
        return claim(limit, at, null);
    }

    /**
     * As {@link #claim(int, Instant)}, only for the given endpoints (null: all). Messages for endpoints that are
     * not deployed are never claimed: they wait, PENDING, without spending attempts.
     */
    public List<Claimed> claim(int limit, Instant at, java.util.Collection<String> endpoints) {
        Instant now = micros(at);
        if (endpoints != null && endpoints.isEmpty()) {
            return List.of();
        }
        try (StatelessSession s = sessions.openStatelessSession()) {
            Transaction tx = s.beginTransaction();
            // No ORDER BY: the (state, next_attempt_at, id) index returns due rows in order; sorting every due
            // row made H2 claims 5-10x slower (FACTS.md).
            @SuppressWarnings("unchecked")
            var query = s.createNativeQuery("select id from sb_delivery where state = 'PENDING' and "
                    + "next_attempt_at <= :now" + (endpoints == null ? "" : " and endpoint in (:endpoints)")
                    + " fetch first " + limit + " rows only for update skip locked").setParameter("now", now);
            if (endpoints != null) {
                query.setParameterList("endpoints", endpoints);
            }
            List<Number> ids = query.getResultList();
            if (ids.isEmpty()) {
                tx.commit();
                return List.of();
            }
            List<Long> keys = ids.stream().map(Number::longValue).toList();
            s.createMutationQuery("update DeliveryRow d set d.state = :s, d.updatedAt = :now where d.id in :ids")
                    .setParameter("s", DeliveryState.IN_FLIGHT.name()).setParameter("now", now)
                    .setParameter("ids", keys).executeUpdate();
            List<DeliveryRow> rows = s.createSelectionQuery("from DeliveryRow d where d.id in :ids", DeliveryRow.class)
                    .setParameter("ids", keys).getResultList();
            tx.commit();
            List<Claimed> claimed = new ArrayList<>(rows.size());
            for (DeliveryRow r : rows) {
                claimed.add(new Claimed(r.id, r.endpoint, r.attempts, r.orderingKey, message(r)));
            }
            return claimed;
        }
    }

    /** Records the attempt's outcome: delivered, retried later per {@code policy}, or dead. */
    public DeliveryState complete(Claimed claimed, DeliveryResult result, RetryPolicy policy, Instant at) {
        Instant now = micros(at);
        int attempts = claimed.attempts() + 1;
        DeliveryState next = switch (result.outcome()) {
            case DELIVERED -> DeliveryState.DELIVERED;
            case PERMANENT_FAILURE -> DeliveryState.DEAD;
            case TRANSIENT_FAILURE -> policy.allowsAnother(attempts) ? DeliveryState.PENDING : DeliveryState.DEAD;
        };
        Instant due = next == DeliveryState.PENDING ? micros(policy.nextAttempt(attempts, now)) : now;
        String error = truncate(result.reason());
        try (StatelessSession s = sessions.openStatelessSession()) {
            Transaction tx = s.beginTransaction();
            s.createMutationQuery("update DeliveryRow d set d.state = :s, d.attempts = :a, d.nextAttemptAt = :due, "
                    + "d.updatedAt = :now, d.lastError = :err where d.id = :id")
                    .setParameter("s", next.name()).setParameter("a", attempts).setParameter("due", due)
                    .setParameter("now", now).setParameter("err", error).setParameter("id", claimed.id())
                    .executeUpdate();
            s.insert(new AttemptRow(claimed.id(), attempts, now, result.outcome().name(), error));
            tx.commit();
        }
        return next;
    }

    /**
     * Puts messages claimed before {@code cutoff} and never completed back to PENDING: their claimer died (a
     * kill -9, a lost node). The attempt is not counted — it never reported.
     *
     * @return how many came back
     */
    public int releaseStaleClaims(Instant cutoff) {
        try (StatelessSession s = sessions.openStatelessSession()) {
            Transaction tx = s.beginTransaction();
            int released = s.createMutationQuery("update DeliveryRow d set d.state = :pending where d.state = :inFlight "
                    + "and d.updatedAt < :cutoff").setParameter("pending", DeliveryState.PENDING.name())
                    .setParameter("inFlight", DeliveryState.IN_FLIGHT.name()).setParameter("cutoff", micros(cutoff))
                    .executeUpdate();
            tx.commit();
            return released;
        }
    }

    /** The state of a stored message, or null when there is none with that id. */
    public DeliveryState state(long id) {
        try (StatelessSession s = sessions.openStatelessSession()) {
            DeliveryRow row = s.get(DeliveryRow.class, id);
            return row == null ? null : DeliveryState.valueOf(row.state);
        }
    }

    /** The outcomes of a stored message's attempts, oldest first. */
    public List<String> attempts(long id) {
        try (StatelessSession s = sessions.openStatelessSession()) {
            return s.createSelectionQuery("select a.outcome from AttemptRow a where a.deliveryId = :id order by a.attempt",
                    String.class).setParameter("id", id).getResultList();
        }
    }

    /** The Hibernate sessions over the store's tables, for the store's other views (operations). */
    public SessionFactory sessions() {
        return sessions;
    }

    public Vendor vendor() {
        return vendor;
    }

    @Override
    public void close() {
        sessions.close();
    }

    private static Message message(DeliveryRow r) {
        Message.Builder b = Message.builder().id(r.messageId).operation(r.operation).body(r.body, r.contentType);
        if (r.type != null) {
            b.type(r.type);
        }
        try {
            Map<String, String> headers = JSON.readValue(r.headers, new TypeReference<Map<String, String>>() { });
            headers.forEach(b::header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored headers of delivery " + r.id + " are not JSON", e);
        }
        return b.build();
    }

    private static String json(Map<String, String> headers) {
        try {
            return JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The columns hold microseconds; a rounded-up nanosecond instant would not be due at the same instant. */
    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
    }
}
