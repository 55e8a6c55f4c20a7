package io.switchboard.it.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.delivery.internal.store.DeliveryStore;
import io.switchboard.delivery.internal.store.IdempotentStore;
import io.switchboard.testing.Platform;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The delivery crash test (issue 5): the platform runs as a separate process; 100,000 messages are sent to
 * {@code switchboard.deliver.crash} while the HTTP endpoint is down; then it fails 20% of attempts at random; the
 * platform is killed with {@code kill -9} three times (once while the messages are still being sent) and restarted.
 * The endpoint keeps an idempotent receiver (the platform's own {@link IdempotentStore}, on a database of its own):
 * every message must be processed, each exactly once, and the store must hold one delivered row per message.
 */
final class CrashRun {

    static final int MESSAGES = 100_000;
    private static final int BATCH = 1_000;

    private final Platform platform;
    private final DataSource storeDatabase;
    private HttpServer endpoint;
    private IdempotentStore receiver;
    private volatile boolean up;
    /** The platform is running and ready: false from just before a kill until the restart's ready line. */
    private volatile boolean platformReady;
    private final Map<Integer, AtomicInteger> processed = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong recognised = new AtomicLong();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger resentBatches = new AtomicInteger();
    private volatile Throwable senderFailure;

    /**
     * @param platform a platform not started yet
     * @param storeDatabase the platform's delivery database, read after the run (H2: while the platform is stopped)
     */
    CrashRun(Platform platform, DataSource storeDatabase) {
        this.platform = platform;
        this.storeDatabase = storeDatabase;
    }

    /** The configuration files the run drops into deploy/ before the first start. */
    static String policy() {
        return """
                # never give up; short delays so the run takes a minute, not an hour
                maxAttempts = 0
                initialDelay = 200ms
                maxDelay = 2s
                concurrency = 16
                # 20% random failures must not open the breaker; the down phase must
                breakerThreshold = 30
                breakerOpenFor = 1s
                """;
    }

    void run(Path work) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + work.resolve("endpoint-receiver") + ";WRITE_DELAY=0");
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(h2);
        pool.setMaximumPoolSize(32);
        HikariDataSource receiverDb = new HikariDataSource(pool);
        new DeliveryStore(receiverDb, DeliveryStore.Vendor.H2).close(); // migrates: sb_idempotent
        receiver = new IdempotentStore(receiverDb, DeliveryStore.Vendor.H2);
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        endpoint.setExecutor(Executors.newFixedThreadPool(32));
        endpoint.createContext("/crash", this::handle);
        endpoint.start();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crash-progress");
            t.setDaemon(true);
            return t;
        });
        try {
            platform.drop(policy().getBytes(StandardCharsets.UTF_8), "io.switchboard.delivery.endpoint~crash.cfg");
            platform.drop(("url = http://127.0.0.1:" + endpoint.getAddress().getPort() + "/crash\n")
                    .getBytes(StandardCharsets.UTF_8), "io.switchboard.delivery.http~crash.cfg");
            long started = System.nanoTime();
            platform.start();
            platformReady = true;
            Thread sender = new Thread(this::send, "crash-sender");
            sender.start();
            progress.scheduleAtFixedRate(() -> System.out.printf("Delivery crash test: %3d s: %,d sent, %,d requests, "
                    + "%,d refused, %,d processed, %,d recognised%n",
                    Duration.ofNanos(System.nanoTime() - started).toSeconds(), sent.get(), requests.get(),
                    refused.get(), processed.size(), recognised.get()), 10, 10, TimeUnit.SECONDS);
            // kill 1: while messages are still being sent (the endpoint is down)
            await(() -> sent.get() >= 30_000, Duration.ofMinutes(2), "30,000 sent");
            killAndRestart(1);
            sender.join(Duration.ofMinutes(5).toMillis());
            assertTrue(senderFailure == null, "the sender failed: " + senderFailure);
            assertEquals(MESSAGES, sent.get(), "every batch was committed");
            // the endpoint stays down 5 s more with every message waiting: its breaker lets probes through, no storm.
            // A rate is the rule here, so 5 s of downtime is what is observed; a storm fails the wait as it happens.
            long refusedBefore = refused.get();
            Awaitility.await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7))
                    .untilAsserted(() -> assertTrue(refused.get() - refusedBefore < 200, () -> "a down endpoint is "
                            + "probed, not hammered: " + (refused.get() - refusedBefore) + " requests within 5 s"));
            long downRefused = refused.get() - refusedBefore;
            System.out.printf("Delivery crash test: down for 5 s with %,d messages waiting: %d request(s)%n", MESSAGES,
                    downRefused);
            assertTrue(downRefused > 0 && downRefused < 200, "a down endpoint is probed, not hammered: "
                    + downRefused + " requests in 5 s");
            up = true; // the endpoint comes up, failing 20% of attempts
            await(() -> processed.size() >= 30_000, Duration.ofMinutes(3), "30,000 processed");
            killAndRestart(2);
            await(() -> processed.size() >= 65_000, Duration.ofMinutes(3), "65,000 processed");
            killAndRestart(3);
            await(() -> processed.size() >= MESSAGES, Duration.ofMinutes(5), "every message processed");
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            // a message the endpoint processed just before a kill has no outcome in the store yet: it is sent again
            // (after its backoff) and recognised by the receiver; the store settles once no attempt is left
            await(this::settled, Duration.ofMinutes(1), "nothing pending or in flight in the store");
            assertEquals(0, platform.stop(), "graceful stop at the end");
            long[] rows = rows();
            System.out.printf("Delivery crash test: %,d sent (%d batch(es) resent after a kill), 3 kill -9s, "
                    + "%,d requests at the endpoint, %,d refused (down or 20%% failures), %,d processed, "
                    + "%,d redeliveries recognised by the idempotent receiver, %,d rows in the store "
                    + "(%,d delivered, %,d distinct message ids), %d s%n", sent.get(), resentBatches.get(),
                    requests.get(), refused.get(), processed.size(), recognised.get(), rows[0], rows[1], rows[2],
                    seconds);
            assertEquals(MESSAGES, processed.size(), "every message processed");
            processed.forEach((order, n) -> assertEquals(1, n.get(), "order " + order + " processed " + n + " times"));
            assertEquals(MESSAGES, rows[0], "one stored row per message: no duplicate from the accept path");
            assertEquals(MESSAGES, rows[1], "every stored message delivered");
            assertEquals(MESSAGES, rows[2]);
        } finally {
            progress.shutdownNow(); // else it goes on printing while the next test classes run
            endpoint.stop(0);
            platform.close();
            receiverDb.close();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            if (!up || ThreadLocalRandom.current().nextInt(5) == 0) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            int order = Integer.parseInt(exchange.getRequestHeaders().getFirst("order"));
            if (receiver.firstTime("crash-endpoint", key, Duration.ofDays(1))) {
                processed.computeIfAbsent(order, o -> new AtomicInteger()).incrementAndGet();
            } else {
                recognised.incrementAndGet();
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    /** Sends in transacted batches; a batch whose commit a kill interrupted is sent again, with the same ids. */
    private void send() {
        try {
            int next = 0;
            while (next < MESSAGES) {
                try (Connection c = new ActiveMQConnectionFactory(platform.brokerUrl() + "?reconnectAttempts=0",
                        "admin", Platform.ADMIN_PASSWORD).createConnection()) {
                    Session s = c.createSession(true, Session.SESSION_TRANSACTED);
                    MessageProducer p = s.createProducer(s.createQueue("switchboard.deliver.crash"));
                    while (next < MESSAGES) {
                        for (int i = next; i < next + BATCH; i++) {
                            TextMessage m = s.createTextMessage("{\"order\":" + i + ",\"padding\":\""
                                    + "x".repeat(64) + "\"}");
                            m.setStringProperty("SB_MESSAGE_ID", "order-" + i);
                            m.setStringProperty("order", Integer.toString(i));
                            p.send(m);
                        }
                        s.commit();
                        next += BATCH;
                        sent.set(next);
                    }
                } catch (JMSException | RuntimeException e) {
                    resentBatches.incrementAndGet();
                    // the platform is down: try again once it is back
                    Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> platformReady);
                }
            }
        } catch (Throwable t) {
            senderFailure = t;
        }
    }

    private void killAndRestart(int n) throws Exception {
        platformReady = false;
        platform.kill();
        System.out.printf("Delivery crash test: kill -9 #%d at %,d sent, %,d processed%n", n, sent.get(),
                processed.size());
        platform.start();
        platformReady = true;
    }

    private void await(BooleanSupplier condition, Duration timeout, String what) {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            String log = platform.log();
            throw new AssertionError("never reached: " + what + " (" + processed.size() + " processed, "
                    + requests.get() + " requests)\nlog (end):\n" + log.substring(Math.max(0, log.length() - 20_000)));
        }
    }

    /** The endpoint's summary in the running platform shows nothing left to send. */
    private boolean settled() {
        for (var e : platform.api("/api/v1/delivery/endpoints")) {
            if (e.path("name").asText().equals("crash")) {
                return e.path("pending").asLong() == 0 && e.path("inFlight").asLong() == 0;
            }
        }
        return false;
    }

    /** Rows in the store for the endpoint: all, delivered, distinct message ids. */
    private long[] rows() throws Exception {
        try (var c = storeDatabase.getConnection(); var st = c.createStatement();
                ResultSet r = st.executeQuery("select count(*), sum(case when state = 'DELIVERED' then 1 else 0 end), "
                        + "count(distinct message_id) from sb_delivery where endpoint = 'crash'")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2), r.getLong(3)};
        }
    }
}
