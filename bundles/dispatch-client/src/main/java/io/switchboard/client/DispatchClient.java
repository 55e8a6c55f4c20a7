package io.switchboard.client;

import io.switchboard.dispatch.DispatchException;
import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.Wire;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Dispatches messages to a Switchboard platform from a plain Java application, by the wire convention
 * ({@link Wire}): any Jakarta JMS {@link ConnectionFactory} connected to the platform's broker will do, e.g.
 * {@code new ActiveMQConnectionFactory("tcp://127.0.0.1:61616", user, password)} from {@code artemis-jakarta-client}.
 * <pre>
 * try (DispatchClient client = new DispatchClient(factory)) {
 *     Message reply = client.request(Message.builder("shape.circle").operation("area")
 *             .json(Map.of("radius", 2)).build(), Duration.ofSeconds(5)).get();
 *     double area = ((Number) reply.body(Map.class).get("area")).doubleValue();
 * }
 * </pre>
 * Thread-safe: sends are serialized on one session; replies arrive on a temporary queue of this client.
 */
public final class DispatchClient implements AutoCloseable {

    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;
    private final Queue dispatch;
    private final TemporaryQueue replies;
    private final Map<String, CompletableFuture<Message>> waiting = new ConcurrentHashMap<>();

    /** Connects; the connection is this client's until {@link #close()}. */
    public DispatchClient(ConnectionFactory factory) throws JMSException {
        connection = factory.createConnection();
        try {
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producer = session.createProducer(null);
            dispatch = session.createQueue(Wire.DISPATCH_QUEUE);
            Session listening = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            replies = listening.createTemporaryQueue();
            listening.createConsumer(replies).setMessageListener(this::onReply);
            connection.start();
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Sends persistently; returns when the broker holds the message durably. */
    public synchronized void send(Message message) throws JMSException {
        producer.send(dispatch, toJms(message), DeliveryMode.PERSISTENT, jakarta.jms.Message.DEFAULT_PRIORITY, 0);
    }

    /**
     * Sends and waits for the handler's reply. The stage fails with {@link DispatchException} for an error reply
     * and {@link java.util.concurrent.TimeoutException} when nothing came within {@code timeout}.
     */
    public CompletableFuture<Message> request(Message message, Duration timeout) {
        String correlation = message.correlationId() != null ? message.correlationId() : message.id();
        CompletableFuture<Message> reply = new CompletableFuture<>();
        waiting.put(correlation, reply);
        try {
            jakarta.jms.Message jms = toJms(message);
            jms.setJMSCorrelationID(correlation);
            jms.setJMSReplyTo(replies);
            synchronized (this) {
                producer.send(dispatch, jms, DeliveryMode.PERSISTENT, jakarta.jms.Message.DEFAULT_PRIORITY, 0);
            }
        } catch (JMSException | RuntimeException e) {
            waiting.remove(correlation);
            reply.completeExceptionally(e);
            return reply;
        }
        return reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((m, e) -> waiting.remove(correlation));
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }

    private jakarta.jms.Message toJms(Message m) throws JMSException {
        if (m.type() == null) {
            throw new IllegalArgumentException("a message sent for dispatch needs a type");
        }
        return JmsMessages.toJms(session, m);
    }

    /** A reply that cannot be read fails its request with the reason; the listener goes on with the next. */
    private void onReply(jakarta.jms.Message jms) {
        CompletableFuture<Message> reply = null;
        try {
            reply = waiting.remove(String.valueOf(jms.getJMSCorrelationID()));
            if (reply == null) {
                return; // timed out already: the caller was told
            }
            Message message = JmsMessages.fromJms(jms);
            if (Wire.ERROR.equals(message.header(Wire.STATUS))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> error = message.body(Map.class);
                reply.completeExceptionally(new DispatchException(String.valueOf(error.get("error")),
                        String.valueOf(error.get("message"))));
            } else {
                reply.complete(message);
            }
        } catch (JMSException | RuntimeException | Error e) {
            if (reply != null) {
                reply.completeExceptionally(new DispatchException(Wire.ERROR, "the reply could not be read: " + e));
            }
        }
    }
}
