package io.switchboard.delivery.internal;

import io.switchboard.client.JmsMessages;
import io.switchboard.delivery.internal.store.Claimed;
import io.switchboard.delivery.internal.store.Outbox;
import io.switchboard.dispatch.Message;
import io.switchboard.kernel.api.ReconnectLoop;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JMS accept path: the broker diverts whatever is sent to {@code switchboard.deliver.<endpoint>} to the queue
 * {@code switchboard.delivery.accept}; this takes it into the store in batches, one database commit and then one JMS
 * commit per batch. A crash between the two redelivers the batch, and the store keeps each message id once per
 * endpoint: no duplicate row. Messages whose endpoint has room and nothing waiting ahead of them are stored already
 * claimed and handed to its workers, sparing each a claim's read and write. When the database refuses, the JMS
 * transaction is rolled back (the messages wait in the broker, which never dead-letters that queue) and the path
 * pauses with backoff.
 */
final class JmsAccept implements Runnable {

    static final String QUEUE = "switchboard.delivery.accept";
    static final String PREFIX = "switchboard.deliver.";
    /** Set by the broker's divert: where the message was sent. */
    static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    /** Messages per database and JMS commit at most (fewer when no more are waiting). */
    private static final int BATCH = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(JmsAccept.class);

    private final ConnectionFactory factory;
    private final Outbox store;
    private final Retransmitter retransmitter;
    private final String node;
    private final Set<String> validNames = new HashSet<>();
    private final DeliveryMetrics metrics;
    private final Consumer<String> arrived;
    private final Consumer<String> databaseTrouble;
    private final Runnable databaseFine;
    /** Reconnects after a lost connection, and waits while the database refuses: 0.5 s doubling up to 30 s. */
    private final ReconnectLoop loop = new ReconnectLoop(Duration.ofMillis(500), Duration.ofSeconds(30));
    private volatile Connection connection;

    /**
     * @param retransmitter takes messages stored already claimed when their endpoint has room (a claim spared)
     * @param node the node the hand-overs are claimed for
     * @param arrived told each endpoint a stored batch had messages to wait for
     * @param databaseTrouble told why the store refused a batch (readiness)
     * @param databaseFine told when a batch was stored again
     */
    JmsAccept(ConnectionFactory factory, Outbox store, Retransmitter retransmitter, String node,
            DeliveryMetrics metrics, Consumer<String> arrived, Consumer<String> databaseTrouble, Runnable databaseFine) {
        this.factory = factory;
        this.store = store;
        this.retransmitter = retransmitter;
        this.node = node;
        this.metrics = metrics;
        this.arrived = arrived;
        this.databaseTrouble = databaseTrouble;
        this.databaseFine = databaseFine;
    }

    @Override
    public void run() {
        loop.run(this::accept, (e, wait) -> LOG.warn(
                "Delivery accept path lost its broker connection ({}); reconnecting in {}", e.toString(), wait));
    }

    /** One connection's life: takes batches until stopped, pausing with backoff while the database refuses them. */
    private void accept() throws JMSException {
        try {
            connection = factory.createConnection();
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            MessageProducer deadLetters = session.createProducer(session.createQueue("DLQ"));
            LOG.info("Delivery accepts messages sent to {}<endpoint> (queue {})", PREFIX, QUEUE);
            loop.reset();
            while (loop.running()) {
                if (acceptBatch(session, consumer, deadLetters)) {
                    loop.reset();
                } else {
                    loop.backOff();
                }
            }
        } finally {
            closeConnection();
        }
    }

    /** Takes one batch; false when the database refused it (rolled back). */
    private boolean acceptBatch(Session session, MessageConsumer consumer, MessageProducer deadLetters)
            throws JMSException {
        jakarta.jms.Message first = consumer.receive(200);
        if (first == null) {
            return true;
        }
        List<Outbox.Accepted> batch = new ArrayList<>();
        jakarta.jms.Message m = first;
        do {
            String address = m.getStringProperty(ORIGINAL_ADDRESS);
            String endpoint = address != null && address.startsWith(PREFIX) ? address.substring(PREFIX.length()) : null;
            if (endpoint == null || !validName(endpoint)) {
                refuse(session, deadLetters, m, address);
            } else {
                Message message = JmsMessages.fromJms(m);
                batch.add(new Outbox.Accepted(endpoint, message, message.group()));
            }
        } while (batch.size() < BATCH && (m = consumer.receiveNoWait()) != null);
        List<Outbox.Accepted> ordered = new ArrayList<>(batch.size());
        int claims = handedOverFirst(batch, ordered);
        List<Claimed> claimed;
        try {
            claimed = batch.isEmpty() ? List.of() : store.scheduleAll(ordered, Instant.now(), claims, node);
        } catch (RuntimeException e) {
            unreserve(ordered, claims);
            if (e instanceof Outbox.Unsettled unsettled) {
                // the commit may have happened unanswered: what it stored claimed would wait for the lease
                retransmitter.giveBack(unsettled.claimed());
            }
            session.rollback();
            String reason = rootMessage(e);
            databaseTrouble.accept(reason);
            LOG.warn("Delivery accept path: the database refused {} message(s) ({}); they stay in {} and are taken "
                    + "again later", batch.size(), reason, QUEUE);
            return false;
        }
        if (claimed.size() < claims) { // stored one at a time, all waiting (a message id stored before)
            unreserve(ordered, claims);
        }
        // The rows are committed (and on disk): the attempts may run before the broker's commit. A crash before it
        // redelivers the batch, and the store keeps each message id once.
        retransmitter.handOver(claimed);
        session.commit();
        databaseFine.run();
        Set<String> waiting = new HashSet<>();
        for (int i = 0; i < ordered.size(); i++) {
            Outbox.Accepted a = ordered.get(i);
            metrics.accepted(a.endpoint(), 1);
            if (i >= claimed.size()) {
                waiting.add(a.endpoint());
            }
        }
        waiting.forEach(arrived);
        return true;
    }

    /**
     * Puts {@code batch} into {@code ordered} with the messages to hand straight to their endpoint's workers first,
     * each part in the batch's order: those without an ordering key (one with a key waits its turn behind the earlier
     * ones of its key) for which the endpoint has room, up to the first that finds none.
     *
     * @return how many come first, room reserved for each
     */
    private int handedOverFirst(List<Outbox.Accepted> batch, List<Outbox.Accepted> ordered) {
        List<Outbox.Accepted> rest = new ArrayList<>();
        Set<String> full = new HashSet<>();
        for (Outbox.Accepted a : batch) {
            boolean handedOver = false;
            if (a.orderingKey() == null && !full.contains(a.endpoint())) {
                handedOver = retransmitter.reserve(a.endpoint(), a.message().bodySize());
                if (!handedOver) {
                    full.add(a.endpoint());
                }
            }
            (handedOver ? ordered : rest).add(a);
        }
        int claims = ordered.size();
        ordered.addAll(rest);
        return claims;
    }

    /** Gives back the room reserved for the first {@code claims} messages: nothing was handed over. */
    private void unreserve(List<Outbox.Accepted> ordered, int claims) {
        for (Outbox.Accepted a : ordered.subList(0, claims)) {
            retransmitter.unreserve(a.endpoint(), 1, a.message().bodySize());
        }
    }

    /** Whether {@code endpoint} is a valid name; the names seen last are remembered (a regex match per message). */
    private boolean validName(String endpoint) {
        if (validNames.contains(endpoint)) {
            return true;
        }
        if (!EndpointPolicy.NAME.matcher(endpoint).matches()) {
            return false;
        }
        if (validNames.size() >= 1000) {
            validNames.clear();
        }
        validNames.add(endpoint);
        return true;
    }

    /** A message with no valid endpoint in its address goes to the DLQ, with the reason. */
    private static void refuse(Session session, MessageProducer deadLetters, jakarta.jms.Message m, String address)
            throws JMSException {
        String reason = address == null
                ? "sent straight to " + QUEUE + ": send to " + PREFIX + "<endpoint> instead"
                : "address " + address + " does not name a valid endpoint (letters, digits, '.', '_', '-')";
        jakarta.jms.Message copy = JmsMessages.toJms(session, JmsMessages.fromJms(m));
        copy.setStringProperty("switchboard_error", reason);
        deadLetters.send(copy);
        LOG.warn("Delivery refused message {}: {}; moved to DLQ", m.getJMSMessageID(), reason);
    }

    void stop() {
        loop.stop();
        closeConnection();
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (JMSException e) {
                LOG.debug("closing the accept connection", e);
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
