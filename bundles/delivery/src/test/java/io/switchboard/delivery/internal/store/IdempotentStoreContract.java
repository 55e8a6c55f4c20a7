package io.switchboard.delivery.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What the idempotent receiver guarantees, on every database it supports (H2 here, PostgreSQL in the services suite). */
abstract class IdempotentStoreContract {

    private static final Duration DAY = Duration.ofDays(1);
    private static final int RACERS = 16;

    /** A fresh, empty database; the same one on every call within a test. */
    abstract DataSource database();

    abstract DeliveryStore.Vendor vendor();

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private IdempotentStore store;

    /**
     * The store on a migrated database; made on first use, not in a {@code @BeforeEach}, because a subclass's
     * {@code @BeforeEach} (the PostgreSQL schema) runs after this class's.
     */
    private IdempotentStore store() {
        if (store == null) {
            new DeliveryStore(database(), vendor()).close(); // the delivery store owns the schema, V3 included
            store = new IdempotentStore(database(), vendor(), clock);
        }
        return store;
    }

    @Test
    void theFirstTimeIsTrueAndEveryLaterTimeFalsePerConsumer() {
        // the contract: seen once per consumer; another consumer or another id is another first time
        assertTrue(store().firstTime("billing", "m-1", DAY));
        assertFalse(store().firstTime("billing", "m-1", DAY));
        assertFalse(store().firstTime("billing", "m-1", DAY));
        assertTrue(store().firstTime("shipping", "m-1", DAY));
        assertTrue(store().firstTime("billing", "m-2", DAY));
    }

    @Test
    void anExpiredRecordLetsTheIdThroughOnceMore() {
        // expiry: after keepFor the id is new again, and is then kept for its new keepFor
        assertTrue(store().firstTime("billing", "m-1", Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(10));
        assertFalse(store().firstTime("billing", "m-1", DAY), "expires only after keepFor, not at it");
        clock.advance(Duration.ofMillis(1));
        assertTrue(store().firstTime("billing", "m-1", DAY));
        clock.advance(Duration.ofHours(23));
        assertFalse(store().firstTime("billing", "m-1", DAY), "the take-over renewed the record");
    }

    @Test
    void aForgottenIdIsProcessedAgain() {
        // removeOnFailure: processing failed, so the redelivery must be processed
        assertTrue(store().firstTime("billing", "m-1", DAY));
        store().forget("billing", "m-1");
        assertTrue(store().firstTime("billing", "m-1", DAY));
        assertFalse(store().firstTime("billing", "m-1", DAY));
        store().forget("billing", "never-seen"); // nothing to forget: no error
        store().forget("shipping", "m-1");
        assertFalse(store().firstTime("billing", "m-1", DAY), "forgetting for one consumer leaves the others");
    }

    @Test
    void sixteenThreadsRacingForANewIdGetExactlyOneTrue() throws Exception {
        // concurrency: the unique key lets exactly one insert win
        assertEquals(1, race(() -> store().firstTime("billing", "race-new", DAY)));
    }

    @Test
    void sixteenThreadsRacingForAnExpiredIdGetExactlyOneTrue() throws Exception {
        // concurrency: the take-over of an expired row is re-checked under its row lock
        assertTrue(store().firstTime("billing", "race-expired", Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, race(() -> store().firstTime("billing", "race-expired", DAY)));
    }

    @Test
    void twoStoresOnOneDatabaseActAsOneReceiver() throws Exception {
        // nodes: another store instance (another node's) sees the first one's records
        IdempotentStore otherNode = new IdempotentStore(database(), vendor(), clock);
        assertTrue(store().firstTime("billing", "m-1", DAY));
        assertFalse(otherNode.firstTime("billing", "m-1", DAY));
        otherNode.forget("billing", "m-1");
        assertTrue(store().firstTime("billing", "m-1", DAY));
    }

    @Test
    void purgeDeletesOnlyExpiredRowsInBatches() throws Exception {
        // expiry housekeeping: every expired row goes, across several batches; live rows stay
        for (int i = 0; i < 25; i++) {
            store().firstTime("billing", "old-" + i, Duration.ofMinutes(1));
        }
        store().firstTime("billing", "live", DAY);
        clock.advance(Duration.ofMinutes(5));
        assertEquals(25, store().purgeExpired(clock.instant(), 10));
        assertEquals(1, rows());
        assertEquals(0, store().purgeExpired(clock.instant(), 10));
        assertFalse(store().firstTime("billing", "live", DAY));
    }

    @Test
    void blankOrOverlongArgumentsAreRefusedByName() {
        // bad input: each error names the argument
        assertMessage("consumer", () -> store().firstTime(null, "m-1", DAY));
        assertMessage("consumer", () -> store().firstTime(" ", "m-1", DAY));
        assertMessage("messageId", () -> store().firstTime("billing", "", DAY));
        assertMessage("messageId", () -> store().forget("billing", null));
        assertMessage("keepFor", () -> store().firstTime("billing", "m-1", Duration.ZERO));
        assertMessage("messageId is 201 characters", () -> store().firstTime("billing", "x".repeat(201), DAY));
        assertTrue(store().firstTime("billing", "x".repeat(200), DAY), "200 characters fit");
        assertMessage("batch", () -> store().purgeExpired(Instant.now(), 0));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** Runs {@code call} on {@value #RACERS} threads released at once; how many got true. */
    private static int race(Callable<Boolean> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch ready = new CountDownLatch(RACERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            ready.await();
            go.countDown();
            int wins = 0;
            for (Future<Boolean> f : results) {
                wins += f.get() ? 1 : 0;
            }
            return wins;
        } finally {
            pool.shutdownNow();
        }
    }

    private int rows() throws Exception {
        try (Connection c = database().getConnection();
                ResultSet r = c.createStatement().executeQuery("select count(*) from sb_idempotent")) {
            r.next();
            return r.getInt(1);
        }
    }

    /** A clock the test moves: expiry without sleeping. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
