package io.switchboard.dispatch.runtime.internal;

import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.PayloadException;
import io.switchboard.dispatch.RejectedMessageException;
import io.switchboard.dispatch.Wire;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of {@code switchboard.dispatch}: takes a message, runs its handler, replies, and acknowledges it
 * in one broker transaction with everything the message caused (reply, retry copy, parked or dead-lettered copy).
 * Several messages share a transaction while more are waiting, so a busy queue costs one commit per batch; a
 * message is acknowledged only after its handler succeeded, so a crash redelivers, never loses.
 */
final class DispatchConsumer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchConsumer.class);

    private final ConnectionFactory factory;
    private final DispatchSettings settings;
    private final HandlerIndex index;
    private final Invoker invoker;
    private final ParkingLot parking;
    private final DeadLetters deadLetters;
    private final DispatchMetrics metrics;
    private volatile boolean running = true;

    private Connection connection;
    private Session session;
    private MessageConsumer consumer;
    private MessageProducer producer;

    DispatchConsumer(ConnectionFactory factory, DispatchSettings settings, HandlerIndex index, Invoker invoker,
            ParkingLot parking, DeadLetters deadLetters, DispatchMetrics metrics) {
        this.factory = factory;
        this.settings = settings;
        this.index = index;
        this.invoker = invoker;
        this.parking = parking;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        boolean failing = false;
        while (running) {
            try {
                open();
                if (failing) {
                    LOG.info("Dispatch consumer reconnected to {}", Wire.DISPATCH_QUEUE);
                    failing = false;
                }
                consume();
            } catch (JMSException | RuntimeException e) {
                if (running && !failing) {
                    LOG.warn("Dispatch consumer lost its session ({}); retrying every second", e.toString());
                }
                failing = true;
                rollbackQuietly();
                pause(1000);
            } finally {
                close();
            }
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
        while (running) {
            jakarta.jms.Message in = inBatch == 0 ? consumer.receive(500) : consumer.receiveNoWait();
            if (in == null) {
                if (inBatch > 0) {
                    session.commit();
                    inBatch = 0;
                }
                continue;
            }
            process(in);
            if (++inBatch >= settings.batchSize()) {
                session.commit();
                inBatch = 0;
            }
        }
        if (inBatch > 0) {
            session.commit();
        }
    }

    private void process(jakarta.jms.Message in) throws JMSException {
        String type = in.getStringProperty(Wire.TYPE);
        String operation = in.getStringProperty(Wire.OPERATION);
        if (type == null || type.isBlank()) {
            deadLetters.send(session, producer, in, Wire.DISPATCH_QUEUE, Wire.NO_TYPE,
                    "message has no " + Wire.TYPE + " property: set it to the message type, e.g. shape.circle",
                    null, null, attempts(in));
            return;
        }
        if (!Message.isValidType(type)) {
            deadLetters.send(session, producer, in, Wire.DISPATCH_QUEUE, Wire.NO_TYPE, Wire.TYPE + " '" + type
                    + "' is not a dot-separated type name of letters, digits, '_' and '-'", null, null, attempts(in));
            return;
        }
        HandlerEntry entry = index.resolve(type, operation);
        if (entry == null) {
            parking.park(session, producer, in, type);
            return;
        }
        Message message = WireFormat.toMessage(in);
        long timeout = entry.timeoutMillis > 0 ? entry.timeoutMillis : settings.handlerTimeoutMillis();
        long start = System.nanoTime();
        Object result;
        try {
            result = invoker.invoke(entry, message, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("interrupted while handling " + in.getJMSMessageID());
        } catch (Exception e) {
            entry.metrics.record(System.nanoTime() - start, false);
            failed(in, entry, e, timeout);
            return;
        }
        entry.metrics.record(System.nanoTime() - start, true);
        Replies.ok(session, producer, in, result);
    }

    private void failed(jakarta.jms.Message in, HandlerEntry entry, Exception e, long timeout) throws JMSException {
        int attempts = attempts(in) + 1;
        if (e instanceof TimeoutException) {
            deadLetters.send(session, producer, in, Wire.DISPATCH_QUEUE, Wire.TIMEOUT, "handler " + entry.label()
                    + " did not complete within " + timeout + " ms", e, entry.label(), attempts);
        } else if (e instanceof PayloadException) {
            deadLetters.send(session, producer, in, Wire.DISPATCH_QUEUE, Wire.BAD_PAYLOAD, e.getMessage(), e,
                    entry.label(), attempts);
        } else if (e instanceof RejectedMessageException) {
            deadLetters.send(session, producer, in, Wire.DISPATCH_QUEUE, Wire.REJECTED, e.getMessage(), e,
                    entry.label(), attempts);
        } else if (attempts >= settings.maxAttempts()) {
            deadLetters.send(session, producer, in, Wire.DISPATCH_QUEUE, Wire.HANDLER_FAILED,
                    "failed " + attempts + " times, last: " + e, e, entry.label(), attempts);
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
                    settings.maxAttempts(), in.getJMSMessageID(), in.getStringProperty(Wire.TYPE), entry.label(), e,
                    delay);
        }
    }

    private static int attempts(jakarta.jms.Message in) throws JMSException {
        return in.propertyExists(Wire.ATTEMPTS) ? in.getIntProperty(Wire.ATTEMPTS) : 0;
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

    private void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (JMSException | RuntimeException ignored) {
            // closing a broken connection
        }
        connection = null;
        session = null;
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
