package io.switchboard.dispatch.runtime.internal;

import io.switchboard.client.JmsMessages;
import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.RejectedMessageException;
import io.switchboard.dispatch.Wire;
import io.switchboard.kernel.api.ReconnectLoop;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of {@code switchboard.dispatch}: takes a message, runs its handler on this thread, replies, and
 * acknowledges it in one broker transaction with everything the message caused (reply, retry copy, parked or
 * dead-lettered copy). Several messages share a transaction while more are waiting, so a busy queue costs one
 * commit per batch; a message is acknowledged only after its handler succeeded, so a crash redelivers, never
 * loses. The {@link Dispatcher}'s watchdog keeps a slow handler from holding prefetched messages and ends a
 * handler that overruns its timeout ({@link #watch}).
 */
final class DispatchConsumer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchConsumer.class);

    private final ConnectionFactory factory;
    private final DispatchSettings settings;
    private final HandlerIndex index;
    private final ParkingLot parking;
    private final DeadLetters deadLetters;
    private final DispatchMetrics metrics;
    /** The idempotent receiver, or null while there is none. */
    private final Supplier<IdempotentGate> idempotence;
    private final Runnable onAbandon;
    private final FailedCalls failedCalls;
    /** Opens the session again a second after it failed; stopped by {@link #stop} and by the watchdog. */
    private final ReconnectLoop loop = ReconnectLoop.every(Duration.ofSeconds(1));
    /** Whether the session is open and working: false until the first open succeeds, and after a failure. */
    private volatile boolean connected;
    /** Whether a failure has been logged since the last successful open (one line per outage, not per retry). */
    private boolean failing;

    private Connection connection;
    private Session session;
    private volatile MessageConsumer consumer;
    private MessageProducer producer;
    /** The call in progress, for the watchdog; null between handlers. */
    private volatile HandlerCall call;
    /** Whether the open transaction holds a grouped message: then prefetched messages are never given back early. */
    private volatile boolean batchHasGroup;

    DispatchConsumer(ConnectionFactory factory, DispatchSettings settings, HandlerIndex index, ParkingLot parking,
            DeadLetters deadLetters, DispatchMetrics metrics, Supplier<IdempotentGate> idempotence,
            Runnable onAbandon) {
        this.factory = factory;
        this.settings = settings;
        this.index = index;
        this.parking = parking;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.idempotence = idempotence;
        this.onAbandon = onAbandon;
        this.failedCalls = new FailedCalls(settings, deadLetters, metrics);
    }

    void stop() {
        loop.stop();
    }

    /** Whether this consumer is taking messages: not stopped, and its session is open and works. */
    boolean live() {
        return loop.running() && connected;
    }

    /**
     * Takes messages until stopped. Nothing ends this loop but {@link #stop} and the watchdog: a message that fails
     * is that message's failure ({@link #processAlone}); a session that fails, or any other error, is retried every
     * second.
     */
    @Override
    public void run() {
        loop.run(this::session, (e, wait) -> {
            if (!failing) {
                LOG.warn("Dispatch consumer lost its session ({}); retrying every second", e.toString());
            }
            failing = true;
        });
    }

    /** One session's life: opens it and takes messages until stopped, or throws when it fails. */
    private void session() throws JMSException {
        try {
            open();
            connected = true;
            if (failing) {
                LOG.info("Dispatch consumer reconnected to {}", Wire.DISPATCH_QUEUE);
                failing = false;
            }
            consume();
        } catch (Abandoned e) {
            loop.stop(); // the watchdog took over this consumer's session and started a replacement
        } catch (JMSException | RuntimeException | Error e) {
            connected = false;
            rollbackQuietly();
            throw e;
        } finally {
            close();
        }
    }

    private void open() throws JMSException {
        connection = factory.createConnection();
        session = connection.createSession(true, Session.SESSION_TRANSACTED);
        consumer = session.createConsumer(session.createQueue(Wire.DISPATCH_QUEUE));
        producer = session.createProducer(null);
        connection.start();
    }

    private void consume() throws JMSException {
        int inBatch = 0;
        while (loop.running()) {
            MessageConsumer c = consumer;
            if (c == null) { // the watchdog gave its prefetched messages back while a handler was slow
                c = session.createConsumer(session.createQueue(Wire.DISPATCH_QUEUE));
                consumer = c;
            }
            jakarta.jms.Message in = inBatch == 0 ? c.receive(500) : c.receiveNoWait();
            if (in == null) {
                if (inBatch > 0) {
                    commit();
                    inBatch = 0;
                }
                continue;
            }
            processAlone(in);
            // somebody waits for this one's reply: release it now rather than after a look for more work
            if (++inBatch >= settings.batchSize() || in.getJMSReplyTo() != null) {
                commit();
                inBatch = 0;
            }
        }
        if (inBatch > 0) {
            commit();
        }
    }

    private void commit() throws JMSException {
        session.commit();
        batchHasGroup = false;
    }

    /**
     * Processes one message; whatever it throws (a {@link StackOverflowError} from a hostile property, a broken
     * body, an error in a handler's reply) is that message's failure: it is dead-lettered with the reason and its
     * sender, when it waits, gets an error reply. Only when even that fails (the session is gone) does the
     * consumer start over, the broker redelivering what was not committed.
     */
    private void processAlone(jakarta.jms.Message in) throws JMSException {
        try {
            process(in);
        } catch (Abandoned e) {
            throw e;
        } catch (Throwable t) {
            if (!loop.running() || Thread.currentThread().isInterrupted()) {
                throw t; // stopping, not failing: rolled back, the broker redelivers it
            }
            call = null;
            try {
                deadLetters.send(session, producer, in, Wire.DISPATCH_QUEUE, Wire.DISPATCH_FAILED,
                        "dispatch failed on this message: " + t, t, null, FailedCalls.attempts(in));
            } catch (JMSException | RuntimeException sessionGone) {
                sessionGone.addSuppressed(t);
                throw sessionGone;
            }
        }
    }

    private void process(jakarta.jms.Message in) throws JMSException {
        if (in.getStringProperty("JMSXGroupID") != null) {
            batchHasGroup = true;
        }
        String type = in.getStringProperty(Wire.TYPE);
        String operation = in.getStringProperty(Wire.OPERATION);
        if (type == null || type.isBlank()) {
            deadLetters.send(session, producer, in, Wire.DISPATCH_QUEUE, Wire.NO_TYPE,
                    "message has no " + Wire.TYPE + " property: set it to the message type, e.g. shape.circle",
                    null, null, FailedCalls.attempts(in));
            return;
        }
        if (!Message.isValidType(type)) {
            deadLetters.send(session, producer, in, Wire.DISPATCH_QUEUE, Wire.NO_TYPE,
                    Wire.TYPE + ": " + Message.typeProblem(type), null, null, FailedCalls.attempts(in));
            return;
        }
        HandlerEntry entry = index.resolve(type, operation);
        IdempotentGate gate = entry != null && entry.idempotent ? idempotence.get() : null;
        if (entry == null || entry.idempotent && gate == null) {
            // an idempotent handler is never called unchecked: without a receiver its messages wait, parked
            parking.park(session, producer, in, type);
            return;
        }
        Message message = JmsMessages.fromJms(in);
        String messageId = gate == null ? null : WireFormat.messageId(in);
        if (gate != null) {
            try {
                if (!firstTime(gate, entry, messageId)) {
                    metrics.duplicate(entry.name);
                    LOG.debug("Dispatch skips {} type={} for {}: message id {} was handled before",
                            WireFormat.describe(in), type, entry.label(), messageId);
                    Replies.ok(session, producer, in, null); // a waiting sender learns it was processed
                    return; // acknowledged with the batch, the handler not called
                }
            } catch (RejectedMessageException | RuntimeException e) {
                failedCalls.failed(session, producer, in, entry, e, 0); // the message has no id, or the receiver's database is down
                return;
            }
        }
        long timeout = entry.timeoutMillis > 0 ? entry.timeoutMillis : settings.handlerTimeoutMillis();
        if (entry.permits != null) {
            try {
                entry.permits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                forget(gate, entry, messageId); // rolled back, not handled
                throw new JMSException("interrupted waiting for a free slot of " + entry.label());
            }
        }
        HandlerCall current = new HandlerCall(in, entry, timeout, gate, messageId);
        call = current;
        Object result;
        Exception failure = null;
        try {
            result = await(entry.handler.handle(message), current);
        } catch (Exception e) {
            result = null;
            failure = e;
        } catch (Throwable e) {
            // the handler's bundle went away under it (LinkageError), it recursed without end (StackOverflowError):
            // a failure like any other, retried, never the end of this consumer
            result = null;
            failure = new IllegalStateException(e.toString(), e);
        }
        call = null;
        if (!current.finish()) {
            throw new Abandoned(); // the watchdog dead-lettered it (timeout) and replaced this consumer
        }
        entry.metrics.record(System.nanoTime() - current.startNanos, failure == null);
        if (failure != null) {
            forget(gate, entry, messageId);
            failedCalls.failed(session, producer, in, entry, failure, timeout);
        } else {
            Replies.ok(session, producer, in, result);
        }
    }

    /** A completion stage is awaited here, up to the call's deadline; other results are final. */
    private static Object await(Object result, HandlerCall call) throws Exception {
        if (!(result instanceof CompletionStage<?> stage)) {
            return result;
        }
        long left = Math.max(1, call.deadlineNanos - System.nanoTime());
        try {
            return stage.toCompletableFuture().get(left, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * Called by the watchdog every few milliseconds. A handler busy longer than {@code slowMillis} gets this
     * consumer closed, so the messages it prefetched go back to the queue for the others (not while a group is
     * in the transaction: a group stays in order). A handler past its timeout is dead-lettered here, on the
     * watchdog's thread, while the consumer thread is still inside the handler and not using the session.
     */
    void watch(long now, long slowMillis) {
        HandlerCall current = call;
        if (current == null) {
            return;
        }
        MessageConsumer c = consumer;
        if (c != null && !batchHasGroup && now - current.startNanos > slowMillis * 1_000_000) {
            consumer = null;
            try {
                c.close();
            } catch (JMSException | RuntimeException e) {
                // reopened by the consumer thread anyway
            }
        }
        if (now > current.deadlineNanos && current.expire()) {
            String label = current.entry.label();
            long timeout = (current.deadlineNanos - current.startNanos) / 1_000_000;
            loop.stop();
            forget(current.gate, current.entry, current.messageId);
            try {
                current.entry.metrics.record(now - current.startNanos, false);
                deadLetters.send(session, producer, current.message, Wire.DISPATCH_QUEUE, FailureKind.TIMEOUT.code,
                        FailureKind.TIMEOUT.reason(null, label, timeout, 0), new TimeoutException(), label,
                        FailedCalls.attempts(current.message) + 1);
                session.commit();
            } catch (JMSException | RuntimeException e) {
                LOG.warn("Dispatch could not dead-letter the timed-out message of {} ({}); the broker redelivers it",
                        label, e.toString());
            }
            LOG.warn("Dispatch handler {} overran its {} ms timeout; its thread is abandoned and a new consumer "
                    + "takes its place", label, timeout);
            close();
            onAbandon.run();
        }
    }

    private boolean firstTime(IdempotentGate gate, HandlerEntry entry, String messageId)
            throws RejectedMessageException {
        if (messageId == null) {
            throw new RejectedMessageException("idempotent handler " + entry.label() + " needs a message id: the "
                    + "message has none; set " + Wire.MESSAGE_ID);
        }
        return gate.firstTime(entry.consumer, messageId, settings.idempotentKeepFor());
    }

    /** The call failed: an idempotent handler's message id is forgotten, so its retry is handled. */
    private static void forget(IdempotentGate gate, HandlerEntry entry, String messageId) {
        if (gate == null) {
            return;
        }
        try {
            gate.forget(entry.consumer, messageId);
        } catch (RuntimeException e) {
            LOG.error("Dispatch could not forget message id {} of {} after its failure ({}): its retry will be "
                    + "taken for a duplicate until the record expires", messageId, entry.label(), e.toString());
        }
    }

    private void rollbackQuietly() {
        try {
            if (session != null) {
                session.rollback();
            }
        } catch (JMSException | RuntimeException ignored) {
            // the session is gone anyway; the broker redelivers what was not committed
        }
    }

    private synchronized void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (JMSException | RuntimeException ignored) {
            // closing a broken connection
        }
        connection = null;
        session = null;
        consumer = null;
    }

    /** Unwinds a consumer thread whose call the watchdog expired. */
    private static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super(null, null, false, false);
        }
    }
}
