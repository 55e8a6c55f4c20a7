package io.switchboard.kernel.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.activemq.artemis.core.server.metrics.ActiveMQMetricsPlugin;

/**
 * Hands the platform's registry to the embedded broker, which registers its own meters on it (queue depths, message
 * counts, connections, journal). Artemis's plugins make a registry of their own in {@code init}; this one is given
 * the kernel's, so the broker's meters sit beside the JVM's and the bundles' in one scrape.
 */
public final class BrokerMetricsPlugin implements ActiveMQMetricsPlugin {

    private static final long serialVersionUID = 1L;

    /** Not serialized: Artemis declares plugins Serializable, but the kernel never ships its configuration. */
    private final transient MeterRegistry registry;

    public BrokerMetricsPlugin(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ActiveMQMetricsPlugin init(Map<String, String> options) {
        return this;
    }

    @Override
    public MeterRegistry getRegistry() {
        return registry;
    }
}
