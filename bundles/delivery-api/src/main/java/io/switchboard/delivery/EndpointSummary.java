package io.switchboard.delivery;

/**
 * An endpoint as operators see it.
 *
 * @param name its name
 * @param deployed whether a {@link Sink} for it is registered
 * @param circuit its circuit breaker's state (e.g. {@code CLOSED}, {@code OPEN}), or null when it has none
 * @param pending messages waiting
 * @param inFlight messages being attempted
 * @param dead dead messages
 */
public record EndpointSummary(String name, boolean deployed, String circuit, long pending, long inFlight, long dead) {
}
