package io.switchboard.dispatch;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends messages to whatever handler understands them, from inside the container. Thread-safe.
 *
 * <p>The returned stage completes according to the {@link Delivery}: with the sent message for
 * {@code FIRE_AND_FORGET} and {@code STORED}, with the handler's acknowledgement or reply for {@code PROCESSED}
 * and {@code REQUEST_REPLY}. It fails with {@link DispatchException} when the handler answered with an error and
 * with {@link java.util.concurrent.TimeoutException} when nothing came back in time. A reply that comes after
 * the timeout, or after this container restarted, is not dropped: it is dispatched as a message of the type in
 * the request's {@link Wire#LATE_REPLY_TYPE} header if there is one, else kept on the queue
 * {@link Wire#LATE_REPLIES}.
 */
@ProviderType
public interface Messenger {

    /** Sends with the given delivery and the default timeout (30 s, configurable). */
    CompletionStage<Message> send(Message message, Delivery delivery);

    /** Sends with the given delivery, waiting at most {@code timeout} for an acknowledgement or reply. */
    CompletionStage<Message> send(Message message, Delivery delivery, Duration timeout);

    /** Request/reply: the handler's reply, or a failure; see the class description. */
    default CompletionStage<Message> request(Message message, Duration timeout) {
        return send(message, Delivery.REQUEST_REPLY, timeout);
    }
}
