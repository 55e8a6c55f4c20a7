package io.switchboard.delivery.internal.sinks;

import io.switchboard.delivery.DeliveryResult;
import io.switchboard.delivery.internal.EndpointPolicy;
import io.switchboard.dispatch.Message;
import io.switchboard.kernel.api.Durations;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An endpoint for trying delivery out and for tests: it logs each message it receives, and can be down or fail a share
 * of attempts at random, changed at runtime by editing its configuration.
 */
@Component(service = {}, configurationPid = TestSink.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TestSinkConfiguration.class, factory = true)
public final class TestSink extends ConfiguredSink {

    static final String FACTORY_PID = "io.switchboard.delivery.test";
    private static final Logger LOG = LoggerFactory.getLogger(TestSink.class);

    record Behaviour(String endpoint, boolean down, double failureRate, Duration latency, boolean log) {
    }

    private final Behaviour behaviour;

    /** An invalid configuration fails the activation (shown FAILED by the deployer); a change re-creates the sink. */
    @Activate
    public TestSink(BundleContext context, TestSinkConfiguration configuration, Map<String, Object> properties) {
        super(context);
        try {
            behaviour = parse(configuration, properties);
        } catch (IllegalArgumentException e) {
            LOG.error("Delivery test endpoint refused: {}", e.getMessage());
            throw e;
        }
        registerAs(behaviour.endpoint());
        LOG.info("Delivery test endpoint {}: {}, failure rate {}, latency {}", behaviour.endpoint(),
                behaviour.down() ? "down" : "up", behaviour.failureRate(), behaviour.latency());
    }

    @Deactivate
    void deactivate() {
        unregister();
    }

    @Override
    public DeliveryResult deliver(Message message) throws InterruptedException {
        Behaviour b = behaviour;
        if (!b.latency().isZero()) {
            Thread.sleep(b.latency().toMillis());
        }
        if (b.down()) {
            return DeliveryResult.transientFailure("test endpoint " + b.endpoint() + " is down");
        }
        if (b.failureRate() > 0 && ThreadLocalRandom.current().nextDouble() < b.failureRate()) {
            return DeliveryResult.transientFailure("test endpoint " + b.endpoint() + " failed at random");
        }
        if (b.log()) {
            LOG.info("Test endpoint {} received message {} ({}, {} bytes)", b.endpoint(), message.id(), message.type(),
                    message.bodyBytes().length);
        }
        return DeliveryResult.delivered();
    }

    static Behaviour parse(TestSinkConfiguration c, Map<String, Object> properties) {
        String pid = String.valueOf(properties.getOrDefault("service.pid", FACTORY_PID));
        String endpoint = EndpointPolicy.configuredEndpoint(c.endpoint(), properties, FACTORY_PID);
        double rate;
        try {
            rate = Double.parseDouble(c.failureRate().trim());
        } catch (NumberFormatException e) {
            rate = -1;
        }
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(pid + ": failureRate = '" + c.failureRate() + "' must be a number 0 to 1");
        }
        Duration latency;
        try {
            latency = Durations.parse("latency", c.latency());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(pid + ": " + e.getMessage());
        }
        return new Behaviour(endpoint, c.down(), rate, latency, c.log());
    }
}
