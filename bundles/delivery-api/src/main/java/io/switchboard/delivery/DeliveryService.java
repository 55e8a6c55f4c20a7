package io.switchboard.delivery;

import io.switchboard.dispatch.Message;
import org.osgi.annotation.versioning.ProviderType;

/** Accepts messages for guaranteed delivery to an endpoint. Thread-safe. */
@ProviderType
public interface DeliveryService {

    /**
     * Stores the message for {@code endpoint} and returns once it is committed: from then on it is delivered or
     * dead-lettered, across restarts. Scheduling the same message id twice for one endpoint stores it once.
     *
     * @param endpoint an endpoint name; one that is not deployed yet is allowed (the message waits)
     * @return the stored message's id
     */
    String schedule(String endpoint, Message message);

    /**
     * As {@link #schedule(String, Message)}, delivered in order with the other messages of {@code orderingKey}:
     * a failing message holds back only the later messages with its key.
     */
    String schedule(String endpoint, Message message, String orderingKey);
}
