package io.switchboard.delivery.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.delivery.DeliveryOperations;
import io.switchboard.dispatch.IdempotentReceiver;
import io.switchboard.delivery.Sink;
import io.switchboard.delivery.internal.ops.Operations;
import io.switchboard.delivery.internal.ops.OperationsStore;
import io.switchboard.delivery.internal.store.DeliveryStore;
import io.switchboard.delivery.internal.store.IdempotentStore;
import io.switchboard.dispatch.Message;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery store at work for one configuration: opens the database (retrying with backoff while it is
 * unreachable, and saying so to {@code /health/ready}), then runs the accept path and the retransmitter, takes back
 * stale claims and removes expired rows. Offers the {@link IdempotentReceiver} and the {@link DeliveryOperations}
 * while the store is open, as instances of their DS component factories. Stopped and replaced as a whole when the
 * configuration changes.
 */
final class DeliveryEngine {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryEngine.class);
    private static final Duration HOUSEKEEPING = Duration.ofHours(1);
    private static final int PURGE_BATCH = 1000;

    private final DeliverySettings settings;
    private final ComponentFactory<IdempotentReceiver> receivers;
    private final ComponentFactory<DeliveryOperations> operations;
    private final ConnectionFactory factory;
    private final Map<String, Sink> sinks;
    private final Function<String, EndpointPolicy> policies;
    private final DeliveryMetrics metrics;
    private final Semaphore wake = new Semaphore(0);
    /** The services offered while the store is open; stop() disposes them. */
    private final List<ComponentInstance<?>> offered = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String trouble = "delivery: opening the database";
    private volatile DeliveryStore store;
    private volatile Retransmitter retransmitter;
    private HikariDataSource pool;
    private IdempotentStore idempotent;
    private OperationsStore operationsStore;
    private final List<JmsAccept> accepts = new ArrayList<>();
    private final List<Thread> acceptThreads = new ArrayList<>();
    private ScheduledExecutorService timeouts;
    /** When the accept path last stored a batch (System.nanoTime): the database answered. */
    private volatile long storedAt = System.nanoTime();
    private volatile Map<String, Long> pending = Map.of();
    private volatile long pendingAt;

    DeliveryEngine(DeliverySettings settings, ComponentFactory<IdempotentReceiver> receivers,
            ComponentFactory<DeliveryOperations> operations, ConnectionFactory factory, Map<String, Sink> sinks,
            Function<String, EndpointPolicy> policies, DeliveryMetrics metrics) {
        this.settings = settings;
        this.receivers = receivers;
        this.operations = operations;
        this.factory = factory;
        this.sinks = sinks;
        this.policies = policies;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "switchboard-delivery");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Why delivery cannot work now, or null. */
    String trouble() {
        return trouble;
    }

    String schedule(String endpoint, Message message, String orderingKey) {
        Objects.requireNonNull(message, "message");
        if (endpoint == null || !EndpointPolicy.NAME.matcher(endpoint).matches()) {
            throw new IllegalArgumentException("endpoint '" + endpoint + "' must be 1-200 letters, digits, '.', '_' or '-'");
        }
        DeliveryStore s = store;
        if (s == null) {
            throw new IllegalStateException("the delivery store is not available: " + trouble);
        }
        long id = s.outbox().schedule(endpoint, message, orderingKey, Instant.now());
        metrics.accepted(endpoint, 1);
        arrived(endpoint);
        return Long.toString(id);
    }

    /** Messages were stored for {@code endpoint}: claim for it now. */
    private void arrived(String endpoint) {
        Retransmitter r = retransmitter;
        if (r != null) {
            r.arrived(endpoint);
        }
        wake.release();
    }

    void sinkAdded(String endpoint, Sink sink) {
        Retransmitter r = retransmitter;
        if (r != null) {
            r.addSink(endpoint, sink);
            wake.release();
        }
    }

    void sinkRemoved(String endpoint, Sink sink) {
        Retransmitter r = retransmitter;
        if (r != null) {
            r.removeSink(endpoint, sink);
        }
    }

    /** Messages waiting per endpoint, counted at most every 15 s (it reads every waiting row's index entry). */
    Map<String, Long> pending() {
        DeliveryStore s = store;
        if (s != null && System.nanoTime() - pendingAt > 15_000_000_000L) {
            try {
                pending = s.pendingByEndpoint();
                pendingAt = System.nanoTime();
            } catch (RuntimeException e) {
                LOG.debug("pending counts", e);
            }
        }
        return pending;
    }

    private void run() {
        if (!open()) {
            return;
        }
        Instant nextLeaseCheck = Instant.now();
        Instant nextHousekeeping = Instant.now().plusSeconds(60);
        Duration backoff = Duration.ofMillis(500);
        while (running) {
            try {
                int flushed = retransmitter.flush();
                int started = retransmitter.pass();
                Instant now = Instant.now();
                if (now.isAfter(nextLeaseCheck)) {
                    retransmitter.releaseStaleClaims(settings.claimLease());
                    nextLeaseCheck = now.plusSeconds(10);
                }
                if (now.isAfter(nextHousekeeping)) {
                    housekeeping(now);
                    nextHousekeeping = now.plus(HOUSEKEEPING);
                }
                fine();
                backoff = Duration.ofMillis(500);
                if (started == 0 && flushed == 0 && wake.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                long failedAt = System.nanoTime();
                trouble("the retransmitter's database work failed: " + JmsAccept.rootMessage(e));
                if (!backOff(backoff, failedAt)) {
                    return;
                }
                backoff = Duration.ofMillis(Math.min(30_000, backoff.toMillis() * 2));
            }
        }
    }

    /** Opens pool and store, retrying with backoff; false when stopped first. */
    private boolean open() {
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            // Hibernate and Flyway look things up through the context class loader too: make it this bundle's
            thread.setContextClassLoader(DeliveryEngine.class.getClassLoader());
            HikariDataSource opened = null;
            try {
                opened = StorePool.open(settings);
                DeliveryStore s = new DeliveryStore(opened, settings.vendor());
                pool = opened;
                started(s);
                return true;
            } catch (RuntimeException e) {
                if (opened != null) {
                    opened.close();
                }
                String reason = JmsAccept.rootMessage(e);
                trouble("database unreachable at " + settings.safeUrl() + ": " + reason + " (retrying)");
            } finally {
                thread.setContextClassLoader(previous);
            }
            if (!sleep(backoff)) {
                return false;
            }
            backoff = Duration.ofMillis(Math.min(30_000, backoff.toMillis() * 2));
        }
        return false;
    }

    private void started(DeliveryStore s) {
        timeouts = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "switchboard-delivery-timeouts");
            t.setDaemon(true);
            return t;
        });
        Retransmitter r = new Retransmitter(s.claimer(), s.outcomes(), policies, Clock.systemUTC(), System::nanoTime,
                settings.node(), WorkerPool::new, timeouts, metrics, wake::release);
        r.releaseOwnClaims();
        sinks.forEach(r::addSink);
        retransmitter = r;
        store = s;
        operationsStore = new OperationsStore(s.sessions());
        Hashtable<String, Object> receiver = new Hashtable<>();
        receiver.put(IdempotentStore.DATA_SOURCE, pool);
        receiver.put(IdempotentStore.VENDOR, settings.vendor());
        Hashtable<String, Object> operator = new Hashtable<>();
        operator.put(Operations.STORE, operationsStore);
        operator.put(Operations.DEPLOYED, (Supplier<Set<String>>) r::deployed);
        operator.put(Operations.CIRCUIT, (Function<String, String>) r::circuit);
        operator.put(Operations.WAKE, (Runnable) () -> {
            r.arrivedAnywhere();
            wake.release();
        });
        // Under the lock stop() takes: a stop that came while the store was opening (Hibernate starts slowly) must
        // find the accept path it has to stop, or none at all; a missed one kept stop() waiting 30 s in join().
        synchronized (offered) {
            if (!running) {
                return;
            }
            ComponentInstance<IdempotentReceiver> receiverInstance = receivers.newInstance(receiver);
            offered.add(receiverInstance);
            idempotent = (IdempotentStore) receiverInstance.getInstance();
            offered.add(operations.newInstance(operator));
            // several consumers: while one waits for its commits (database, then broker) the others take messages
            for (int i = 1; i <= settings.acceptConsumers(); i++) {
                JmsAccept accept = new JmsAccept(factory, s.outbox(), r, settings.node(), metrics, this::arrived, this::trouble,
                        this::stored);
                Thread t = new Thread(accept, "switchboard-delivery-accept-" + i);
                t.setDaemon(true);
                accepts.add(accept);
                acceptThreads.add(t);
                t.start();
            }
        }
        trouble = null;
        LOG.info("Delivery store ready: {} ({}), schema validated; node {}", settings.safeUrl(), settings.vendor(),
                settings.node());
    }

    private void housekeeping(Instant now) {
        int removed = operationsStore.purgeDelivered(now.minus(settings.retention()), PURGE_BATCH);
        if (removed > 0) {
            LOG.info("Delivery retention: removed {} message(s) delivered before {}", removed,
                    now.minus(settings.retention()));
        }
        idempotent.purgeExpired(now, PURGE_BATCH);
    }

    private void trouble(String reason) {
        String previous = trouble;
        trouble = "delivery: " + reason;
        if (!trouble.equals(previous)) {
            LOG.warn("Delivery not ready: {}", reason);
        }
    }

    private void fine() {
        if (trouble != null && store != null) {
            LOG.info("Delivery ready again: the database answers");
            trouble = null;
        }
    }

    /** The accept path stored a batch: the database answers. */
    private void stored() {
        storedAt = System.nanoTime();
        fine();
    }

    /**
     * Waits {@code d} after the retransmitter's database work failed at {@code failedAt}, or less once the accept path
     * stores again: the outcomes of the messages it hands over meanwhile wait for this thread to write them.
     *
     * @return false when stopped
     */
    private boolean backOff(Duration d, long failedAt) {
        long until = failedAt + d.toNanos();
        while (running && System.nanoTime() - until < 0 && storedAt - failedAt <= 0) {
            if (!sleep(Duration.ofMillis(100))) {
                return false;
            }
        }
        return running;
    }

    private boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops everything this engine started; what is claimed stays claimed until the next start takes it back. */
    void stop() {
        running = false;
        synchronized (offered) {
            for (ComponentInstance<?> instance : offered) {
                try {
                    instance.dispose();
                } catch (IllegalStateException gone) {
                    // the bundle is stopping: already disposed
                }
            }
            offered.clear();
            accepts.forEach(JmsAccept::stop);
        }
        thread.interrupt();
        join(thread);
        acceptThreads.forEach(DeliveryEngine::join);
        if (retransmitter != null) {
            try {
                retransmitter.flush();
            } catch (RuntimeException e) {
                LOG.warn("Delivery could not record the last outcomes ({}); those messages are attempted again after "
                        + "the restart", e.toString());
            }
            retransmitter.close();
        }
        if (timeouts != null) {
            timeouts.shutdownNow();
        }
        if (store != null) {
            store.close();
        }
        if (pool != null) {
            pool.close();
        }
    }

    private static void join(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
