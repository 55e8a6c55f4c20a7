package io.switchboard.kernel.api;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The destinations of the platform's embedded broker, for operators: what is queued where, what a message says,
 * and the remedies (purge, retry dead letters, move, send a test message). Registered by the kernel only when it
 * runs the broker itself ({@code broker.mode = embedded}); a remote broker's destinations are managed with that
 * broker's own tools, and then no {@code BrokerAdmin} service exists.
 *
 * <p>Every method naming a queue throws {@link NoSuchElementException} (its message names the queue) when there is
 * no such queue, and {@link IllegalArgumentException} for an argument it refuses, saying which. A failure inside
 * the broker is an {@link IllegalStateException} carrying the broker's reason.
 */
@ProviderType
public interface BrokerAdmin {

    /** Every queue but the broker's internal ones, sorted by name. */
    List<QueueInfo> queues();

    /** Every address but the broker's own (internal, {@code activemq.*}), sorted by name, with or without queues. */
    List<BrokerAddress> addresses();

    /**
     * The first {@code limit} messages waiting in a queue, in delivery order, without consuming them. Messages
     * handed to a consumer and not yet acknowledged, and scheduled messages, are not among them.
     *
     * @param limit at least 1
     */
    List<BrowsedMessage> browse(String queue, int limit);

    /**
     * Deletes every message waiting in the queue; messages a consumer holds unacknowledged are left to it.
     *
     * @return how many messages were deleted
     */
    long purge(String queue);

    /**
     * Sends each message of a dead-letter queue back to the queue it was dead-lettered from (its
     * {@code _AMQ_ORIG_ADDRESS} and {@code _AMQ_ORIG_QUEUE}), as Artemis's {@code retryMessages} does. Messages
     * that carry no origin stay where they are.
     *
     * @return how many messages were sent back
     */
    int retry(String deadLetterQueue);

    /**
     * Sends one message of a queue back to its origin, as {@link #retry(String)} does for all.
     *
     * @return 1 when it was sent back; 0 when the queue holds no message with that id or it has no origin
     */
    int retry(String queue, long messageId);

    /**
     * Moves every message of a queue to an address, as if sent there: each queue bound to it gets it by its
     * routing type.
     *
     * @param toAddress an existing address with at least one queue (a message moved where no queue takes it
     *                  would be lost, so that is refused with {@link IllegalArgumentException}); not the address
     *                  of {@code queue} itself
     * @return how many messages were moved
     * @throws NoSuchElementException when the queue or the address does not exist
     */
    int move(String queue, String toAddress);

    /**
     * Sends a test message: a text message any JMS client reads as a {@code TextMessage}, with string
     * properties, from the kernel's own account.
     *
     * @param address     an existing address (a test message never creates one)
     * @param routingType {@code ANYCAST} or {@code MULTICAST}; null takes the address's own (ANYCAST when it has
     *                    both). One the address does not have is refused.
     * @param properties  JMS property names (Java identifiers) to values; null for none
     * @param durable     persistent ({@code true}) or not
     * @throws NoSuchElementException when the address does not exist
     */
    void send(String address, String routingType, String body, Map<String, String> properties, boolean durable);
}
