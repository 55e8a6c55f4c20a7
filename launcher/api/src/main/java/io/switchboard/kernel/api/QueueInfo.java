package io.switchboard.kernel.api;

/**
 * A snapshot of one broker queue, as {@link BrokerAdmin#queues()} reads it. Counters are the broker's since it
 * started (they are not persisted): a console computes rates from two snapshots.
 *
 * @param name                 the queue's name
 * @param address              the address it is bound to (for an anycast queue usually its own name)
 * @param routingType          {@code ANYCAST} (point to point) or {@code MULTICAST} (a subscription of a topic)
 * @param durable              whether the queue survives a broker restart
 * @param temporary            whether it is a temporary queue (a JMS temporary queue, a reply queue)
 * @param deadLetter           whether it holds dead letters: its address is the dead-letter address of some
 *                             address's settings ({@code DLQ} by default)
 * @param depth                messages in the queue, including those being delivered and scheduled ones
 * @param consumers            consumers attached now
 * @param messagesAdded        messages added since the broker started
 * @param messagesAcknowledged messages acknowledged since the broker started
 * @param delivering           messages delivered to a consumer and not yet acknowledged
 * @param scheduled            messages scheduled for later delivery
 */
public record QueueInfo(String name, String address, String routingType, boolean durable, boolean temporary,
        boolean deadLetter, long depth, int consumers, long messagesAdded, long messagesAcknowledged,
        int delivering, long scheduled) {
}
