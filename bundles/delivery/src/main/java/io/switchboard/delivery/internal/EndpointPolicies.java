package io.switchboard.delivery.internal;

import io.switchboard.kernel.api.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One endpoint's policy from its factory configuration ({@code io.switchboard.delivery.endpoint~<endpoint>.cfg}). An
 * invalid one fails the activation with the field named: the deployer shows the file FAILED and puts the previous
 * configuration back. A change re-creates the component (no {@code @Modified}, whose refusal nobody would see).
 */
@Component(service = EndpointPolicies.class, configurationPid = EndpointPolicies.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = EndpointConfiguration.class, factory = true)
public final class EndpointPolicies {

    static final String FACTORY_PID = "io.switchboard.delivery.endpoint";
    private static final Logger LOG = LoggerFactory.getLogger(EndpointPolicies.class);

    private volatile EndpointPolicy policy;

    @Activate
    void activate(EndpointConfiguration configuration, Map<String, Object> properties) {
        try {
            policy = parse(configuration, properties);
        } catch (IllegalArgumentException e) {
            LOG.error("Delivery endpoint configuration refused: {}", e.getMessage());
            throw e;
        }
        LOG.info("Delivery endpoint policy for {}: {}", policy.endpoint(), describe(policy));
    }

    public EndpointPolicy policy() {
        return policy;
    }

    static EndpointPolicy parse(EndpointConfiguration c, Map<String, Object> properties) {
        String pid = String.valueOf(properties.getOrDefault("service.pid", FACTORY_PID));
        String endpoint = EndpointPolicy.configuredEndpoint(c.endpoint(), properties, FACTORY_PID);
        String where = pid + ": ";
        if (c.maxAttempts() < 0) {
            throw new IllegalArgumentException(where + "maxAttempts = " + c.maxAttempts() + " must be 0 (forever) or more");
        }
        Duration initialDelay = duration(where, "initialDelay", c.initialDelay());
        Duration maxDelay = duration(where, "maxDelay", c.maxDelay());
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException(where + "maxDelay = '" + c.maxDelay() + "' is shorter than initialDelay = '"
                    + c.initialDelay() + "'");
        }
        double multiplier = number(where, "multiplier", c.multiplier());
        if (multiplier < 1) {
            throw new IllegalArgumentException(where + "multiplier = '" + c.multiplier() + "' must be at least 1");
        }
        double jitter = number(where, "jitter", c.jitter());
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException(where + "jitter = '" + c.jitter() + "' must be 0 to 1");
        }
        RetryPolicy retry = new RetryPolicy(c.maxAttempts(), initialDelay, multiplier, maxDelay, jitter);
        Duration timeout = duration(where, "attemptTimeout", c.attemptTimeout());
        if (timeout.isZero()) {
            throw new IllegalArgumentException(where + "attemptTimeout = '" + c.attemptTimeout() + "' must be more than 0");
        }
        List<Pattern> permanent = new ArrayList<>();
        for (String p : c.permanentFailures()) {
            if (p.isBlank()) {
                continue;
            }
            try {
                permanent.add(Pattern.compile(p.trim()));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + "permanentFailures = '" + p + "' is not a regular expression: "
                        + e.getDescription());
            }
        }
        if (c.concurrency() < 1) {
            throw new IllegalArgumentException(where + "concurrency = " + c.concurrency() + " must be at least 1");
        }
        if (c.breakerThreshold() < 1) {
            throw new IllegalArgumentException(where + "breakerThreshold = " + c.breakerThreshold()
                    + " must be at least 1");
        }
        return new EndpointPolicy(endpoint, retry, timeout, permanent, c.concurrency(), c.breakerThreshold(),
                duration(where, "breakerOpenFor", c.breakerOpenFor()));
    }

    static String describe(EndpointPolicy p) {
        RetryPolicy r = p.retry();
        return (r.maxAttempts() == 0 ? "forever" : r.maxAttempts() + " attempts") + ", delay " + r.initialDelay()
                + " x" + r.multiplier() + " up to " + r.maxDelay() + ", timeout " + p.attemptTimeout() + ", concurrency "
                + p.concurrency() + ", breaker after " + p.breakerThreshold() + " failures for " + p.breakerOpenFor();
    }

    private static Duration duration(String where, String field, String value) {
        try {
            return Durations.parse(field, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage());
        }
    }

    private static double number(String where, String field, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(where + field + " = '" + value + "' is not a number");
        }
    }
}
