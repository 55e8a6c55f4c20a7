package io.switchboard.delivery.internal.store;

import io.switchboard.delivery.AttemptInfo;
import io.switchboard.delivery.DeliveryState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;

/**
 * The delivery store open on one database: its {@link Schema} migrated and validated, and the parts that work on
 * it — the {@link Outbox} messages go into, the {@link OutboxClaimer} that claims them for attempts, the
 * {@link Outcomes} the attempts are recorded with — plus the few reads the engine and the tests ask for.
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

    private final SessionFactory sessions;
    private final Vendor vendor;
    private final Outbox outbox;
    private final OutboxClaimer claimer;
    private final Outcomes outcomes;

    /** Migrates the schema of {@code dataSource}'s database and opens the store on it. */
    public DeliveryStore(DataSource dataSource, Vendor vendor) {
        this.vendor = vendor;
        this.sessions = Schema.open(dataSource, vendor);
        this.outbox = new Outbox(sessions, vendor);
        this.claimer = new OutboxClaimer(sessions);
        this.outcomes = new Outcomes(sessions);
    }

    public Outbox outbox() {
        return outbox;
    }

    public OutboxClaimer claimer() {
        return claimer;
    }

    public Outcomes outcomes() {
        return outcomes;
    }

    /**
     * How many messages wait (PENDING, due or not) per endpoint that has any: one range of the (endpoint, state, ...)
     * index each, never DELIVERED rows.
     */
    public Map<String, Long> pendingByEndpoint() {
        try (StatelessSession s = sessions.openStatelessSession()) {
            Map<String, Long> counts = new TreeMap<>();
            for (String endpoint : Endpoints.stored(s)) {
                long n = Endpoints.count(s, endpoint, DeliveryState.PENDING.name());
                if (n > 0) {
                    counts.put(endpoint, n);
                }
            }
            return counts;
        }
    }

    /** A cheap query that fails when the database is gone. */
    public void ping() {
        try (StatelessSession s = sessions.openStatelessSession()) {
            s.createNativeQuery("select 1", Integer.class).getSingleResult();
        }
    }

    /** The state of a stored message, or null when there is none with that id. */
    public DeliveryState state(long id) {
        try (StatelessSession s = sessions.openStatelessSession()) {
            DeliveryRow row = s.get(DeliveryRow.class, id);
            return row == null ? null : DeliveryState.valueOf(row.state);
        }
    }

    /** The outcomes of a stored message's attempts, oldest first (an unknown id has none). */
    public List<String> attempts(long id) {
        try (StatelessSession s = sessions.openStatelessSession()) {
            DeliveryRow row = s.get(DeliveryRow.class, id);
            return row == null ? List.of() : AttemptRow.history(s, id, row.state, row.attempts, row.updatedAt)
                    .stream().map(AttemptInfo::outcome).toList();
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
}
