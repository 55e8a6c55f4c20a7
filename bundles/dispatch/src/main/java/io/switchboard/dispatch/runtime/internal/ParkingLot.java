package io.switchboard.dispatch.runtime.internal;

import io.switchboard.dispatch.Wire;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages no handler understands wait here, on the durable queue {@code switchboard.dispatch.parked}: never
 * dropped. When a handler arrives, the parked messages of its types go back to {@code switchboard.dispatch}; a
 * periodic sweep dead-letters those parked longer than {@code parkTimeout} (reason {@code no-handler}).
 */
final class ParkingLot {

    private static final Logger LOG = LoggerFactory.getLogger(ParkingLot.class);
    /** Parked messages counted per type at most, so a huge backlog cannot stall the console. */
    private static final int COUNT_LIMIT = 100_000;

    private final ConnectionFactory factory;
    private final DispatchSettings settings;
    private final DeadLetters deadLetters;
    private final DispatchMetrics metrics;
    private final ScheduledExecutorService scheduler;
    /** Types whose parking was logged since their last unpark: one line per type, not per message. */
    private final Set<String> announced = ConcurrentHashMap.newKeySet();

    ParkingLot(ConnectionFactory factory, DispatchSettings settings, DeadLetters deadLetters, DispatchMetrics metrics) {
        this.factory = factory;
        this.settings = settings;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-dispatch-parking");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        long sweep = settings.parkSweepInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    void stop() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Parks {@code in} within the consumer's transaction. */
    void park(Session session, MessageProducer producer, jakarta.jms.Message in, String type) throws JMSException {
        jakarta.jms.Message out = WireFormat.copy(session, in);
        if (!in.propertyExists(Wire.PARKED_AT)) {
            out.setLongProperty(Wire.PARKED_AT, System.currentTimeMillis());
        }
        producer.send(session.createQueue(Wire.PARKED_QUEUE), out, DeliveryMode.PERSISTENT, in.getJMSPriority(), 0);
        metrics.parked();
        if (announced.add(type)) {
            LOG.info("Dispatch parked messages of type {}: no handler understands them yet (first: {})", type,
                    WireFormat.describe(in));
        }
    }

    /** A handler for these types arrived: send their parked messages back, now and once more shortly after. */
    void handlersAdded(Collection<String> types) {
        // The second pass catches a message parked by a consumer whose transaction committed after the first.
        scheduler.schedule(() -> unpark(types), 20, TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> unpark(types), 500, TimeUnit.MILLISECONDS);
    }

    /** Parked messages per type, counted by browsing (up to a limit). */
    Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            c.start();
            try (QueueBrowser browser = s.createBrowser(s.createQueue(Wire.PARKED_QUEUE))) {
                int seen = 0;
                for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements() && seen++ < COUNT_LIMIT;) {
                    jakarta.jms.Message m = (jakarta.jms.Message) e.nextElement();
                    counts.merge(String.valueOf(m.getStringProperty(Wire.TYPE)), 1L, Long::sum);
                }
            }
        } catch (JMSException e) {
            LOG.warn("Dispatch could not count parked messages: {}", e.toString());
        }
        return counts;
    }

    /** Moves parked messages of these types back to dispatch; returns how many. */
    int unpark(Collection<String> types) {
        String selector = types.stream()
                .map(t -> "(" + Wire.TYPE + " = '" + quote(t) + "' OR " + Wire.TYPE + " LIKE '" + quote(like(t))
                        + ".%' ESCAPE '!')")
                .collect(Collectors.joining(" OR "));
        int moved = move(selector, (session, producer, m) -> {
            producer.send(session.createQueue(Wire.DISPATCH_QUEUE), WireFormat.copy(session, m),
                    DeliveryMode.PERSISTENT, m.getJMSPriority(), 0);
        });
        if (moved > 0) {
            metrics.unparked(moved);
            announced.removeAll(types);
            LOG.info("Dispatch unparked {} message(s) of type {}", moved, types);
        }
        return moved;
    }

    /** Dead-letters what was parked longer than parkTimeout, with reason no-handler (and an error reply). */
    private void sweep() {
        long cutoff = System.currentTimeMillis() - settings.parkTimeout().toMillis();
        int expired = move(Wire.PARKED_AT + " < " + cutoff, (session, producer, m) -> deadLetters.send(session,
                producer, m, Wire.PARKED_QUEUE, Wire.NO_HANDLER, "no handler understood type '"
                        + m.getStringProperty(Wire.TYPE) + "' within " + settings.parkTimeout(), null, null, 0));
        if (expired > 0) {
            LOG.warn("Dispatch dead-lettered {} parked message(s) after {} without a handler", expired,
                    settings.parkTimeout());
        }
    }

    private interface Move {
        void apply(Session session, MessageProducer producer, jakarta.jms.Message m) throws JMSException;
    }

    private int move(String selector, Move move) {
        int moved = 0;
        try (Connection c = factory.createConnection()) {
            Session session = c.createSession(true, Session.SESSION_TRANSACTED);
            Queue parked = session.createQueue(Wire.PARKED_QUEUE);
            MessageProducer producer = session.createProducer(null);
            c.start();
            try (MessageConsumer consumer = session.createConsumer(parked, selector)) {
                jakarta.jms.Message m;
                while ((m = consumer.receive(moved == 0 ? 200 : 50)) != null) {
                    move.apply(session, producer, m);
                    if (++moved % 100 == 0) {
                        session.commit();
                    }
                }
                session.commit();
            }
        } catch (JMSException | RuntimeException e) {
            LOG.warn("Dispatch parking lot could not move messages ({}): {}", selector, e.toString());
        }
        return moved;
    }

    private static String quote(String s) {
        return s.replace("'", "''");
    }

    /** Escapes LIKE wildcards with '!' (types may contain '_'). */
    private static String like(String s) {
        return s.replace("!", "!!").replace("_", "!_").replace("%", "!%");
    }
}
