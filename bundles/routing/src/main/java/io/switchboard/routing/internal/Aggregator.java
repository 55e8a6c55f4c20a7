package io.switchboard.routing.internal;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code aggregate} step. Partial aggregates live in the broker, not in memory: each message is put on the step's
 * holding queue ({@code switchboard.aggregate.<route>.<step>}, with its correlation key in {@value #KEY}) in the
 * transaction that acknowledges it at the source. A group completes by size, by a predicate on a message, or when
 * its first message is {@code completionTimeout} old; then its messages are taken from the holding queue by a
 * selector on the key, combined, and the step's nested steps run for the aggregate — all in one transaction, so a
 * crash leaves either the parts or the aggregate, never neither, never both. A restart (or a new version of the
 * file) counts the groups again by browsing the holding queue.
 */
final class Aggregator implements Step, Steps.Nesting {

    private static final Logger LOG = LoggerFactory.getLogger("io.switchboard.routing");
    static final String KEY = "SB_AGG_KEY";

    private final String route;
    private final Target holding;
    private final Function<Exchange, Object> correlation;
    private final int completionSize;
    private final long completionTimeout;
    private final Predicate<Exchange> completionPredicate;
    private final boolean jsonArray;
    private final Pipeline then;

    /** Per key: messages held and when the first arrived (ms); guarded by itself. */
    private final Map<String, long[]> groups = new LinkedHashMap<>();
    private final List<String> complete = new ArrayList<>();
    private volatile boolean running;
    private Thread thread;
    /** What becomes of an aggregate that can never pass: the route's, set at start. */
    private volatile RouteFailures failures;

    Aggregator(String route, String path, Function<Exchange, Object> correlation, int completionSize,
            long completionTimeout, Predicate<Exchange> completionPredicate, boolean jsonArray, Pipeline then) {
        this.route = route;
        this.holding = Target.parse("jms:queue:switchboard.aggregate." + route + "." + path);
        this.correlation = correlation;
        this.completionSize = completionSize;
        this.completionTimeout = completionTimeout;
        this.completionPredicate = completionPredicate;
        this.jsonArray = jsonArray;
        this.then = then;
    }

    @Override
    public List<Pipeline> children() {
        return List.of(then);
    }

    @Override
    public boolean run(Exchange x, Sender out) throws Exception {
        Object k = correlation.apply(x);
        if (k == null || String.valueOf(k).isBlank()) {
            throw new Steps.BadMessage("aggregate: the message has no correlation key");
        }
        String key = String.valueOf(k);
        boolean completes = completionPredicate != null && completionPredicate.test(x);
        Object before = x.headers.put(KEY, key);
        out.send(holding, x);
        if (before == null) {
            x.headers.remove(KEY);
        } else {
            x.headers.put(KEY, before);
        }
        out.afterCommit(() -> added(key, completes));
        return false; // the message itself goes no further in this block: the aggregate does
    }

    private void added(String key, boolean completes) {
        synchronized (groups) {
            long[] g = groups.computeIfAbsent(key, any -> new long[] {0, System.currentTimeMillis()});
            g[0]++;
            if ((completes || completionSize > 0 && g[0] >= completionSize) && !complete.contains(key)) {
                complete.add(key);
                groups.notifyAll();
            }
        }
    }

    /**
     * Counts the groups waiting in the holding queue, then completes groups as they fill or time out; a group whose
     * aggregate can never pass goes to the route's dead-letter target through {@code failures}.
     */
    void start(ConnectionFactory factory, Services services, RouteFailures failures) {
        this.failures = failures;
        running = true;
        thread = new Thread(() -> work(factory, services), "switchboard-route-" + route + "-aggregate");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        synchronized (groups) {
            groups.notifyAll();
        }
        if (thread != null) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (groups) {
            groups.clear();
            complete.clear();
        }
    }

    private void work(ConnectionFactory factory, Services services) {
        long backoff = 500;
        while (running) {
            try (Connection c = factory.createConnection()) {
                c.start();
                Session session = c.createSession(true, Session.SESSION_TRANSACTED);
                recount(session);
                backoff = 500;
                while (running) {
                    String key = next();
                    if (key != null) {
                        completeGroup(c, session, key, services);
                    }
                }
            } catch (JMSException | RuntimeException e) {
                if (running) {
                    LOG.error("Route {}: aggregating failed ({}); again in {} ms", route, e.toString(), backoff);
                    sleep(backoff);
                    backoff = Math.min(30_000, backoff * 2);
                }
            }
        }
    }

    private void recount(Session session) throws JMSException {
        Map<String, long[]> found = new LinkedHashMap<>();
        try (QueueBrowser browser = session.createBrowser(session.createQueue(holding.name()))) {
            for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements();) {
                Message m = (Message) e.nextElement();
                long at = m.getJMSTimestamp();
                long[] g = found.computeIfAbsent(m.getStringProperty(KEY), k -> new long[] {0, at});
                g[0]++;
                g[1] = Math.min(g[1], at);
            }
        }
        synchronized (groups) {
            found.forEach((k, g) -> {
                groups.put(k, g);
                if (completionSize > 0 && g[0] >= completionSize) {
                    complete.add(k);
                }
            });
        }
        if (!found.isEmpty()) {
            LOG.info("Route {}: {} partial aggregate(s) found in {}", route, found.size(), holding.name());
        }
    }

    /** The next group to complete: full, by predicate, or timed out; waits up to 100 ms for one. */
    private String next() {
        synchronized (groups) {
            if (complete.isEmpty()) {
                try {
                    groups.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            if (!complete.isEmpty()) {
                return complete.remove(0);
            }
            if (completionTimeout > 0) {
                long now = System.currentTimeMillis();
                for (Map.Entry<String, long[]> g : groups.entrySet()) {
                    if (now - g.getValue()[1] >= completionTimeout) {
                        return g.getKey();
                    }
                }
            }
            return null;
        }
    }

    private void completeGroup(Connection c, Session session, String key, Services services) throws JMSException {
        List<Message> parts = new ArrayList<>();
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(holding.name()),
                KEY + " = '" + key.replace("'", "''") + "'")) {
            Message m;
            while ((m = parts.isEmpty() ? consumer.receive(1000) : consumer.receiveNoWait()) != null) {
                parts.add(m);
            }
        }
        synchronized (groups) {
            groups.remove(key);
        }
        if (parts.isEmpty()) {
            session.commit();
            return;
        }
        Exchange aggregate = new Exchange(parts.get(0));
        List<String> bodies = new ArrayList<>();
        for (Message part : parts) {
            bodies.add(new Exchange(part).bodyText());
        }
        String body = jsonArray ? "[" + String.join(",", bodies) + "]" : String.join("\n", bodies);
        aggregate.body(body.getBytes(StandardCharsets.UTF_8));
        aggregate.headers.put("SB_AGG_SIZE", parts.size());
        Sender sender = new Sender(session, services, c);
        try {
            sender.beginMessage();
            then.run(aggregate, sender);
            sender.flush(aggregate);
            sender.commit();
            LOG.debug("Route {}: aggregate {} of {} message(s) done", route, key, parts.size());
        } catch (Pipeline.StepFailure | JMSException | RuntimeException e) {
            if (neverPasses(e)) { // a loop of routes, a body no step can read: trying again changes nothing
                MessageProducer producer = session.createProducer(null);
                for (Message part : parts) {
                    failures.handle(part, sender, producer, true, e, true);
                }
                sender.commit();
                return;
            }
            sender.rollback();
            synchronized (groups) {
                long[] g = groups.computeIfAbsent(key, k -> new long[] {0, System.currentTimeMillis()});
                g[0] += parts.size();
            }
            LOG.warn("Route {}: the aggregate {} failed ({}); its {} message(s) stay in {} and are tried again",
                    route, key, e.getMessage(), parts.size(), holding.name());
            sleep(1000);
        }
    }

    private static boolean neverPasses(Exception e) {
        return e instanceof Pipeline.LoopLimitException || e instanceof Pipeline.StepFailure f && f.permanent;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
