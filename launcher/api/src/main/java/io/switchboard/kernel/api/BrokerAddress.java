package io.switchboard.kernel.api;

import java.util.List;

/**
 * A snapshot of one broker address, as {@link BrokerAdmin#addresses()} reads it. An address without queues (a topic
 * nobody subscribes to) still shows here, with the messages it could route nowhere.
 *
 * @param name         the address
 * @param routingTypes {@code ANYCAST} and/or {@code MULTICAST}
 * @param queues       queues bound to it now
 * @param routed       messages it routed to at least one queue since the broker started
 * @param unrouted     messages sent to it that reached no queue bound to it since the broker started: dropped, or
 *                     taken elsewhere by an exclusive divert (as {@code switchboard.deliver.*} are)
 * @param temporary    whether it is a temporary address
 */
public record BrokerAddress(String name, List<String> routingTypes, int queues, long routed, long unrouted,
        boolean temporary) {

    public BrokerAddress {
        routingTypes = List.copyOf(routingTypes);
    }
}
