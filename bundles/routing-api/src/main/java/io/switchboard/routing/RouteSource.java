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
        default void receive(RouteMessage message) throws Exception {
            route(message);
        }

        /**
         * Routes one message and says what became of it: routed, or dead-lettered by the route (committed either way:
         * the source acknowledges at its end in both cases, and may tell its far side the message was refused).
         *
         * @throws Exception when a step or target failed and the message should be offered again
         */
        Routed route(RouteMessage message) throws Exception;
    }

    /**
     * What became of a message a source handed over, once the route committed.
     *
     * @param deadLettered true when the route could never pass it and put it on its dead-letter target
     * @param reason why, when dead-lettered; else null
     */
    record Routed(boolean deadLettered, String reason) {

        private static final Routed ROUTED = new Routed(false, null);

        public static Routed routed() {
            return ROUTED;
        }

        public static Routed deadLettered(String reason) {
            return new Routed(true, reason);
        }
    }
}
