package io.switchboard.delivery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.delivery.DeliveryResult;
import io.switchboard.delivery.DeliveryState;
import io.switchboard.delivery.internal.store.DeliveryStore;
import io.switchboard.dispatch.Message;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetransmitterTest {

    @TempDir
    Path dir;

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
    }

    @Test
    void aFailingEndpointIsRetriedWithBackoffUntilItAccepts() {
        // rule 4: transient failures are retried when due; the third attempt delivers
        Manual clock = new Manual();
        try (DeliveryStore store = store()) {
            Retransmitter r = new Retransmitter(store, new RetryPolicy(5, Duration.ofSeconds(10), 2,
                    Duration.ofMinutes(5), 0), clock);
            AtomicInteger calls = new AtomicInteger();
            r.addSink("erp", m -> calls.incrementAndGet() < 3 ? DeliveryResult.transientFailure("503")
                    : DeliveryResult.delivered());
            long id = store.schedule("erp", Message.builder("orders.created").id("m-1").build(), null, clock.now);
            assertEquals(1, r.runOnce(10));
            assertEquals(0, r.runOnce(10), "not due before its backoff");
            clock.now = clock.now.plusSeconds(10);
            assertEquals(1, r.runOnce(10));
            clock.now = clock.now.plusSeconds(20);
            assertEquals(1, r.runOnce(10));
            assertEquals(DeliveryState.DELIVERED, store.state(id));
            assertEquals(List.of("TRANSIENT_FAILURE", "TRANSIENT_FAILURE", "DELIVERED"), store.attempts(id));
        }
    }

    @Test
    void messagesForAnEndpointThatIsNotDeployedWaitWithoutSpendingAttempts() {
        // rule 4 / bad input: an unknown endpoint -> the messages wait, PENDING, and go once it is deployed
        Manual clock = new Manual();
        try (DeliveryStore store = store()) {
            Retransmitter r = new Retransmitter(store, RetryPolicy.DEFAULT, clock);
            long id = store.schedule("later", Message.builder("x").id("m-1").build(), null, clock.now);
            assertEquals(0, r.runOnce(10));
            assertEquals(DeliveryState.PENDING, store.state(id));
            r.addSink("later", m -> DeliveryResult.delivered());
            assertEquals(1, r.runOnce(10));
            assertEquals(DeliveryState.DELIVERED, store.state(id));
            assertEquals(List.of("DELIVERED"), store.attempts(id));
        }
    }

    @Test
    void aClaimThatWasNeverCompletedComesBackAfterTheLease() {
        // rule 4 / crash: a kill -9 between claim and complete leaves the row IN_FLIGHT; it comes back, uncounted
        Manual clock = new Manual();
        try (DeliveryStore store = store()) {
            long id = store.schedule("erp", Message.builder("x").id("m-1").build(), null, clock.now);
            store.claim(10, clock.now); // the claimer dies here
            Retransmitter r = new Retransmitter(store, RetryPolicy.DEFAULT, clock);
            r.addSink("erp", m -> DeliveryResult.delivered());
            assertEquals(0, r.releaseStaleClaims(Duration.ofSeconds(60)), "still within its lease");
            assertEquals(DeliveryState.IN_FLIGHT, store.state(id));
            clock.now = clock.now.plusSeconds(61);
            assertEquals(1, r.releaseStaleClaims(Duration.ofSeconds(60)));
            assertEquals(1, r.runOnce(10));
            assertEquals(List.of("DELIVERED"), store.attempts(id));
        }
    }

    @Test
    void aSinkThatThrowsCountsAsATransientFailureAndAPermanentOneIsDeadAtOnce() {
        Manual clock = new Manual();
        try (DeliveryStore store = store()) {
            Retransmitter r = new Retransmitter(store, RetryPolicy.DEFAULT, clock);
            r.addSink("throws", m -> {
                throw new IllegalStateException("connection refused");
            });
            r.addSink("refuses", m -> DeliveryResult.permanentFailure("400"));
            long thrown = store.schedule("throws", Message.builder("x").id("a").build(), null, clock.now);
            long refused = store.schedule("refuses", Message.builder("x").id("b").build(), null, clock.now);
            assertEquals(2, r.runOnce(10));
            assertEquals(DeliveryState.PENDING, store.state(thrown));
            assertEquals(DeliveryState.DEAD, store.state(refused));
        }
    }
}
