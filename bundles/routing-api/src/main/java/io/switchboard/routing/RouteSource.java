package io.switchboard.routing;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A whiteboard service through which a bridge offers routes a source: a route's {@code from: <scheme>:...} with the
 * scheme in the service property {@value #SCHEME} takes its messages from it. A route whose source scheme no service
 * offers waits (state {@link RouteInfo.State#WAITING}) until one is registered, and waits again when it goes.
 *
 * <p>The source decides when a message counts as taken: {@link Receiver#receive} returns once every step and every
 * target has succeeded and the route's sends are committed; the source then acknowledges at its end (an HTTP 200, a
 * file moved away). When it throws, the source keeps the message and offers it again in its own time.
 */
@ConsumerType
public interface RouteSource {

    /** Service property: the URI scheme this source takes, e.g. {@code file}. */
    String SCHEME = "switchboard.route.scheme";

    /**
     * Starts handing the messages of {@code uri} to {@code receiver}, from threads of the source's own.
     *
     * @return closes the source: no more calls to the receiver once {@code close} has returned
     */
    AutoCloseable open(String uri, Receiver receiver) throws Exception;

    /** Where a source hands its messages. Thread-safe. */
    @ProviderType
    interface Receiver {

        /**
         * Routes one message.
         *
         * @throws Exception when a step or target failed and the message should be offered again; a message that can
         *     never pass (a body an expression cannot read, a loop) is dead-lettered by the route instead, and this
         *     returns normally
         */
        void receive(RouteMessage message) throws Exception;
    }
}
