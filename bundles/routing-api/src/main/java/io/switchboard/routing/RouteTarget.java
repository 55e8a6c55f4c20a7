package io.switchboard.routing;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard service through which a bridge offers routes a target: a route's {@code to: <scheme>:...} with the
 * scheme in the service property {@value #SCHEME} sends through it. A route whose targets include a scheme no service
 * offers waits (state {@link RouteInfo.State#WAITING}, messages stay at its source) until one is registered.
 *
 * <p>The guarantee is at least once: the target is called when its step runs, before the route's transaction
 * commits; a failure of this or a later step makes the route try the message again, and the target sees it again.
 * A target that must see each message once deduplicates (the delivery bundle's {@code IdempotentReceiver}), or the
 * route sends to {@code deliver:<endpoint>} instead, which is exactly once into the delivery store.
 */
@ConsumerType
public interface RouteTarget {

    /** Service property: the URI scheme this target takes, e.g. {@code http}. */
    String SCHEME = "switchboard.route.scheme";

    /**
     * Sends one message.
     *
     * @param uri the target URI as the route file has it, e.g. {@code http://erp.local/orders}
     * @throws PermanentFailure when the message can never be sent as it is (the far end refused it for good): the
     *     route dead-letters it at once with the reason
     * @throws Exception when it could not: the route retries the message with backoff, then dead-letters it with
     *     this exception's message as the reason
     */
    void send(String uri, RouteMessage message) throws Exception;
}
