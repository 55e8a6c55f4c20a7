package io.switchboard.delivery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.delivery.DeliveryResult;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointPoliciesTest {

    private static final Map<String, Object> PID = Map.of("service.pid", "io.switchboard.delivery.endpoint~orders");

    /** The defaults, with {@code overrides} by attribute name, as DS would hand them over. */
    private static EndpointConfiguration config(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of("endpoint", "", "maxAttempts", 10, "initialDelay", "1s",
                "multiplier", "2", "maxDelay", "10m", "jitter", "0.2", "attemptTimeout", "30s",
                "permanentFailures", new String[0], "concurrency", 4, "breakerThreshold", 5));
        values.put("breakerOpenFor", "10s");
        values.putAll(overrides);
        return (EndpointConfiguration) Proxy.newProxyInstance(EndpointConfiguration.class.getClassLoader(),
                new Class<?>[] {EndpointConfiguration.class}, (p, m, a) -> values.get(m.getName()));
    }

    @Test
    void theEndpointIsTheNameAfterTheTildeAndTheValuesAreParsed() {
        EndpointPolicy p = EndpointPolicies.parse(config(Map.of("maxAttempts", 0, "initialDelay", "250ms",
                "permanentFailures", new String[] {"HTTP 4\\d\\d"})), PID);
        assertEquals("orders", p.endpoint());
        assertTrue(p.retry().allowsAnother(1_000_000), "0 attempts means forever");
        assertEquals(Duration.ofMillis(250), p.retry().initialDelay());
        assertEquals(DeliveryResult.Outcome.PERMANENT_FAILURE,
                p.classify(DeliveryResult.transientFailure("HTTP 404 Not Found")).outcome());
        assertEquals(DeliveryResult.Outcome.TRANSIENT_FAILURE,
                p.classify(DeliveryResult.transientFailure("HTTP 503")).outcome());
    }

    @Test
    void eachBadValueIsRefusedNamingItsField() {
        Map<String, Object> bad = Map.of("multiplier", "fast", "initialDelay", "soon", "jitter", "2",
                "permanentFailures", new String[] {"HTTP ("}, "concurrency", 0, "attemptTimeout", "0s",
                "endpoint", "no spaces", "maxDelay", "10ms");
        for (Map.Entry<String, Object> e : bad.entrySet()) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                    () -> EndpointPolicies.parse(config(Map.of(e.getKey(), e.getValue())), PID), e.getKey());
            assertTrue(x.getMessage().startsWith("io.switchboard.delivery.endpoint~orders: "), x.getMessage());
            assertTrue(x.getMessage().contains(e.getKey() + " = "), e.getKey() + ": " + x.getMessage());
        }
    }
}
