package io.switchboard.delivery.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.delivery.DeliveryOperations;
import io.switchboard.delivery.DeliveryService;
import io.switchboard.delivery.Sink;
import io.switchboard.delivery.internal.ops.Operations;
import io.switchboard.delivery.internal.store.IdempotentStore;
import io.switchboard.dispatch.IdempotentReceiver;
import io.switchboard.dispatch.Message;
import io.switchboard.kernel.api.ReadinessCheck;
import jakarta.jms.ConnectionFactory;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guaranteed delivery as a service: configured by {@code io.switchboard.delivery.cfg}, it runs a
 * {@link DeliveryEngine} (store, accept path, retransmitter) over the {@link Sink} services of the endpoints
 * (whiteboard) with their {@link EndpointPolicies}. A configuration change that does not check out is refused with
 * the field named and the running engine stays; one that does replaces the engine.
 */
@Component(service = {DeliveryService.class, ReadinessCheck.class},
        configurationPid = DeliverySettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = DeliveryConfiguration.class)
public final class DeliveryComponent implements DeliveryService, ReadinessCheck {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryComponent.class);

    private final Map<String, Sink> sinks = new ConcurrentHashMap<>();
    private final Map<EndpointPolicies, Boolean> policies = new ConcurrentHashMap<>();
    private final DeliveryMetrics metrics;
    private final ConnectionFactory factory;
    private final BundleContext context;
    private final ComponentFactory<IdempotentReceiver> receivers;
    private final ComponentFactory<DeliveryOperations> operations;
    private DeliverySettings settings;
    private volatile DeliveryEngine engine;
    /** Why there is no engine: the configuration at start was refused. */
    private volatile String refused;

    @Activate
    public DeliveryComponent(BundleContext context, DeliveryConfiguration configuration,
            @Reference(target = "(name=switchboard)") ConnectionFactory factory, @Reference MeterRegistry meters,
            @Reference(target = "(component.factory=" + IdempotentStore.FACTORY + ")")
            ComponentFactory<IdempotentReceiver> receivers,
            @Reference(target = "(component.factory=" + Operations.FACTORY + ")")
            ComponentFactory<DeliveryOperations> operations) {
        this.context = context;
        this.factory = factory;
        this.receivers = receivers;
        this.operations = operations;
        this.metrics = new DeliveryMetrics(meters);
        metrics.pendingFrom(() -> {
            DeliveryEngine e = engine;
            return e == null ? Map.of() : e.pending();
        });
        try {
            settings = DeliverySettings.of(configuration, context.getProperty("switchboard.data"));
        } catch (IllegalArgumentException e) {
            // no store to keep running: stay unready with the reason until a valid configuration comes
            LOG.error("Delivery configuration refused, no store runs until it is fixed: {}", e.getMessage());
            refused = "delivery: configuration refused: " + e.getMessage();
            return;
        }
        engine = new DeliveryEngine(settings, receivers, operations, factory, sinks, this::policy, metrics);
        engine.start();
    }

    @Modified
    void modified(DeliveryConfiguration configuration) {
        DeliverySettings next;
        try {
            next = DeliverySettings.of(configuration, context.getProperty("switchboard.data"));
        } catch (IllegalArgumentException e) {
            LOG.error(engine == null ? "Delivery configuration refused, no store runs until it is fixed: {}"
                    : "Delivery configuration refused, the running store stays as it is: {}", e.getMessage());
            if (engine == null) {
                refused = "delivery: configuration refused: " + e.getMessage();
            }
            return;
        }
        if (engine != null && next.equals(settings)) {
            return;
        }
        LOG.info("Delivery configuration changed: opening the store at {}", next.safeUrl());
        if (engine != null) {
            engine.stop();
        }
        refused = null;
        settings = next;
        engine = new DeliveryEngine(next, receivers, operations, factory, sinks, this::policy, metrics);
        engine.start();
    }

    @Deactivate
    void deactivate() {
        if (engine != null) {
            engine.stop();
        }
        metrics.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, service = Sink.class)
    void addSink(Sink sink, Map<String, Object> properties) {
        Object name = properties.get(Sink.ENDPOINT);
        if (!(name instanceof String endpoint) || !EndpointPolicy.NAME.matcher(endpoint).matches()) {
            LOG.error("Delivery ignores sink {}: its {} property '{}' is not an endpoint name (use @Endpoint(name = ...), "
                    + "letters, digits, '.', '_', '-')", sink.getClass().getName(), Sink.ENDPOINT, name);
            return;
        }
        sinks.put(endpoint, sink);
        metrics.endpoint(endpoint);
        DeliveryEngine e = engine;
        if (e != null) {
            e.sinkAdded(endpoint, sink);
        }
        LOG.info("Delivery endpoint available: {}", endpoint);
    }

    void removeSink(Sink sink, Map<String, Object> properties) {
        if (properties.get(Sink.ENDPOINT) instanceof String endpoint && sinks.remove(endpoint, sink)) {
            DeliveryEngine e = engine;
            if (e != null) {
                e.sinkRemoved(endpoint, sink);
            }
            LOG.info("Delivery endpoint gone: {} (its messages wait)", endpoint);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPolicy(EndpointPolicies policy) {
        policies.put(policy, Boolean.TRUE);
    }

    void removePolicy(EndpointPolicies policy) {
        policies.remove(policy);
    }

    /** The endpoint's configured policy, or the defaults. */
    private EndpointPolicy policy(String endpoint) {
        for (EndpointPolicies p : policies.keySet()) {
            EndpointPolicy policy = p.policy();
            if (policy != null && policy.endpoint().equals(endpoint)) {
                return policy;
            }
        }
        return EndpointPolicy.defaults(endpoint);
    }

    @Override
    public String schedule(String endpoint, Message message) {
        return schedule(endpoint, message, null);
    }

    @Override
    public String schedule(String endpoint, Message message, String orderingKey) {
        DeliveryEngine e = engine;
        if (e == null) {
            throw new IllegalStateException("the delivery store is not running: " + refused);
        }
        return e.schedule(endpoint, message, orderingKey);
    }

    @Override
    public Optional<String> notReadyReason() {
        DeliveryEngine e = engine;
        return Optional.ofNullable(e == null ? refused : e.trouble());
    }
}
