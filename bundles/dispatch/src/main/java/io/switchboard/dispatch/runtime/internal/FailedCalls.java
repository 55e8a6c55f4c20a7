package io.switchboard.dispatch.runtime.internal;

import io.switchboard.dispatch.Wire;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What becomes of a message whose handler failed: retried with backoff, or dead-lettered with the reason. */
final class FailedCalls {

    /** Under the consumer's category, where these lines were before they moved here: operators search for it. */
    private static final Logger LOG = LoggerFactory.getLogger(DispatchConsumer.class);

    private final DispatchSettings settings;
    private final DeadLetters deadLetters;
    private final DispatchMetrics metrics;

    FailedCalls(DispatchSettings settings, DeadLetters deadLetters, DispatchMetrics metrics) {
        this.settings = settings;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /**
     * The handler failed on {@code in} (within the session's transaction): a failure that can never pass is
     * dead-lettered at once ({@link FailureKind}); another is retried after the backoff, and dead-lettered after
     * maxAttempts.
     */
    void failed(Session session, MessageProducer producer, jakarta.jms.Message in, HandlerEntry entry, Exception e,
            long timeout) throws JMSException {
        int attempts = attempts(in) + 1;
        FailureKind kind = FailureKind.of(e);
        if (kind.permanent() || attempts >= settings.maxAttempts()) {
            deadLetters.send(session, producer, in, Wire.DISPATCH_QUEUE, kind.code,
                    kind.reason(e, entry.label(), timeout, attempts), e, entry.label(), attempts);
        } else {
            jakarta.jms.Message retry = WireFormat.copy(session, in);
            retry.setIntProperty(Wire.ATTEMPTS, attempts);
            long delay = settings.redeliveryDelayMillis(attempts);
            producer.setDeliveryDelay(delay);
            try {
                producer.send(session.createQueue(Wire.DISPATCH_QUEUE), retry, DeliveryMode.PERSISTENT,
                        in.getJMSPriority(), 0);
            } finally {
                producer.setDeliveryDelay(0);
            }
            metrics.redelivered();
            LOG.info("Dispatch attempt {} of {} failed for {} type={} handler={} ({}); retrying in {} ms", attempts,
                    settings.maxAttempts(), WireFormat.describe(in), in.getStringProperty(Wire.TYPE), entry.label(), e,
                    delay);
        }
    }

    /** The failed attempts so far; a sender's {@value Wire#ATTEMPTS} that is not a number counts as none. */
    static int attempts(jakarta.jms.Message in) throws JMSException {
        try {
            return in.propertyExists(Wire.ATTEMPTS) ? in.getIntProperty(Wire.ATTEMPTS) : 0;
        } catch (NumberFormatException | jakarta.jms.MessageFormatException e) {
            return 0;
        }
    }
}
