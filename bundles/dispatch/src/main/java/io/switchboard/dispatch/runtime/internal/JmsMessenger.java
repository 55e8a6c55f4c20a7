package io.switchboard.dispatch.runtime.internal;

import io.switchboard.client.JmsMessages;
import io.switchboard.dispatch.Delivery;
import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.Messenger;
import io.switchboard.dispatch.Wire;
import io.switchboard.kernel.api.Durations;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Messenger} for bundles in this container. Replies come back on a durable queue named after the node,
 * so a reply that arrives after its request timed out, or after a restart, is still received and routed as a
 * late reply instead of vanishing with a temporary queue.
 */
// immediate: replies that arrive while nobody in this container has asked for the Messenger yet (after a
// restart) must still be received and routed as late replies
@Component(service = Messenger.class, configurationPid = JmsMessenger.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = MessengerConfiguration.class)
public final class JmsMessenger implements Messenger {

    static final String PID = "io.switchboard.messenger";
    private static final Logger LOG = LoggerFactory.getLogger(JmsMessenger.class);

    private final PendingReplies pending = new PendingReplies();
    private final ConcurrentLinkedQueue<Channel> channels = new ConcurrentLinkedQueue<>();

    @Reference(target = "(name=switchboard)")
    private ConnectionFactory factory;

    private Connection connection;
    private String replyQueue;
    private long defaultTimeoutMillis;

    /** A session and producer, used by one sending thread at a time. */
    private record Channel(Session session, MessageProducer producer, Queue dispatch, Queue replies) {
    }

    @Activate
    void activate(MessengerConfiguration configuration) throws JMSException {
        defaultTimeoutMillis = timeout(configuration);
        replyQueue = "switchboard.replies." + node(configuration);
        start();
    }

    /** A configuration that does not validate is refused and the Messenger keeps running as it was. */
    @Modified
    void modified(MessengerConfiguration configuration) throws JMSException {
        long timeout;
        String queue;
        try {
            timeout = timeout(configuration);
            queue = "switchboard.replies." + node(configuration);
        } catch (IllegalArgumentException e) {
            LOG.error("Messenger configuration refused (the Messenger keeps its previous one): {}", e.getMessage());
            return;
        }
        defaultTimeoutMillis = timeout;
        if (!queue.equals(replyQueue)) {
            deactivate();
            replyQueue = queue;
            start();
        }
    }

    private static long timeout(MessengerConfiguration configuration) {
        return Durations.parse(PID + ": defaultTimeout", configuration.defaultTimeout()).toMillis();
    }

    private static String node(MessengerConfiguration configuration) {
        String node = Objects.requireNonNullElse(configuration.node(), "local").trim();
        if (node.isEmpty() || !node.matches("[A-Za-z0-9_.\\-]+")) {
            throw new IllegalArgumentException(PID + ": node = '" + node + "' must be letters, digits, '.', '_' or '-'");
        }
        return node;
    }

    private void start() throws JMSException {
        connection = factory.createConnection();
        // Acknowledged automatically after onReply returns: a matched reply needs no journal sync on the
        // requester's critical path; a late one is forwarded first (at least once: a crash in between repeats it).
        Session listening = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer forward = listening.createProducer(null);
        listening.createConsumer(listening.createQueue(replyQueue)).setMessageListener(m -> onReply(listening, forward, m));
        connection.start();
        LOG.info("Messenger ready: replies on {}", replyQueue);
    }

    @Deactivate
    void deactivate() throws JMSException {
        channels.clear();
        connection.close();
    }

    @Override
    public CompletionStage<Message> send(Message message, Delivery delivery) {
        return send(message, delivery, Duration.ofMillis(defaultTimeoutMillis));
    }

    @Override
    public CompletionStage<Message> send(Message message, Delivery delivery, Duration timeout) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(delivery, "delivery");
        if (message.type() == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a message sent for dispatch needs a type"));
        }
        Channel channel = channels.poll();
        String correlation = message.correlationId() != null ? message.correlationId() : message.id();
        CompletableFuture<Message> reply = null;
        try {
            if (channel == null) {
                channel = open();
            }
            jakarta.jms.Message jms = JmsMessages.toJms(channel.session(), message);
            // Only STORED promises durability to the sender. A request (or PROCESSED send) is awaited by a caller in
            // this process: it is kept in memory on its way, stored when it has to wait (parked), and its reply
            // travels as it did; a crash before it is handled fails the caller too, by timeout. No journal sync
            // on the way is what keeps an in-VM request/reply under a millisecond.
            int mode = delivery == Delivery.STORED ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT;
            if (delivery == Delivery.PROCESSED || delivery == Delivery.REQUEST_REPLY) {
                if (delivery == Delivery.PROCESSED) {
                    jms.setStringProperty(Wire.ACK, "processed");
                }
                jms.setJMSCorrelationID(correlation);
                jms.setJMSReplyTo(channel.replies());
                reply = pending.expect(correlation, timeout.toMillis());
            }
            channel.producer().send(channel.dispatch(), jms, mode, jakarta.jms.Message.DEFAULT_PRIORITY, 0);
            channels.offer(channel);
            return reply != null ? reply : CompletableFuture.completedFuture(message.toBuilder().id(jms.getJMSMessageID()).build());
        } catch (JMSException | RuntimeException e) {
            if (reply != null) {
                pending.forget(correlation);
            }
            closeQuietly(channel);
            return CompletableFuture.failedFuture(e);
        }
    }

    private Channel open() throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        return new Channel(session, session.createProducer(null), session.createQueue(Wire.DISPATCH_QUEUE),
                session.createQueue(replyQueue));
    }

    /**
     * A reply arrived. One that cannot be read fails its request (when somebody still waits) and is kept on the
     * late queue as it came; whatever it throws, the listener goes on with the next reply.
     */
    private void onReply(Session session, MessageProducer forward, jakarta.jms.Message jms) {
        String correlation = null;
        try {
            correlation = jms.getJMSCorrelationID();
            Message reply = JmsMessages.fromJms(jms);
            if (!pending.complete(correlation, reply)) {
                late(session, forward, jms);
            }
        } catch (JMSException e) {
            LOG.warn("Messenger could not take a reply from {} ({}); the broker redelivers it", replyQueue, e.toString());
            throw new IllegalStateException(e); // not acknowledged: redelivered
        } catch (RuntimeException | Error e) {
            pending.fail(correlation, new IllegalStateException("the reply could not be read: " + e, e));
            try {
                forward.send(session.createQueue(Wire.LATE_REPLIES), jms);
                LOG.warn("Messenger could not read a reply for correlation {} ({}): kept on {}", correlation, e,
                        Wire.LATE_REPLIES);
            } catch (JMSException | RuntimeException keeping) {
                LOG.warn("Messenger could not read a reply for correlation {} ({}) nor keep it ({}); the broker "
                        + "redelivers it", correlation, e, keeping.toString());
                throw new IllegalStateException(keeping);
            }
        }
    }

    /** Nobody waits for this reply any more: dispatch it as the request asked, else keep it on the late queue. */
    private void late(Session session, MessageProducer forward, jakarta.jms.Message jms) throws JMSException {
        jakarta.jms.Message copy = WireFormat.copy(session, jms);
        String lateType = jms.getStringProperty(Wire.LATE_REPLY_TYPE);
        String to;
        if (lateType != null && Message.isValidType(lateType)) {
            copy.setStringProperty(Wire.TYPE, lateType);
            to = Wire.DISPATCH_QUEUE;
        } else {
            to = Wire.LATE_REPLIES;
        }
        forward.send(session.createQueue(to), copy, DeliveryMode.PERSISTENT, jms.getJMSPriority(), 0);
        LOG.warn("Messenger got a late reply for correlation {} (nobody waits for it any more): sent to {}{}",
                jms.getJMSCorrelationID(), to, lateType == null ? "" : " as type " + lateType);
    }

    private static void closeQuietly(Channel channel) {
        if (channel != null) {
            try {
                channel.session().close();
            } catch (JMSException ignored) {
                // already broken
            }
        }
    }
}
