package io.switchboard.delivery.internal;

import io.switchboard.delivery.DeliveryResult;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the retransmitter treats one endpoint: its retry policy, how long an attempt may take, which failures are
 * permanent, how many attempts run at once, and when its circuit breaker opens.
 *
 * @param endpoint the endpoint's name
 * @param retry backoff and the number of attempts
 * @param attemptTimeout an attempt still running after this fails (transient) and its permit is freed
 * @param permanentFailures a transient failure whose reason matches one of these is permanent (e.g. {@code HTTP 4..})
 * @param concurrency attempts at once for this endpoint
 * @param breakerThreshold consecutive transient failures that open the circuit breaker
 * @param breakerOpenFor how long the breaker stays open before one probe attempt is let through
 */
public record EndpointPolicy(String endpoint, RetryPolicy retry, Duration attemptTimeout, List<Pattern> permanentFailures,
        int concurrency, int breakerThreshold, Duration breakerOpenFor) {

    /** Names endpoints may have: they are also JMS address segments and metric labels. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,200}");

    public EndpointPolicy {
        permanentFailures = List.copyOf(permanentFailures);
    }

    /**
     * The endpoint a factory configuration is for: its {@code endpoint} attribute, or else the name after '~' in its
     * PID ({@code io.switchboard.delivery.http~orders.cfg} is for "orders").
     *
     * @throws IllegalArgumentException naming the PID and the field when it is not a valid endpoint name
     */
    public static String configuredEndpoint(String attribute, java.util.Map<String, Object> properties, String factoryPid) {
        String pid = String.valueOf(properties.getOrDefault("service.pid", factoryPid));
        int tilde = pid.indexOf('~');
        String endpoint = attribute == null || attribute.isBlank() ? (tilde < 0 ? null : pid.substring(tilde + 1))
                : attribute.trim();
        if (endpoint == null || !NAME.matcher(endpoint).matches()) {
            throw new IllegalArgumentException(pid + ": endpoint = '" + endpoint + "' must be 1-200 letters, digits, "
                    + "'.', '_' or '-' (or name the file " + factoryPid + "~<endpoint>.cfg)");
        }
        return endpoint;
    }

    /** The policy of an endpoint nobody configured. */
    public static EndpointPolicy defaults(String endpoint) {
        return new EndpointPolicy(endpoint, RetryPolicy.DEFAULT, Duration.ofSeconds(30), List.of(), 4, 5,
                Duration.ofSeconds(10));
    }

    /** The sink's result, with a transient failure made permanent when its reason matches a permanent pattern. */
    public DeliveryResult classify(DeliveryResult result) {
        if (result.outcome() == DeliveryResult.Outcome.TRANSIENT_FAILURE && result.reason() != null) {
            for (Pattern p : permanentFailures) {
                if (p.matcher(result.reason()).find()) {
                    return DeliveryResult.permanentFailure(result.reason());
                }
            }
        }
        return result;
    }
}
