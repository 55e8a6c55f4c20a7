package io.switchboard.benchmarks;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Plain JMS over TCP: the preloading producer and the raw peers (consumer, responder, requester). */
final class BenchClients {

    /** A 1 KB JSON document, the body of every measured message. */
    static final String BODY;

    static {
        StringBuilder b = new StringBuilder("{\"id\":12345,\"customer\":\"ACME Corp\",\"items\":[");
        while (b.length() < 960) {
            b.append("{\"sku\":\"SKU-").append(b.length()).append("\",\"qty\":3},");
        }
        b.setLength(b.length() - 1);
        b.append("],\"note\":\"");
        while (b.length() < 1022) {
            b.append('x');
        }
        BODY = b.append("\"}").toString();
    }

    private BenchClients() {
    }

    /** A benchmark's body. */
    interface Run {
        void run(String[] args) throws Exception;
    }

    /**
     * Runs a benchmark's main and exits with 0 or 1 here, while the class loader exec:java gives us is open: the
     * shutdown hooks stop the platform (and drop a test schema); after exec:java returns they could no longer load
     * their classes.
     */
    static void main(String[] args, Run run) {
        try {
            run.run(args);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** Puts {@code n} 1 KB messages on {@code queue} with 4 transacted producers; returns when all are stored. */
    static void preload(ConnectionFactory factory, String queue, int n, boolean persistent, String type)
            throws Exception {
        preload(factory, queue, n, persistent, type, i -> BODY);
    }

    /** As {@link #preload(ConnectionFactory, String, int, boolean, String)}, message i of each producer's share
     * with the body {@code body.apply(i)}. */
    static void preload(ConnectionFactory factory, String queue, int n, boolean persistent, String type,
            java.util.function.IntFunction<String> body) throws Exception {
        int threads = 4;
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = n / threads + (t < n % threads ? 1 : 0);
            all.add(CompletableFuture.runAsync(() -> {
                try (Connection c = factory.createConnection()) {
                    Session s = c.createSession(true, Session.SESSION_TRANSACTED);
                    MessageProducer p = s.createProducer(s.createQueue(queue));
                    p.setDeliveryMode(persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
                    for (int i = 0; i < share; i++) {
                        TextMessage m = s.createTextMessage(body.apply(i));
                        if (type != null) {
                            m.setStringProperty("SB_TYPE", type);
                        }
                        p.send(m);
                        if (i % 500 == 499) {
                            s.commit();
                        }
                    }
                    s.commit();
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    /** Answers every message on {@code queue} to its JMSReplyTo with the same body (the raw request/reply peer). */
    static Connection responder(ConnectionFactory factory, String queue) throws JMSException {
        Connection c = factory.createConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer replies = s.createProducer(null);
        s.createConsumer(s.createQueue(queue)).setMessageListener(m -> {
            try {
                TextMessage reply = s.createTextMessage(Json.encode(Json.decode(((TextMessage) m).getText())));
                reply.setJMSCorrelationID(m.getJMSMessageID());
                replies.send(m.getJMSReplyTo(), reply);
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        c.start();
        return c;
    }

    /** Sequential request/reply latencies to {@code queue}, in ms: {p50, p99, mean}. */
    static double[] requestReply(ConnectionFactory factory, String queue, int n, int warmup, String type)
            throws JMSException {
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.TemporaryQueue replies = s.createTemporaryQueue();
            MessageConsumer consumer = s.createConsumer(replies);
            MessageProducer producer = s.createProducer(s.createQueue(queue));
            c.start();
            long[] nanos = new long[n];
            for (int i = 0; i < warmup + n; i++) {
                TextMessage m = s.createTextMessage(BODY);
                if (type != null) {
                    m.setStringProperty("SB_TYPE", type);
                }
                m.setJMSReplyTo(replies);
                long start = System.nanoTime();
                producer.send(m);
                if (consumer.receive(10_000) == null) {
                    throw new IllegalStateException("no reply from " + queue);
                }
                if (i >= warmup) {
                    nanos[i - warmup] = System.nanoTime() - start;
                }
            }
            return percentiles(nanos);
        }
    }

    static double[] percentiles(long[] nanos) {
        Arrays.sort(nanos);
        return new double[] {nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6,
            Arrays.stream(nanos).average().orElse(0) / 1e6};
    }
}
