package io.switchboard.dispatch;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Handles the messages of the types it declares. Register it as a service, normally a DS component annotated
 * with {@link Handles}; the dispatcher tracks every handler and picks one per message: the most specific
 * declared type wins ({@code shape.circle} before {@code shape}), then the highest {@code service.ranking},
 * then the oldest service. A handler that declares operations sees only those operations.
 *
 * <p>What {@link #handle} returns becomes the reply when the sender asked for one: {@code null} (or a
 * {@code void}-like result) replies with an empty body, a {@link Message} is sent as it is, a {@code byte[]} or
 * {@code String} as the body, any other object encoded as JSON. A {@link java.util.concurrent.CompletionStage}
 * is awaited (up to the handler timeout) and its value treated the same way.
 *
 * <p>Throwing asks for a retry with backoff; after the configured attempts the message goes to the dead-letter
 * queue with the exception in its headers. Throw {@link RejectedMessageException} for a message that can never
 * succeed (no retry), and let {@link Message#body(Class)} throw {@link PayloadException} for a body that does
 * not decode.
 */
@ConsumerType
public interface MessageHandler {

    /** Service property: the types this handler understands (String or String[]). Required. */
    String TYPE = "switchboard.handler.type";
    /** Service property: the operations it understands (String or String[]); absent or empty means all. */
    String OPERATIONS = "switchboard.handler.operations";
    /** Service property: how many messages it handles at once, at most; 0 or absent means no own limit. */
    String CONCURRENCY = "switchboard.handler.concurrency";
    /** Service property: how long one message may take, in milliseconds; 0 or absent means the dispatcher's default. */
    String TIMEOUT = "switchboard.handler.timeout";
    /**
     * Service property: {@code true} asks the dispatcher to call this handler once per message id
     * ({@link Wire#MESSAGE_ID}, else the JMS message id), using the platform's idempotent receiver
     * ({@link IdempotentReceiver}, provided by the delivery feature). The id is recorded before the call; a message whose id
     * was recorded before is acknowledged without calling the handler (metric
     * {@code switchboard_dispatch_duplicates_total}; a sender waiting for a reply gets an empty ok reply). When the
     * call fails, the id is forgotten so the retry is handled. A crash during the call leaves the id recorded: the
     * broker's redelivery is then taken for a duplicate. Records are kept for the dispatcher's
     * {@code idempotentKeepFor} (7 days by default).
     *
     * <p>While no idempotent receiver is available (the delivery feature is not installed, or its database is
     * down at start), the handler is never called unchecked: its messages are parked, as if it were not deployed
     * yet, with a WARN log line saying why, and dispatched when the receiver arrives. They are not given to
     * another, less specific handler.
     */
    String IDEMPOTENT = "switchboard.handler.idempotent";
    /**
     * Service property: the name the idempotent receiver remembers this handler's messages under; absent means
     * {@code component.name}, else the handler's class name. It must stay the same across restarts and be shared
     * by the copies of one handler on several nodes; give two handlers the same name to have them share one memory.
     */
    String CONSUMER = "switchboard.handler.consumer";

    /**
     * Handles one message.
     *
     * @param message the message, never {@code null}
     * @return the reply value, a {@link Message}, a {@link java.util.concurrent.CompletionStage} of either, or null
     * @throws Exception to ask for a retry; see the class description
     */
    Object handle(Message message) throws Exception;
}
