package io.switchboard.delivery;

import io.switchboard.dispatch.Message;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An endpoint outside the broker (an HTTP service, a bridge, a program), registered as a whiteboard service with
 * {@link Endpoint}. The retransmitter calls it with one stored message at a time per permit and records what it
 * reports; a thrown exception counts as a transient failure.
 */
@ConsumerType
public interface Sink {

    /** Service property: the endpoint's name, as used by {@link DeliveryService#schedule} and the JMS address. */
    String ENDPOINT = "switchboard.endpoint.name";

    /**
     * Delivers one message.
     *
     * @return delivered, or a transient failure (retried per the endpoint's policy), or a permanent one (dead)
     */
    DeliveryResult deliver(Message message) throws Exception;
}
