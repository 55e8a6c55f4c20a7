package io.switchboard.routing.internal;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of a message that failed in a route ({@link RouteRunner}): to the dead-letter target when it can never
 * pass or after {@code maximumRedeliveries} failures, back to its queue as a scheduled copy that counts its failures,
 * or rolled back (a topic, a bridge's source), in the transaction of its acknowledgement.
 */
final class RouteFailures {

    private static final Logger LOG = LoggerFactory.getLogger("io.switchboard.routing");
    static final String ERROR = "switchboard_error";
    /** How often the message failed in this route: it travels with the rescheduled copy. */
    static final String FAILURES = "SB_ROUTE_FAILURES";
    /** Artemis's scheduled delivery time (epoch ms), honoured for every protocol's messages. */
    static final String SCHEDULED = "_AMQ_SCHED_DELIVERY";

    private final RouteDefinition route;
    private final String file;
    /**
     * Why the last message a bridge source offered on this thread failed (the source learns it from the exception):
     * a bridge's callers route side by side, each on its own thread.
     */
    private final ThreadLocal<String> lastFailure = new ThreadLocal<>();
    /** Why the route dead-lettered the last message a bridge source offered on this thread, or null. */
    private final ThreadLocal<String> lastDeadLetter = new ThreadLocal<>();

    RouteFailures(RouteDefinition route, String file) {
        this.route = route;
        this.file = file;
    }

    /** Why the last message failed that a bridge's source offered. */
    String last() {
        return lastFailure.get();
    }

    /** Why the message a bridge's source offered last was dead-lettered, or null; cleared by {@link #offered()}. */
    String deadLettered() {
        return lastDeadLetter.get();
    }

    /** A bridge's source offers a message: what the previous one came to no longer counts. */
    void offered() {
        lastDeadLetter.remove();
        lastFailure.remove();
    }

    /**
     * Dead-letters, reschedules or leaves to roll back a message that failed, as the route's settings and its
     * source say.
     *
     * @return false when the transaction must roll back
     */
    boolean handle(Message m, Sender sender, MessageProducer producer, boolean alone, Exception f, boolean permanent)
            throws JMSException {
        sender.discard();
        int failures = Math.max(count(m, FAILURES) + 1, Math.max(1, count(m, "JMSXDeliveryCount")));
        String reason = "route " + route.id() + " (" + file + ") " + f.getMessage();
        boolean dead = permanent || failures > route.redelivery().maximumRedeliveries();
        if (dead) {
            Message copy = sender.copy(new Exchange(m), 0);
            copy.setStringProperty(ERROR, reason + (permanent ? "" : " (after " + failures + " failed attempts)"));
            copy.setStringProperty("switchboard_route", route.id());
            Destination to = route.deadLetter().topic() ? sender.session().createTopic(route.deadLetter().name())
                    : sender.session().createQueue(route.deadLetter().name());
            producer.send(to, copy, m.getJMSDeliveryMode(), m.getJMSPriority(), 0);
            LOG.warn("Route {} dead-lettered a message to {}: {}", route.id(), route.deadLetter().uri(),
                    copy.getStringProperty(ERROR));
            lastDeadLetter.set(copy.getStringProperty(ERROR));
            return true;
        }
        if (route.source().timer()) {
            LOG.warn("Route {}: a tick of {} failed; the next comes at its time: {}", route.id(),
                    route.source().uri(), reason);
            return true;
        }
        if (route.source().bridge()) {
            lastFailure.set(reason);
            return false; // the source keeps the message and offers it again
        }
        if (route.source().topic()) {
            if (!alone) {
                return false; // roll back the batch; then a message at a time, so only this one is redelivered
            }
            LOG.debug("Route {} will retry a message (failure {}): {}", route.id(), failures, reason);
            return false;
        }
        long delay = route.redelivery().delay(failures);
        Message copy = sender.copy(new Exchange(m), 0);
        copy.setIntProperty(FAILURES, failures);
        copy.setLongProperty(SCHEDULED, System.currentTimeMillis() + delay);
        producer.send(sender.session().createQueue(route.source().name()), copy, m.getJMSDeliveryMode(),
                m.getJMSPriority(), 0);
        LOG.debug("Route {} retries a message in {} ms (failure {}): {}", route.id(), delay, failures, reason);
        return true;
    }

    /** An int property of the message; 0 when it is missing or not a number (a sender's, not ours). */
    private static int count(Message m, String name) throws JMSException {
        try {
            return m.propertyExists(name) ? m.getIntProperty(name) : 0;
        } catch (NumberFormatException | MessageFormatException e) {
            return 0;
        }
    }
}
