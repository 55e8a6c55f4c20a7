package io.switchboard.routing.internal;

import io.switchboard.kernel.api.ReconnectLoop;
import io.switchboard.routing.RouteInfo;
import io.switchboard.routing.RouteMessage;
import io.switchboard.routing.RouteSource;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one route on its JMS source: each consumer thread takes messages in a transacted session, runs the steps
 * (whose sends join that transaction) and commits — a message is acknowledged at its source only when every step
 * and every target has succeeded. Commits cover up to {@value #BATCH} messages while more are waiting. A failing
 * message is retried with backoff or dead-lettered within the same transaction ({@link #process}); the others of its
 * batch are not disturbed. A consumer whose session fails starts again with backoff: the route keeps running.
 */
final class RouteRunner {

    private static final Logger LOG = LoggerFactory.getLogger("io.switchboard.routing");
    static final int BATCH = 100;
    static final int HOP_LIMIT = 32;

    final RouteDefinition route;
    final String file;
    private final ConnectionFactory factory;
    private final List<Thread> threads = new ArrayList<>();
    /** Each consumer thread's loop: stopping it ends a wait (a backoff, a timer's period) at once. */
    private final List<ReconnectLoop> loops = new ArrayList<>();
    private volatile boolean running;
    private volatile RouteInfo.State state = RouteInfo.State.STOPPED;
    private volatile Instant since = Instant.now();
    private Connection connection;

    private final Services services;
    private volatile List<String> waitingFor = List.of();
    /** A bridge source's handle while it runs. */
    private AutoCloseable bridge;
    /** What becomes of a message that failed here. */
    private final RouteFailures failures;

    RouteRunner(RouteDefinition route, String file, ConnectionFactory factory, Services services) {
        this.route = route;
        this.file = file;
        this.factory = factory;
        this.services = services;
        this.failures = new RouteFailures(route, file);
    }

    /** The bridge schemes this route sends to that no bridge offers now. */
    List<String> missingSchemes() {
        List<String> missing = new ArrayList<>(route.bridgeSchemes().stream()
                .filter(s -> !services.offers(s)).toList());
        if (route.source().bridge() && services.source(route.source().name()) == null) {
            missing.add(0, route.source().name());
        }
        return missing;
    }

    /** Not consuming until its target schemes are offered: messages wait at the source. */
    synchronized void waitFor(List<String> schemes) {
        stop(RouteInfo.State.WAITING);
        waitingFor = List.copyOf(schemes);
    }

    RouteInfo.State state() {
        return state;
    }

    synchronized void start() throws JMSException {
        if (running) {
            return;
        }
        waitingFor = List.of();
        connection = factory.createConnection();
        if (route.source().durableSubscription() != null) {
            connection.setClientID("switchboard.route." + route.id());
        }
        connection.start();
        running = true;
        if (route.source().bridge()) {
            try {
                openBridge();
            } catch (RuntimeException e) {
                running = false;
                connection.close();
                connection = null;
                throw e;
            }
            Pipeline.aggregators(route.pipeline()).forEach(a -> a.start(factory, services, failures));
            state(RouteInfo.State.STARTED);
            return;
        }
        for (int i = 0; i < route.source().concurrentConsumers(); i++) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            ReconnectLoop loop = new ReconnectLoop(Duration.ofMillis(500), Duration.ofSeconds(30));
            loops.add(loop);
            Runnable work = route.source().timer() ? () -> tick(session, loop) : () -> consume(session, loop);
            Thread t = new Thread(work, "switchboard-route-" + route.id() + "-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        Pipeline.aggregators(route.pipeline()).forEach(a -> a.start(factory, services, failures));
        state(RouteInfo.State.STARTED);
    }

    /** Stops consuming once the messages in hand are committed; waits for that. */
    synchronized void stop(RouteInfo.State next) {
        boolean wasRunning = running;
        running = false;
        if (bridge != null) {
            try {
                bridge.close();
            } catch (Exception e) {
                LOG.warn("Route {}: closing its source {} failed: {}", route.id(), route.source().uri(), e.toString());
            }
            bridge = null;
        }
        loops.forEach(ReconnectLoop::stop);
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        loops.clear();
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                LOG.debug("closing route {}", route.id(), e);
            }
            connection = null;
        }
        if (wasRunning) {
            Pipeline.aggregators(route.pipeline()).forEach(Aggregator::stop);
        }
        state(next);
    }

    RouteInfo info() {
        return new RouteInfo(route.id(), file, state, route.source().uri(), route.pushedDown(),
                Pipeline.infos(route.pipeline()),
                since, waitingFor);
    }

    private void state(RouteInfo.State s) {
        state = s;
        since = Instant.now();
    }

    /**
     * A timer source: every period an empty message (headers {@code SB_TIMER}, {@code SB_TIMER_COUNTER}) goes through
     * the steps, its sends committed together. A tick that fails is logged (or dead-lettered when it can never pass);
     * the next one comes at its time.
     */
    private void tick(Session session, ReconnectLoop loop) {
        Sender sender = new Sender(session, services, connection);
        long next = System.currentTimeMillis() + route.source().period();
        try {
            MessageProducer producer = session.createProducer(null);
            for (long n = 1; running && (route.source().repeatCount() == 0 || n <= route.source().repeatCount()); n++) {
                long wait = next - System.currentTimeMillis();
                if (wait > 0 && !loop.pause(Duration.ofMillis(wait))) {
                    return; // stopped during the wait
                }
                if (!running) {
                    return;
                }
                next += route.source().period();
                Message m = session.createTextMessage("");
                m.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
                m.setStringProperty("SB_TIMER", route.source().name());
                m.setLongProperty("SB_TIMER_COUNTER", n);
                try {
                    process(m, sender, producer, true);
                    sender.commit();
                } catch (JMSException | RuntimeException | Error e) {
                    sender.rollback();
                    LOG.warn("Route {}: tick {} of {} failed: {}", route.id(), n, route.source().uri(), e.toString());
                }
            }
        } catch (JMSException e) {
            LOG.error("Route {}: timer {} stopped: {}", route.id(), route.source().uri(), e.toString());
        }
    }

    /**
     * A bridge's source: each message it hands over goes through the steps in a transaction of its own, on one of its
     * {@link BridgeLanes}; the call returns when that committed, and throws (the source keeps the message) when a step
     * failed.
     */
    private void openBridge() throws JMSException {
        RouteSource source = services.source(route.source().name());
        if (source == null) {
            throw new IllegalStateException("no bridge offers the source scheme " + route.source().name());
        }
        BridgeLanes lanes = new BridgeLanes(connection, services);
        RouteSource.Receiver receiver = message -> lanes.with(lane -> route(lane, message));
        try {
            bridge = source.open(route.source().uri(), receiver);
        } catch (Exception e) {
            throw new IllegalStateException("the source " + route.source().uri() + " did not open: " + e.getMessage(), e);
        }
    }

    private RouteSource.Routed route(BridgeLanes.Lane lane, RouteMessage message) throws JMSException {
        if (!running) {
            throw new IllegalStateException("route " + route.id() + " is not running");
        }
        Message m;
        if (message.text()) {
            m = lane.session().createTextMessage(message.bodyText());
        } else {
            BytesMessage b = lane.session().createBytesMessage();
            b.writeBytes(message.body());
            b.reset(); // readable by the steps, as a received message is
            m = b;
        }
        for (Map.Entry<String, Object> h : message.headers().entrySet()) {
            if (Sender.isPropertyName(h.getKey())) {
                m.setObjectProperty(h.getKey(), h.getValue());
            }
        }
        m.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        boolean ok;
        failures.offered();
        try {
            ok = process(m, lane.sender(), lane.producer(), true);
        } catch (JMSException | RuntimeException e) {
            lane.sender().rollback();
            throw e;
        }
        if (!ok) {
            lane.sender().rollback();
            throw new IllegalStateException(failures.last());
        }
        lane.sender().commit();
        String dead = failures.deadLettered();
        return dead == null ? RouteSource.Routed.routed() : RouteSource.Routed.deadLettered(dead);
    }

    /**
     * Consumes until the route stops. A session that fails is closed and, after the backoff (0.5 s doubling up to
     * 30 s), a new one is opened: the route's connection stays.
     */
    private void consume(Session first, ReconnectLoop loop) {
        Session[] session = {first};
        loop.run(() -> {
            if (session[0] == null) {
                session[0] = connection.createSession(true, Session.SESSION_TRANSACTED);
            }
            Session s = session[0];
            MessageConsumer consumer = route.source().durableSubscription() != null
                    ? s.createDurableSubscriber(s.createTopic(route.source().name()),
                            route.source().durableSubscription())
                    : s.createConsumer(route.source().topic() ? s.createTopic(route.source().name())
                            : s.createQueue(route.source().name()), route.pushedDown());
            loop.reset(); // the session works: a later failure waits 0.5 s first again
            consume(s, consumer);
        }, (e, wait) -> { // never the end of this consumer
            if (!running) {
                loop.stop();
                return;
            }
            LOG.error("Route {}: consuming from {} failed ({}); again in {} ms", route.id(), route.source().uri(),
                    e.toString(), wait.toMillis());
            if (session[0] != null) {
                try {
                    session[0].close();
                } catch (JMSException closing) {
                    LOG.debug("closing a failed session", closing);
                }
                session[0] = null;
            }
        });
    }

    private void consume(Session session, MessageConsumer consumer) throws JMSException {
        Sender sender = new Sender(session, services, connection);
        MessageProducer producer = session.createProducer(null);
        int careful = 0;
        try {
            while (running) {
                Message m = consumer.receive(200);
                if (m == null) {
                    continue;
                }
                int n = 0;
                boolean rollback = false;
                boolean alone = careful > 0;
                try {
                    do {
                        n++;
                        if (!process(m, sender, producer, alone)) {
                            rollback = true;
                            break;
                        }
                    } while (!alone && n < BATCH && running && (m = consumer.receiveNoWait()) != null);
                } catch (JMSException | RuntimeException | Error e) {
                    sender.rollback();
                    throw e;
                }
                if (rollback && alone) {
                    sender.rollback();
                    careful = BATCH;
                } else if (rollback) {
                    sender.rollbackToRetryAlone(); // the batch again, a message at a time
                    careful = BATCH;
                } else {
                    sender.commit();
                    careful = Math.max(0, careful - n);
                }
            }
        } finally {
            consumer.close();
        }
    }

    /**
     * Runs the steps for one message in the session's transaction. Its sends are held until every step has passed,
     * then join the transaction, so a failed attempt leaves nothing half sent. A failed message goes, in the same
     * transaction as its acknowledgement, to the dead-letter target (when it can never pass — a body an expression
     * cannot read, a loop of routes, anything else it throws but a session failure — or after
     * {@code maximumRedeliveries} failures) or, from a queue, back to its queue as a copy scheduled after the backoff
     * that carries its count of failures ({@link RouteFailures}): the count lives in the message, in the broker, so a
     * restart does not reset it, and no consumer thread waits out a backoff. From a topic there is no queue to
     * reschedule on: the transaction rolls back and the broker redelivers.
     *
     * @return false when the transaction must roll back
     */
    private boolean process(Message m, Sender sender, MessageProducer producer, boolean alone) throws JMSException {
        sender.beginMessage();
        Exception failure;
        boolean permanent;
        try {
            Exchange x = new Exchange(m);
            if (x.hops() >= HOP_LIMIT) {
                throw new Pipeline.LoopLimitException("the message went through " + x.hops()
                        + " routes: a loop of routes feeding each other? (hop limit " + HOP_LIMIT + ")");
            }
            route.pipeline().run(x, sender);
            sender.flush(x);
            return true;
        } catch (Pipeline.StepFailure f) {
            failure = f;
            permanent = f.permanent;
        } catch (Pipeline.LoopLimitException f) {
            failure = f;
            permanent = true;
        } catch (JMSException e) {
            // this message's failure, retried by the route's policy; when the session itself is gone, handling it
            // fails too and the transaction rolls back (the consumer starts again)
            failure = e;
            permanent = false;
        } catch (RuntimeException | Error e) {
            // anything else this message caused is its own failure, for good: the consumer goes on with the next
            failure = new IllegalStateException("failed: " + e, e);
            permanent = true;
        }
        return failures.handle(m, sender, producer, alone, failure, permanent);
    }
}
