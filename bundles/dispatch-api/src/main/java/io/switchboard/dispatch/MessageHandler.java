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
     * Handles one message.
     *
     * @param message the message, never {@code null}
     * @return the reply value, a {@link Message}, a {@link java.util.concurrent.CompletionStage} of either, or null
     * @throws Exception to ask for a retry; see the class description
     */
    Object handle(Message message) throws Exception;
}
