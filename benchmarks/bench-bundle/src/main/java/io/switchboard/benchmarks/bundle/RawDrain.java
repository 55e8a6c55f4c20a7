package io.switchboard.benchmarks.bundle;

import io.switchboard.dispatch.Message;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw JMS peer of the dispatcher: the same transacted consumers committing in the same batches and the same
 * JSON decode per message, without dispatch. Used in-VM by {@link BenchServlet} and over TCP by the harness.
 */
public final class RawDrain {

    private RawDrain() {
    }

    /** Drains {@code n} messages from {@code queue}; returns msg/s from the first to the last message taken. */
    public static double drain(ConnectionFactory factory, String queue, int n, int consumers, int batch)
            throws JMSException, InterruptedException {
        AtomicLong taken = new AtomicLong();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        CountDownLatch done = new CountDownLatch(consumers);
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            Connection c = factory.createConnection();
            connections.add(c);
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            c.start();
            new Thread(() -> {
                try {
                    int inBatch = 0;
                    while (taken.get() < n) {
                        jakarta.jms.Message m = inBatch == 0 ? consumer.receive(200) : consumer.receiveNoWait();
                        if (m == null) {
                            if (inBatch > 0) {
                                s.commit();
                                inBatch = 0;
                            }
                            continue;
                        }
                        Message.builder("raw").body(((TextMessage) m).getText().getBytes(StandardCharsets.UTF_8),
                                Message.JSON).build().body(Map.class);
                        long now = System.nanoTime();
                        if (taken.getAndIncrement() == 0) {
                            first.set(now);
                        }
                        last.accumulateAndGet(now, Math::max);
                        if (++inBatch >= batch) {
                            s.commit();
                            inBatch = 0;
                        }
                    }
                    s.commit();
                } catch (JMSException e) {
                    // the count shows what was taken
                } finally {
                    done.countDown();
                }
            }, "bench-raw-" + i).start();
        }
        done.await();
        for (Connection c : connections) {
            c.close();
        }
        return (taken.get() - 1) * 1e9 / (last.get() - first.get());
    }
}
