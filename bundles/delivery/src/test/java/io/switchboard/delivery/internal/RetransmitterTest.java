package io.switchboard.delivery.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.delivery.DeliveryResult;
import io.switchboard.delivery.DeliveryState;
import io.switchboard.delivery.internal.store.DeliveryStore;
import io.switchboard.delivery.internal.store.Outbox;
import io.switchboard.dispatch.Message;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetransmitterTest {

    @TempDir
    Path dir;

    /** Runs the retransmitter's sweep for attempts over their timeout. */
    private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimeouts() {
        timeouts.shutdownNow();
    }

    private DeliveryStore store() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("delivery") + ";WRITE_DELAY=0");
        return new DeliveryStore(ds, DeliveryStore.Vendor.H2);
    }

    /** A clock the test moves. */
    private static final class Manual extends Clock {
        Instant now = Instant.parse("2026-11-26T09:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        /** The ticker that goes with it: an endpoint idle for a second is asked again once the test moved on. */
        long ticks() {
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }
    }

    /** Workers that run each attempt as it is handed to them: a pass has attempted what it claimed when it returns. */
    private static final class CallerRuns implements Workers {
        @Override
        public void execute(Runnable attempt) {
            attempt.run();
        }

        @Override
        public void resize(int concurrency) {
        }

        @Override
        public void shutdownNow() {
        }
    }

    /** A retransmitter running attempts inline, with one retry policy for every endpoint and no breaker. */
    private Retransmitter inline(DeliveryStore store, Manual clock, RetryPolicy retry) {
        return inline(store, clock, e -> new EndpointPolicy(e, retry, Duration.ofSeconds(30), List.of(), 10, 1000,
                Duration.ofSeconds(10)));
    }

    private Retransmitter inline(DeliveryStore store, Manual clock, Function<String, EndpointPolicy> policies) {
        return new Retransmitter(store.claimer(), store.outcomes(), policies, clock, clock::ticks, "test",
                (endpoint, concurrency) -> new CallerRuns(), timeouts, new DeliveryMetrics(new SimpleMeterRegistry()),
                () -> { });
    }

    /**
     * A retransmitter with worker threads for {@code node}: every endpoint tries once ({@code timeout} per attempt,
     * {@code concurrency} workers); {@code woken} is released when an attempt finished.
     */
    private Retransmitter threaded(DeliveryStore store, Duration timeout, int concurrency, String node,
            java.util.concurrent.Semaphore woken) {
        return new Retransmitter(store.claimer(), store.outcomes(), e -> new EndpointPolicy(e, new RetryPolicy(0,
                Duration.ofMillis(1), 1, Duration.ofMillis(1), 0), timeout, List.of(), concurrency, 1000,
                Duration.ofSeconds(10)), Clock.systemUTC(), System::nanoTime, node, WorkerPool::new, timeouts,
                new DeliveryMetrics(new SimpleMeterRegistry()), woken::release);
    }

    /**
     * Does what the engine's thread does — claim, wait until an attempt reports ({@code woken}) or a moment passed,
     * write the outcomes — until {@code done}, for at most 10 s.
     */
    private static void drive(Retransmitter r, java.util.concurrent.Semaphore woken, BooleanSupplier done) {
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> {
            r.pass();
            woken.tryAcquire(20, java.util.concurrent.TimeUnit.MILLISECONDS);
            r.flush();
            return done.getAsBoolean();
        });
    }

    @Test
    void aFailingEndpointIsRetriedWithBackoffUntilItAccepts() {
        // rule 4: transient failures are retried when due; the third attempt delivers
        Manual clock = new Manual();
        try (DeliveryStore store = store()) {
            Retransmitter r = inline(store, clock, new RetryPolicy(5, Duration.ofSeconds(10), 2, Duration.ofMinutes(5), 0));
            AtomicInteger calls = new AtomicInteger();
            r.addSink("erp", m -> calls.incrementAndGet() < 3 ? DeliveryResult.transientFailure("503")
                    : DeliveryResult.delivered());
            long id = store.outbox().schedule("erp", Message.builder("orders.created").id("m-1").build(), null, clock.now);
            assertEquals(1, r.runOnce());
            assertEquals(0, r.runOnce(), "not due before its backoff");
            clock.now = clock.now.plusSeconds(10);
            assertEquals(1, r.runOnce());
            clock.now = clock.now.plusSeconds(20);
            assertEquals(1, r.runOnce());
            assertEquals(DeliveryState.DELIVERED, store.state(id));
            assertEquals(List.of("TRANSIENT_FAILURE", "TRANSIENT_FAILURE", "DELIVERED"), store.attempts(id));
        }
    }

    @Test
    void messagesForAnEndpointThatIsNotDeployedWaitWithoutSpendingAttempts() {
        // rule 4 / bad input: an unknown endpoint -> the messages wait, PENDING, and go once it is deployed
        Manual clock = new Manual();
        try (DeliveryStore store = store()) {
            Retransmitter r = inline(store, clock, RetryPolicy.DEFAULT);
            long id = store.outbox().schedule("later", Message.builder("x").id("m-1").build(), null, clock.now);
            assertEquals(0, r.runOnce());
            assertEquals(DeliveryState.PENDING, store.state(id));
            r.addSink("later", m -> DeliveryResult.delivered());
            assertEquals(1, r.runOnce());
            assertEquals(DeliveryState.DELIVERED, store.state(id));
            assertEquals(List.of("DELIVERED"), store.attempts(id));
        }
    }

    @Test
    void aClaimThatWasNeverCompletedComesBackAfterTheLease() {
        // rule 4 / crash: a kill -9 between claim and complete leaves the row IN_FLIGHT; it comes back, uncounted
        Manual clock = new Manual();
        try (DeliveryStore store = store()) {
            long id = store.outbox().schedule("erp", Message.builder("x").id("m-1").build(), null, clock.now);
            store.claimer().claim(10, clock.now); // the claimer dies here
            Retransmitter r = inline(store, clock, RetryPolicy.DEFAULT);
            r.addSink("erp", m -> DeliveryResult.delivered());
            assertEquals(0, r.releaseStaleClaims(Duration.ofSeconds(60)), "still within its lease");
            assertEquals(DeliveryState.IN_FLIGHT, store.state(id));
            clock.now = clock.now.plusSeconds(61);
            assertEquals(1, r.releaseStaleClaims(Duration.ofSeconds(60)));
            assertEquals(1, r.runOnce());
            assertEquals(List.of("DELIVERED"), store.attempts(id));
        }
    }

    @Test
    void messagesGivenBackAfterAnUnansweredCommitAreDeliveredAtTheNextPassWithoutAnAttemptSpent() {
        // the accept path stored a batch claimed but heard a failure: the rows are given back, not held for the lease
        Manual clock = new Manual();
        try (DeliveryStore store = store()) {
            Retransmitter r = inline(store, clock, RetryPolicy.DEFAULT);
            r.addSink("erp", m -> DeliveryResult.delivered());
            List<Long> claimed = store.outbox().scheduleAll(List.of(new Outbox.Accepted("erp",
                    Message.builder("x").id("m-1").build(), null)), clock.now, 1, "test").stream()
                    .map(io.switchboard.delivery.internal.store.Claimed::id).toList();
            assertEquals(0, r.runOnce(), "claimed for this node, and no worker has it");
            r.giveBack(claimed);
            r.flush();
            r.arrived("erp"); // the broker's redelivery of the batch, stored again, says so
            assertEquals(1, r.runOnce());
            assertEquals(DeliveryState.DELIVERED, store.state(claimed.get(0)));
            assertEquals(List.of("DELIVERED"), store.attempts(claimed.get(0)));
        }
    }

    @Test
    void aSinkThatThrowsCountsAsATransientFailureAndAPermanentOneIsDeadAtOnce() {
        Manual clock = new Manual();
        try (DeliveryStore store = store()) {
            Retransmitter r = inline(store, clock, RetryPolicy.DEFAULT);
            r.addSink("throws", m -> {
                throw new IllegalStateException("connection refused");
            });
            r.addSink("refuses", m -> DeliveryResult.permanentFailure("400"));
            long thrown = store.outbox().schedule("throws", Message.builder("x").id("a").build(), null, clock.now);
            long refused = store.outbox().schedule("refuses", Message.builder("x").id("b").build(), null, clock.now);
            assertEquals(2, r.runOnce());
            assertEquals(DeliveryState.PENDING, store.state(thrown));
            assertEquals(DeliveryState.DEAD, store.state(refused));
        }
    }

    @Test
    void aFailingMessageHoldsBackOnlyTheLaterMessagesOfItsKey() {
        // rule 4: ordering per key
        Manual clock = new Manual();
        try (DeliveryStore store = store()) {
            Retransmitter r = inline(store, clock, new RetryPolicy(0, Duration.ofSeconds(10), 1, Duration.ofSeconds(10), 0));
            List<String> delivered = new java.util.ArrayList<>();
            r.addSink("erp", m -> {
                if (m.id().equals("a1") && delivered.stream().noneMatch("fail-once"::equals)) {
                    delivered.add("fail-once");
                    return DeliveryResult.transientFailure("503");
                }
                delivered.add(m.id());
                return DeliveryResult.delivered();
            });
            for (String id : List.of("a1", "b1", "a2", "b2", "c1")) {
                store.outbox().schedule("erp", Message.builder("x").id(id).build(), id.substring(0, 1), clock.now);
            }
            r.runOnce();
            r.runOnce();
            r.runOnce();
            assertEquals(List.of("fail-once", "b1", "c1", "b2"), delivered, "a2 waits behind a1; b and c go on");
            clock.now = clock.now.plusSeconds(10);
            r.runOnce();
            r.runOnce();
            assertEquals(List.of("fail-once", "b1", "c1", "b2", "a1", "a2"), delivered);
        }
    }

    @Test
    void aDownEndpointOpensTheBreakerAndIsProbedNotHammered() {
        // rule 4: the breaker opens after 3 failures; while open nothing is attempted; one probe closes it again
        Manual clock = new Manual();
        try (DeliveryStore store = store()) {
            Retransmitter r = inline(store, clock, e -> new EndpointPolicy(e, new RetryPolicy(0, Duration.ofSeconds(1), 1,
                    Duration.ofSeconds(1), 0), Duration.ofSeconds(30), List.of(), 1, 3, Duration.ofSeconds(30)));
            AtomicInteger calls = new AtomicInteger();
            boolean[] down = {true};
            r.addSink("erp", m -> {
                calls.incrementAndGet();
                return down[0] ? DeliveryResult.transientFailure("connection refused") : DeliveryResult.delivered();
            });
            for (int i = 0; i < 20; i++) {
                store.outbox().schedule("erp", Message.builder("x").id("m-" + i).build(), null, clock.now);
            }
            for (int i = 0; i < 10; i++) {
                r.runOnce();
                clock.now = clock.now.plusSeconds(1);
            }
            assertEquals(3, calls.get(), "three failures open the breaker; then no attempts");
            assertEquals("OPEN", r.circuit("erp"));
            clock.now = clock.now.plusSeconds(30);
            r.runOnce();
            assertEquals(4, calls.get(), "one probe after the open period");
            assertEquals("OPEN", r.circuit("erp"), "the probe failed: open again");
            down[0] = false;
            clock.now = clock.now.plusSeconds(31);
            r.runOnce();
            assertEquals("CLOSED", r.circuit("erp"));
            for (int i = 0; i < 25; i++) {
                r.runOnce();
            }
            assertEquals(24, calls.get(), "20 messages: 4 failed attempts, 20 deliveries");
        }
    }

    @Test
    void aMessageTheSinkRefusesUntriedNeitherResetsNorClosesTheBreaker() {
        // issue 14 item 9: a producer mixing unsendable messages in must not keep a down endpoint's breaker shut,
        // and such a message taken as the half-open probe must not close it untried
        Manual clock = new Manual();
        try (DeliveryStore store = store()) {
            Retransmitter r = inline(store, clock, e -> new EndpointPolicy(e, new RetryPolicy(0, Duration.ofSeconds(1), 1,
                    Duration.ofSeconds(1), 0), Duration.ofSeconds(30), List.of(), 1, 3, Duration.ofSeconds(30)));
            r.addSink("erp", m -> m.id().startsWith("bad") ? DeliveryResult.refused("header x: a line break")
                    : DeliveryResult.transientFailure("connection refused"));
            for (int i = 0; i < 3; i++) {
                store.outbox().schedule("erp", Message.builder("x").id("bad-" + i).build(), null, clock.now);
                store.outbox().schedule("erp", Message.builder("x").id("down-" + i).build(), null, clock.now);
            }
            for (int i = 0; i < 6; i++) {
                r.runOnce();
            }
            assertEquals("OPEN", r.circuit("erp"), "three transient failures open it, refused messages between them");
            long bad = store.outbox().schedule("erp", Message.builder("x").id("bad-probe").build(), null, clock.now);
            clock.now = clock.now.plusSeconds(31);
            r.runOnce();
            assertEquals(DeliveryState.DEAD, store.state(bad));
            assertNotEquals("CLOSED", r.circuit("erp"), "a refused probe says nothing of the endpoint");
        }
    }

    @Test
    void aFailureMatchingAPermanentPatternIsDeadAtOnce() {
        // rule 2: which failures are permanent is part of the policy
        Manual clock = new Manual();
        try (DeliveryStore store = store()) {
            Retransmitter r = inline(store, clock, e -> new EndpointPolicy(e, RetryPolicy.DEFAULT, Duration.ofSeconds(30),
                    List.of(java.util.regex.Pattern.compile("HTTP 4\\d\\d")), 1, 5, Duration.ofSeconds(10)));
            r.addSink("erp", m -> DeliveryResult.transientFailure("HTTP 404 Not Found"));
            long id = store.outbox().schedule("erp", Message.builder("x").id("m-1").build(), null, clock.now);
            r.runOnce();
            assertEquals(DeliveryState.DEAD, store.state(id));
        }
    }

    @Test
    void anAttemptOverItsTimeoutFailsAndTheEndpointRunsAtMostItsConcurrency() throws Exception {
        // rule 2/4: attempt timeout and per-endpoint concurrency, with real worker threads
        try (DeliveryStore store = store()) {
            java.util.concurrent.Semaphore woken = new java.util.concurrent.Semaphore(0);
            Retransmitter r = threaded(store, Duration.ofMillis(300), 2, "test", woken);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            r.addSink("slow", m -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(m.id().equals("hangs") ? 5_000 : 50);
                } finally {
                    running.decrementAndGet();
                }
                return DeliveryResult.delivered();
            });
            long hangs = store.outbox().schedule("slow", Message.builder("x").id("hangs").build(), null, Instant.now());
            for (int i = 0; i < 10; i++) {
                store.outbox().schedule("slow", Message.builder("x").id("m-" + i).build(), null, Instant.now());
            }
            drive(r, woken, () -> !store.attempts(hangs).isEmpty());
            assertEquals("TRANSIENT_FAILURE", store.attempts(hangs).get(0), "the hanging attempt timed out");
            assertTrue(most.get() <= 2, "at most 2 at once, saw " + most.get());
            r.close();
        }
    }

    @Test
    void aMessageHandedOverIsDeliveredWithoutAClaimAndOneWithoutRoomWaitsToBeClaimed() throws Exception {
        // the accept path's hand-over: stored already claimed, attempted at once; past the room, stored to wait
        try (DeliveryStore store = store()) {
            java.util.concurrent.Semaphore woken = new java.util.concurrent.Semaphore(0);
            Retransmitter r = threaded(store, Duration.ofSeconds(30), 1, "node-a", woken);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            assertEquals(false, r.reserve("erp", 10), "no room before the endpoint has a sink");
            r.addSink("erp", m -> {
                seen.add(m.id());
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return DeliveryResult.delivered();
            });
            assertEquals(0, r.pass(), "nothing stored yet; the endpoint's lane opens");
            // concurrency 1: room for 64 handed over (its claims' share) until a rate is measured
            int reserved = 0;
            while (r.reserve("erp", 10)) {
                reserved++;
            }
            assertEquals(64, reserved);
            r.unreserve("erp", 63, 630);
            List<Outbox.Accepted> batch = List.of(
                    new Outbox.Accepted("erp", Message.builder("x").id("fast").build(), null),
                    new Outbox.Accepted("erp", Message.builder("x").id("waits").build(), null));
            List<io.switchboard.delivery.internal.store.Claimed> claimed = store.outbox().scheduleAll(batch, Instant.now(), 1,
                    "node-a");
            assertEquals(1, claimed.size());
            long fast = claimed.get(0).id();
            assertEquals(DeliveryState.IN_FLIGHT, store.state(fast), "stored claimed, in one transaction");
            r.handOver(claimed);
            await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
            assertEquals(List.of("fast"), seen, "attempted at once, with no claim");
            release.countDown();
            drive(r, woken, () -> store.state(fast) == DeliveryState.DELIVERED);
            assertEquals(DeliveryState.DELIVERED, store.state(fast));
            drive(r, woken, () -> seen.size() >= 2);
            assertEquals(List.of("fast", "waits"), seen, "the one without room was claimed, once");
            r.close();
        }
    }
}
