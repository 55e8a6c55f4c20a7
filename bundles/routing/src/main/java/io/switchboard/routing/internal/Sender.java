package io.switchboard.routing.internal;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Sends in a consumer's transacted session, so a message's sends commit together with its acknowledgement at the
 * source: all of them or none. A message's sends are held until its last step has passed, so a failed one sends
 * nothing. One producer per target, kept for the session's life.
 */
final class Sender {

    private final Session session;
    private final Map<Target, MessageProducer> producers = new HashMap<>();
    private final Pipeline.Tally tally = new Pipeline.Tally();
    private final List<Held> held = new ArrayList<>();

    private final Services services;
    /** What to undo when the transaction or a message of it fails; the current message's entries start at mark. */
    private final List<Runnable> undo = new ArrayList<>();
    private int mark;
    /** What to do when the transaction has committed; the current message's entries start at afterMark. */
    private final List<Runnable> after = new ArrayList<>();
    private int afterMark;

    private final Connection connection;
    private Session requests;
    private TemporaryQueue replies;
    private MessageConsumer replyConsumer;
    private MessageProducer requestProducer;

    /** {@code connection}: where request/reply steps (enrich) open their own session, outside the transaction. */
    Sender(Session session, Services services, Connection connection) {
        this.session = session;
        this.services = services;
        this.connection = connection;
    }

    /**
     * Sends the exchange to {@code target} as a request and waits for its reply: outside the route's transaction (the
     * request must go out now), on a session and temporary reply queue kept for this consumer.
     *
     * @return the reply, or null when none came within {@code timeoutMillis}
     */
    Message request(Target target, Exchange x, long timeoutMillis) throws JMSException {
        if (requests == null) {
            requests = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            replies = requests.createTemporaryQueue();
            replyConsumer = requests.createConsumer(replies);
            requestProducer = requests.createProducer(null);
        }
        Message m = copy(x, requests, 1);
        for (Map.Entry<String, String> p : target.properties().entrySet()) {
            m.setStringProperty(p.getKey(), p.getValue());
        }
        String correlation = UUID.randomUUID().toString();
        m.setJMSCorrelationID(correlation);
        m.setJMSReplyTo(replies);
        requestProducer.send(target.topic() ? requests.createTopic(target.name()) : requests.createQueue(target.name()),
                m, DeliveryMode.NON_PERSISTENT, x.source.getJMSPriority(), timeoutMillis);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (long left = timeoutMillis; left > 0; left = deadline - System.currentTimeMillis()) {
            Message reply = replyConsumer.receive(left);
            if (reply != null && correlation.equals(reply.getJMSCorrelationID())) {
                return reply;
            }
        }
        return null;
    }

    Services services() {
        return services;
    }

    /** Something to do once the current message's transaction has committed (e.g. count an aggregate's part). */
    void afterCommit(Runnable action) {
        after.add(action);
    }

    /** Something to undo if the current message or its transaction fails (e.g. forget an idempotent key). */
    void onRollback(Runnable action) {
        undo.add(action);
    }

    /** Commits the transaction: the step counts count, what waited for the commit runs. */
    void commit() throws JMSException {
        session.commit();
        tally.committed();
        undo.clear();
        mark = 0;
        after.forEach(Runnable::run);
        after.clear();
        afterMark = 0;
    }

    /** Rolls the transaction back: its failures count, what its messages did outside it is undone. */
    void rollback() throws JMSException {
        rollback(false);
    }

    /** Rolls back a batch to take its messages again one at a time: nothing of it counts yet. */
    void rollbackToRetryAlone() throws JMSException {
        rollback(true);
    }

    private void rollback(boolean again) throws JMSException {
        try {
            session.rollback();
        } finally {
            if (again) {
                tally.discarded();
            } else {
                tally.rolledBack();
            }
            undo.forEach(Runnable::run);
            undo.clear();
            mark = 0;
            after.clear();
            afterMark = 0;
        }
    }

    /** A send of the message being routed, held until all its steps have passed ({@link #flush}). */
    void send(Target target, Exchange x) throws JMSException {
        Message m = copy(x);
        for (Map.Entry<String, String> p : target.properties().entrySet()) {
            m.setStringProperty(p.getKey(), p.getValue());
        }
        held.add(new Held(target, m, x.source.getJMSDeliveryMode(), x.source.getJMSPriority()));
    }

    private record Held(Target target, Message message, int deliveryMode, int priority) {
    }

    /**
     * The held sends join the transaction, each carrying its share of what the message may still cause ({@link FanOut}).
     *
     * @param cause the message being routed: what it may still cause is carried in it
     * @throws Pipeline.LoopLimitException when it sends more than that (nothing is sent)
     */
    void flush(Exchange cause) throws JMSException {
        int share = services.fanOut().share(services.fanOut().left(cause), held.size());
        for (Held h : held) {
            h.message().setIntProperty(FanOut.HEADER, share);
            MessageProducer producer = producers.get(h.target());
            if (producer == null) {
                Target t = h.target();
                Destination d = t.topic() ? session.createTopic(t.name()) : session.createQueue(t.name());
                producer = session.createProducer(d);
                producers.put(t, producer);
            }
            producer.send(h.message(), h.deliveryMode(), h.priority(), 0);
        }
        held.clear();
    }

    /** A message starts: what {@link #discard} undoes starts here. */
    void beginMessage() {
        mark = undo.size();
        afterMark = after.size();
    }

    /** The message failed: its held sends are dropped, what it did outside the transaction undone. */
    void discard() {
        held.clear();
        List<Runnable> mine = undo.subList(mark, undo.size());
        mine.forEach(Runnable::run);
        mine.clear();
        after.subList(afterMark, after.size()).clear();
    }

    /** A new message with the exchange's body and headers, one hop further. */
    Message copy(Exchange x) throws JMSException {
        return copy(x, 1);
    }

    /** A new message with the exchange's body and headers, {@code hops} hops further. */
    Message copy(Exchange x, int hops) throws JMSException {
        return copy(x, session, hops);
    }

    private static Message copy(Exchange x, Session session, int hops) throws JMSException {
        Message m;
        if (x.isText()) {
            m = session.createTextMessage(x.bodyText());
        } else {
            BytesMessage b = session.createBytesMessage();
            b.writeBytes(x.body());
            m = b;
        }
        for (Map.Entry<String, Object> h : x.headers.entrySet()) {
            if (isPropertyName(h.getKey())) { // STOMP and AMQP headers such as destination-type are not
                m.setObjectProperty(h.getKey(), h.getValue());
            }
        }
        m.setIntProperty(Exchange.HOPS, x.hops() + hops);
        String correlation = x.source.getJMSCorrelationID();
        if (correlation != null) {
            m.setJMSCorrelationID(correlation);
        }
        if (x.source.getJMSReplyTo() != null) {
            m.setJMSReplyTo(x.source.getJMSReplyTo());
        }
        String type = x.source.getJMSType();
        if (type != null) {
            m.setJMSType(type);
        }
        return m;
    }

    /** Whether JMS takes {@code name} as a property name: a Java identifier, not reserved for the provider. */
    static boolean isPropertyName(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0)) || name.startsWith("JMS")) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                return false;
            }
        }
        return !Set.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE")
                .contains(name.toUpperCase(Locale.ROOT));
    }

    /** The step counts of the current transaction. */
    Pipeline.Tally tally() {
        return tally;
    }

    Session session() {
        return session;
    }
}
