package io.switchboard.delivery.internal.ops;

import io.switchboard.delivery.AuditEntry;
import io.switchboard.delivery.DeliveryOperations;
import io.switchboard.delivery.DeliveryState;
import io.switchboard.delivery.EndpointSummary;
import io.switchboard.delivery.MessageDetail;
import io.switchboard.delivery.MessageFilter;
import io.switchboard.delivery.Page;
import io.switchboard.delivery.StoredMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The operations over the store: checks what operators ask for, adds what only the retransmitter knows (which
 * endpoints are deployed, their circuits) and wakes it when messages became due.
 */
@Component(factory = Operations.FACTORY, service = DeliveryOperations.class)
public final class Operations implements DeliveryOperations {

    /**
     * The component factory the delivery engine makes the operations with once its store is open, and disposes
     * when it stops: the service exists exactly while the store can answer.
     */
    public static final String FACTORY = "io.switchboard.delivery.operations";
    /**
     * Instance properties, the constructor's arguments: the store, the deployed endpoints, the circuit states, the
     * retransmitter's wake-up. Private (a leading '.'): never service properties.
     */
    public static final String STORE = ".store";
    public static final String DEPLOYED = ".deployed";
    public static final String CIRCUIT = ".circuit";
    public static final String WAKE = ".wake";

    /** Rows per transaction of a bulk change. */
    static final int BATCH = 500;

    private final OperationsStore store;
    private final Supplier<Set<String>> deployedEndpoints;
    private final Function<String, String> circuitState;
    private final Runnable wake;

    public Operations(OperationsStore store, Supplier<Set<String>> deployedEndpoints,
            Function<String, String> circuitState, Runnable wake) {
        this.store = store;
        this.deployedEndpoints = deployedEndpoints;
        this.circuitState = circuitState;
        this.wake = wake;
    }

    /** The operations the engine asked {@link #FACTORY} for. */
    @Activate
    @SuppressWarnings("unchecked")
    public Operations(Map<String, Object> properties) {
        this((OperationsStore) properties.get(STORE), (Supplier<Set<String>>) properties.get(DEPLOYED),
                (Function<String, String>) properties.get(CIRCUIT), (Runnable) properties.get(WAKE));
    }

    @Override
    public List<EndpointSummary> endpoints() {
        Map<String, Map<DeliveryState, Long>> counts = store.undeliveredCounts();
        Set<String> deployed = deployedEndpoints.get();
        Set<String> names = new TreeSet<>(deployed);
        names.addAll(counts.keySet());
        List<EndpointSummary> endpoints = new ArrayList<>(names.size());
        for (String name : names) {
            Map<DeliveryState, Long> c = counts.getOrDefault(name, Map.of());
            endpoints.add(new EndpointSummary(name, deployed.contains(name), circuitState.apply(name),
                    c.getOrDefault(DeliveryState.PENDING, 0L), c.getOrDefault(DeliveryState.IN_FLIGHT, 0L),
                    c.getOrDefault(DeliveryState.DEAD, 0L)));
        }
        return endpoints;
    }

    @Override
    public Page<StoredMessage> list(MessageFilter filter, String cursor, int limit) {
        return store.list(filter, cursor, limit(limit));
    }

    @Override
    public MessageDetail detail(String id) {
        return store.detail(id(id)).orElseThrow(() -> new NoSuchElementException("no stored message " + id));
    }

    @Override
    public void retryNow(String id, String actor) {
        store.retryNow(id(id), actor(actor), Instant.now());
        wake.run();
    }

    @Override
    public int replayDead(MessageFilter filter, String actor) {
        if (filter.state() != null && filter.state() != DeliveryState.DEAD) {
            throw new IllegalArgumentException("replay sends dead messages again; the filter asks for state "
                    + filter.state());
        }
        int replayed = store.replayDead(filter, actor(actor), Instant.now(), BATCH);
        if (replayed > 0) {
            wake.run();
        }
        return replayed;
    }

    @Override
    public void editAndRetry(String id, Map<String, String> headers, byte[] body, String contentType, String actor) {
        if (contentType != null && contentType.isBlank()) {
            throw new IllegalArgumentException("contentType is blank: give one or leave it out to keep the stored one");
        }
        store.edit(id(id), headers, body, contentType, actor(actor), Instant.now());
        wake.run();
    }

    @Override
    public int purge(MessageFilter filter, String actor) {
        return store.purge(filter, actor(actor), Instant.now(), BATCH);
    }

    @Override
    public Page<AuditEntry> audit(String cursor, int limit) {
        return store.audit(cursor(cursor), limit(limit));
    }

    /** Ids are the store's row ids; anything else names no message. */
    private static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NoSuchElementException("no stored message " + id);
        }
    }

    /** An audit cursor is the last id of the previous page. */
    private static Long cursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cursor '" + cursor + "' is not one a previous page handed out");
        }
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit " + limit + " is not between 1 and " + MAX_PAGE);
        }
        return limit;
    }

    private static String actor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("an operation needs the name of who asks for it");
        }
        return actor;
    }
}
