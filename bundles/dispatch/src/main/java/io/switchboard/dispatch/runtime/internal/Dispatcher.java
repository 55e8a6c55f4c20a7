package io.switchboard.dispatch.runtime.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.dispatch.DispatchTable;
import io.switchboard.dispatch.HandlerInfo;
import io.switchboard.dispatch.IdempotentReceiver;
import io.switchboard.dispatch.MessageHandler;
import io.switchboard.dispatch.Wire;
import io.switchboard.kernel.api.ReadinessCheck;
import jakarta.jms.ConnectionFactory;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher: tracks every {@link MessageHandler} (whiteboard), consumes {@code switchboard.dispatch} with
 * the configured number of consumers, parks what nobody understands and publishes the handler table and
 * metrics. Handlers come and go while it runs; it never restarts for them. Handlers marked idempotent are
 * guarded by the {@link IdempotentReceiver} service when there is one; without it their messages are parked. The
 * platform is not ready while no consumer takes messages ({@link #notReadyReason}).
 */
@Component(service = {DispatchTable.class, ReadinessCheck.class},
        configurationPid = Dispatcher.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = DispatcherConfiguration.class)
public final class Dispatcher implements DispatchTable, ReadinessCheck {

    static final String PID = "io.switchboard.dispatch";
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final HandlerIndex index = new HandlerIndex();
    private final DispatchMetrics metrics;
    /** A handler busy this long has its consumer's prefetched messages given back to the queue. */
    private static final long SLOW_MILLIS = 100;

    /** The live consumers and their threads; an abandoned one (its handler overran) leaves this map. */
    private final Map<DispatchConsumer, Thread> consumers = new ConcurrentHashMap<>();
    private final AtomicInteger started = new AtomicInteger();

    private final ConnectionFactory factory;

    private volatile ParkingLot parking;
    /** The idempotent receiver, or null: then idempotent handlers' messages are parked. */
    private volatile IdempotentGate idempotence;
    private DispatchSettings settings;
    private DeadLetters deadLetters;
    private ScheduledExecutorService watchdog;

    @Activate
    public Dispatcher(@Reference(target = "(name=switchboard)") ConnectionFactory factory,
            @Reference MeterRegistry meters) {
        this.factory = factory;
        this.metrics = new DispatchMetrics(meters);
    }

    @Activate
    void activate(DispatcherConfiguration configuration) {
        settings = validate(configuration, "the dispatcher does not start");
        start();
    }

    /**
     * A changed configuration restarts the consumers with it; a configuration that does not validate is refused
     * and the dispatcher keeps running as it was, so a broken .cfg in deploy/ never stops dispatch.
     */
    @Modified
    void modified(DispatcherConfiguration configuration) {
        DispatchSettings next;
        try {
            next = validate(configuration, "the dispatcher keeps running with its previous configuration");
        } catch (IllegalArgumentException refused) {
            return;
        }
        stop();
        settings = next;
        start();
    }

    private static DispatchSettings validate(DispatcherConfiguration configuration, String consequence) {
        try {
            return DispatchSettings.of(configuration);
        } catch (IllegalArgumentException e) {
            String problem = e.getMessage().startsWith(PID) ? e.getMessage() : PID + ": " + e.getMessage();
            LOG.error("Dispatch configuration refused ({}): {}", consequence, problem);
            throw new IllegalArgumentException(problem, e);
        }
    }

    private void start() {
        deadLetters = new DeadLetters(settings.deadLetterQueue(), metrics);
        parking = new ParkingLot(factory, settings, deadLetters, metrics);
        for (int i = 0; i < settings.consumers(); i++) {
            startConsumer();
        }
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-dispatch-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            consumers.keySet().forEach(c -> c.watch(now, SLOW_MILLIS));
        }, 10, 10, TimeUnit.MILLISECONDS);
        parking.start();
        // only the types a handler understands: a restart does not churn the whole parking lot
        List<String> handled = index.all().stream().filter(e -> !e.idempotent || idempotence != null)
                .flatMap(e -> e.types.stream()).distinct().toList();
        if (!handled.isEmpty()) {
            parking.handlersAdded(handled);
        }
        LOG.info("Dispatch started: {} consumer(s) on {}, {} handler(s), dead letters to {}", settings.consumers(),
                Wire.DISPATCH_QUEUE, index.all().size(), settings.deadLetterQueue());
    }

    private void startConsumer() {
        DispatchConsumer[] self = new DispatchConsumer[1];
        self[0] = new DispatchConsumer(factory, settings, index, parking, deadLetters, metrics, () -> idempotence,
                () -> {
                    consumers.remove(self[0]);
                    startConsumer();
                });
        Thread thread = new Thread(self[0], "switchboard-dispatch-" + started.incrementAndGet());
        thread.setDaemon(true); // an abandoned one may never return from its handler
        // never expected (a consumer survives its messages' errors); if it happens it is said and readiness shows it
        thread.setUncaughtExceptionHandler((t, e) -> {
            consumers.remove(self[0]); // still alive while this runs: it must not count as live
            LOG.error("Dispatch consumer {} ended by {}; {} of {} consumers take messages", t.getName(), e,
                    liveConsumers(), settings.consumers(), e);
        });
        consumers.put(self[0], thread);
        thread.start();
    }

    @Deactivate
    void deactivate() {
        stop();
        metrics.close();
    }

    private void stop() {
        watchdog.shutdownNow();
        consumers.keySet().forEach(DispatchConsumer::stop);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // drain: let handlers in flight finish
        for (Thread t : consumers.values()) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        consumers.clear();
        parking.stop();
        LOG.info("Dispatch stopped");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            service = MessageHandler.class)
    void addHandler(ServiceReference<MessageHandler> reference, MessageHandler handler, Map<String, Object> properties) {
        HandlerEntry entry = new HandlerEntry(handler, properties, reference.getBundle().getSymbolicName(),
                reference.getBundle().getBundleId(), null);
        if (entry.types.isEmpty()) {
            LOG.error("Dispatch ignores handler {} of bundle {}: it declares no {} (use @Handles(type = ...))",
                    entry.name, entry.bundle, MessageHandler.TYPE);
            return;
        }
        List<String> invalid = entry.types.stream().filter(t -> !io.switchboard.dispatch.Message.isValidType(t)).toList();
        if (!invalid.isEmpty()) {
            LOG.error("Dispatch ignores handler {} of bundle {}: {} {} is not a dot-separated type name", entry.name,
                    entry.bundle, MessageHandler.TYPE, invalid);
            return;
        }
        entry = new HandlerEntry(handler, properties, entry.bundle, entry.bundleId, metrics.forHandler(entry.name));
        index.add(entry);
        LOG.info("Dispatch handler registered: {} {} -> {} (ranking {}, service {})", entry.types,
                entry.operations.isEmpty() ? "all operations" : entry.operations, entry.label(), entry.ranking,
                entry.serviceId);
        if (entry.idempotent && idempotence == null) {
            LOG.warn("Dispatch parks the messages of idempotent handler {} {}: there is no IdempotentReceiver service "
                    + "(install the switchboard-delivery feature); they are dispatched when one arrives",
                    entry.label(), entry.types);
            return;
        }
        ParkingLot lot = parking;
        if (lot != null) {
            lot.handlersAdded(entry.types);
        }
    }

    void removeHandler(ServiceReference<MessageHandler> reference) {
        HandlerEntry removed = index.remove((Long) reference.getProperty("service.id"));
        if (removed != null) {
            LOG.info("Dispatch handler unregistered: {} -> {}", removed.types, removed.label());
        }
    }

    /**
     * The idempotent receiver arrived: idempotent handlers' parked messages go back to dispatch. The dynamic
     * reference lets dispatch run without the delivery feature.
     */
    @Reference(service = IdempotentReceiver.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindIdempotentReceiver(IdempotentReceiver receiver) {
        idempotence = new IdempotentGate(receiver);
        List<String> types = idempotentTypes();
        LOG.info("Dispatch idempotent receiver available; idempotent handlers run for {}", types);
        ParkingLot lot = parking;
        if (lot != null && !types.isEmpty()) {
            lot.handlersAdded(types);
        }
    }

    void unbindIdempotentReceiver(IdempotentReceiver receiver) {
        IdempotentGate gate = idempotence;
        if (gate == null || !gate.wraps(receiver)) {
            return; // replaced by a better one already
        }
        idempotence = null;
        List<String> types = idempotentTypes();
        if (!types.isEmpty()) {
            LOG.warn("Dispatch idempotent receiver gone: messages of {} are parked until it is back", types);
        }
    }

    private List<String> idempotentTypes() {
        return index.all().stream().filter(e -> e.idempotent).flatMap(e -> e.types.stream()).distinct().toList();
    }

    @Override
    public List<HandlerInfo> handlers() {
        return index.all().stream().map(HandlerEntry::info)
                .sorted(Comparator.comparing((HandlerInfo h) -> String.join(",", h.types()))
                        .thenComparing(h -> -h.ranking()))
                .toList();
    }

    @Override
    public Optional<HandlerInfo> resolve(String type, String operation) {
        return Optional.ofNullable(index.resolve(type, operation)).map(HandlerEntry::info);
    }

    @Override
    public Map<String, Long> parked() {
        ParkingLot lot = parking;
        return lot == null ? Map.of() : lot.counts();
    }

    @Override
    public int redispatch(String type) {
        ParkingLot lot = parking;
        return lot == null ? 0 : lot.unpark(List.of(type));
    }

    /** Not ready while no consumer takes messages from {@code switchboard.dispatch}: requests would go unanswered. */
    @Override
    public Optional<String> notReadyReason() {
        return liveConsumers() > 0 ? Optional.empty() : Optional.of("dispatch: no consumer takes messages from "
                + Wire.DISPATCH_QUEUE + " (0 of " + settings.consumers() + " live; see the log)");
    }

    private long liveConsumers() {
        return consumers.entrySet().stream().filter(e -> e.getValue().isAlive() && e.getKey().live()).count();
    }
}
