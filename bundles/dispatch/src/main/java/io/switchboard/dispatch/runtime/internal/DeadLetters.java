package io.switchboard.dispatch.runtime.internal;

import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.Wire;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends a copy of a message to the dead-letter queue with why, and tells the sender when it waits for a reply. */
final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_TEXT = 2000;

    private final String queue;
    private final DispatchMetrics metrics;

    DeadLetters(String queue, DispatchMetrics metrics) {
        this.queue = queue;
        this.metrics = metrics;
    }

    /**
     * Dead-letters {@code in} (within the session's transaction) and sends the error reply.
     *
     * @param error the exception that failed it, or null
     * @param handler the handler label, or null
     */
    void send(Session session, MessageProducer producer, jakarta.jms.Message in, String from, String reason,
            String text, Throwable error, String handler, int attempts) throws JMSException {
        jakarta.jms.Message out = WireFormat.copy(session, in);
        out.setStringProperty(Wire.DLQ_REASON, reason);
        out.setStringProperty(Wire.ERROR_MESSAGE, truncate(text));
        out.setStringProperty(Wire.ORIGINAL_QUEUE, from);
        if (error != null) {
            out.setStringProperty(Wire.ERROR_CLASS, error.getClass().getName());
        }
        if (handler != null) {
            out.setStringProperty(Wire.HANDLER, handler);
        }
        out.setIntProperty(Wire.ATTEMPTS, attempts);
        Queue dlq = session.createQueue(queue);
        producer.send(dlq, out, DeliveryMode.PERSISTENT, in.getJMSPriority(), 0);
        Replies.error(session, producer, in, reason, text);
        metrics.deadLettered(reason);
        String type = in.getStringProperty(Wire.TYPE);
        LOG.warn("Dispatch dead-lettered {} type={} operation={} reason={}{}: {}", WireFormat.describe(in),
                Message.isValidType(type) ? type : "(invalid)", truncate(in.getStringProperty(Wire.OPERATION)),
                reason, handler == null ? "" : " handler=" + handler, truncate(text));
    }

    private static String truncate(String s) {
        return s == null ? "" : s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }
}
