package io.switchboard.delivery.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.delivery.DeliveryResult;
import io.switchboard.delivery.DeliveryState;
import io.switchboard.delivery.internal.RetryPolicy;
import io.switchboard.dispatch.Message;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What the store guarantees, on every database it supports (H2 here, PostgreSQL in the services suite). */
abstract class DeliveryStoreContract {

    /** A fresh, empty database; the same one on every call within a test. */
    abstract DataSource database();

    abstract DeliveryStore.Vendor vendor();

    private static Message message(String id) {
        return Message.builder("orders.created").id(id).json(Map.of("order", id)).header("source", "test").build();
    }

    @Test
    void theSameMessageIdIsStoredOncePerEndpoint() {
        // rule 3: accepting a message twice (a crash between commit and JMS ack) creates no duplicate row
        try (DeliveryStore store = new DeliveryStore(database(), vendor())) {
            Instant now = Instant.now();
            long first = store.outbox().schedule("erp", message("m-1"), null, now);
            assertEquals(first, store.outbox().schedule("erp", message("m-1"), null, now));
            assertTrue(store.outbox().schedule("crm", message("m-1"), null, now) != first, "another endpoint is another row");
            assertEquals(2, store.claimer().claim(10, now).size());
        }
    }

    @Test
    void messagesStoredClaimedAreNotClaimedAgainAndComeBackWhenTheirNodeRestarts() {
        // the accept path's hand-over: the first messages of a batch are stored IN_FLIGHT for the node that takes
        // them; a crash before their outcome gives them back as any claim
        try (DeliveryStore store = new DeliveryStore(database(), vendor())) {
            Instant now = Instant.now();
            List<Outbox.Accepted> batch = List.of(new Outbox.Accepted("erp", message("m-1"), null),
                    new Outbox.Accepted("erp", message("m-2"), null));
            List<Claimed> claimed = store.outbox().scheduleAll(batch, now, 1, "node-a");
            assertEquals(1, claimed.size());
            assertEquals("m-1", claimed.get(0).message().id());
            assertEquals(0, claimed.get(0).attempts());
            assertEquals(DeliveryState.IN_FLIGHT, store.state(claimed.get(0).id()));
            assertEquals(List.of("m-2"), store.claimer().claim(10, now).stream().map(c -> c.message().id()).toList());
            assertEquals(1, store.claimer().releaseClaimsOf("node-a"), "node-a restarts: what it held comes back");
            assertEquals(List.of("m-1"), store.claimer().claim(10, now).stream().map(c -> c.message().id()).toList());
            assertEquals(List.of(), store.outbox().scheduleAll(batch, now, 2, "node-a"),
                    "a batch already stored (redelivered by the broker) is claimed by no one again");
        }
    }

    @Test
    void aBatchWhoseCommitWentUnansweredNamesWhatItClaimedSoItCanBeGivenBack() {
        // the hand-over when the connection is lost during the commit: the rows are stored all the same, claimed for
        // the node with no worker attempting them, and the broker's redelivery finds them stored; given back, they
        // wait and are claimed at once instead of after the claim lease
        TestDatabases.AnswerLost db = new TestDatabases.AnswerLost(database());
        try (DeliveryStore store = new DeliveryStore(db.dataSource(), vendor())) {
            Instant now = Instant.now();
            List<Outbox.Accepted> batch = List.of(new Outbox.Accepted("erp", message("m-1"), null),
                    new Outbox.Accepted("erp", message("m-2"), null));
            db.loseNextCommitAnswer();
            Outbox.Unsettled unsettled = assertThrows(Outbox.Unsettled.class,
                    () -> store.outbox().scheduleAll(batch, now, 1, "node-a"));
            assertEquals(1, unsettled.claimed().size());
            assertEquals(DeliveryState.IN_FLIGHT, store.state(unsettled.claimed().get(0)), "stored all the same");
            assertEquals(List.of(), store.outbox().scheduleAll(batch, now, 2, "node-a"), "the redelivered batch claims none");
            store.claimer().releaseClaims(unsettled.claimed());
            assertEquals(List.of("m-1", "m-2"), store.claimer().claim(10, now).stream().map(c -> c.message().id()).sorted()
                    .toList());
        }
    }

    @Test
    void outcomesWrittenAgainAfterTheirCommitWentUnansweredAreRecordedOnce() {
        // the retransmitter writes a batch of outcomes again when its commit failed; if the commit happened all the
        // same, the second write records nothing: no second attempt row, and no claim taken since is overwritten
        TestDatabases.AnswerLost db = new TestDatabases.AnswerLost(database());
        RetryPolicy retry = new RetryPolicy(5, Duration.ofSeconds(10), 2, Duration.ofMinutes(1), 0);
        try (DeliveryStore store = new DeliveryStore(db.dataSource(), vendor())) {
            Instant now = Instant.now();
            long id = store.outbox().schedule("erp", message("m-1"), null, now);
            Claimed first = store.claimer().claim(1, now).get(0);
            List<Outcomes.Completion> failed = List.of(new Outcomes.Completion(first,
                    DeliveryResult.transientFailure("503"), retry, now));
            db.loseNextCommitAnswer();
            assertThrows(RuntimeException.class, () -> store.outcomes().completeAll(failed));
            Claimed second = store.claimer().claim(1, now.plusSeconds(10)).get(0); // another node, meanwhile
            assertEquals(1, second.attempts());
            assertEquals(java.util.Collections.singletonList(null), store.outcomes().completeAll(failed), "recorded before");
            assertEquals(DeliveryState.IN_FLIGHT, store.state(id), "the later claim keeps the row");
            assertEquals(List.of("TRANSIENT_FAILURE"), store.attempts(id));
            assertEquals(List.of(DeliveryState.DELIVERED), store.outcomes().completeAll(List.of(new Outcomes.Completion(
                    second, DeliveryResult.delivered(), retry, now.plusSeconds(10)))));
            assertEquals(List.of("TRANSIENT_FAILURE", "DELIVERED"), store.attempts(id));
        }
    }

    @Test
    void aClaimedMessageIsNotClaimedAgainAndComesBackWhole() {
        // rule 4: claims are exclusive; the message round-trips with its headers and body
        try (DeliveryStore store = new DeliveryStore(database(), vendor())) {
            Instant now = Instant.now();
            store.outbox().schedule("erp", message("m-1"), "customer-7", now);
            List<Claimed> claimed = store.claimer().claim(10, now);
            assertEquals(1, claimed.size());
            assertEquals(List.of(), store.claimer().claim(10, now));
            Claimed c = claimed.get(0);
            assertEquals("customer-7", c.orderingKey());
            assertEquals("orders.created", c.message().type());
            assertEquals("test", c.message().header("source"));
            assertEquals(Map.of("order", "m-1"), c.message().body(Map.class));
        }
    }

    @Test
    void transientFailuresBackOffFromThePersistedCountThenTheMessageIsDeadWithItsHistory() {
        // rule 4: backoff from the stored attempt count (survives restarts), DEAD after the last attempt
        RetryPolicy twice = new RetryPolicy(2, Duration.ofSeconds(10), 2, Duration.ofMinutes(1), 0);
        Instant now = Instant.now();
        long id;
        try (DeliveryStore store = new DeliveryStore(database(), vendor())) {
            id = store.outbox().schedule("erp", message("m-1"), null, now);
            Claimed c = store.claimer().claim(1, now).get(0);
            assertEquals(DeliveryState.PENDING, store.outcomes().complete(c, DeliveryResult.transientFailure("503"), twice, now));
            assertEquals(List.of(), store.claimer().claim(1, now.plusSeconds(9)), "due only after the 10 s backoff");
        }
        try (DeliveryStore reopened = new DeliveryStore(database(), vendor())) { // a restart
            Claimed again = reopened.claimer().claim(1, now.plusSeconds(11)).get(0);
            assertEquals(1, again.attempts());
            assertEquals(DeliveryState.DEAD, reopened.outcomes().complete(again, DeliveryResult.transientFailure("503"), twice,
                    now.plusSeconds(11)));
            assertEquals(DeliveryState.DEAD, reopened.state(id));
            assertEquals(List.of("TRANSIENT_FAILURE", "TRANSIENT_FAILURE"), reopened.attempts(id));
        }
    }

    @Test
    void aPermanentFailureIsDeadAtOnceAndADeliveredOneIsDone() {
        try (DeliveryStore store = new DeliveryStore(database(), vendor())) {
            Instant now = Instant.now();
            long dead = store.outbox().schedule("erp", message("m-1"), null, now);
            long done = store.outbox().schedule("erp", message("m-2"), null, now);
            for (Claimed c : store.claimer().claim(10, now)) {
                store.outcomes().complete(c, c.id() == dead ? DeliveryResult.permanentFailure("400 bad request")
                        : DeliveryResult.delivered(), RetryPolicy.DEFAULT, now);
            }
            assertEquals(DeliveryState.DEAD, store.state(dead));
            assertEquals(DeliveryState.DELIVERED, store.state(done));
        }
    }

    @Test
    void aSchemaThatDoesNotMatchTheEntitiesIsRefusedAtStart() throws Exception {
        // bad input: the schema is validated at start and the error names the missing column
        DataSource ds = database();
        new DeliveryStore(ds, vendor()).close();
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute("alter table sb_delivery drop column last_error");
        }
        Exception e = assertThrows(Exception.class, () -> new DeliveryStore(ds, vendor()));
        assertTrue(String.valueOf(e.getMessage()).contains("last_error"), e.getMessage());
    }

    @Test
    void aClaimFromAPositionSkipsWhatCameBeforeAndTheNextFromTheBeginningFindsIt() {
        // rule 4, non-blocking claims: continuing from where the last claim stopped; a claim taken back is behind it
        try (DeliveryStore store = new DeliveryStore(database(), vendor())) {
            Instant now = Instant.now();
            for (int i = 0; i < 5; i++) {
                store.outbox().schedule("erp", message("m-" + i), null, now.plusMillis(i));
            }
            Instant later = now.plusSeconds(1);
            List<Claimed> first = store.claimer().claim("erp", 2, later, "n1");
            assertEquals(List.of("m-0", "m-1"), first.stream().map(c -> c.message().id()).toList());
            store.claimer().releaseClaims(List.of(first.get(0).id())); // taken back: due again, behind the position
            List<Claimed> next = store.claimer().claim("erp", 10, later, "n1", first.get(1).position());
            assertEquals(List.of("m-2", "m-3", "m-4"), next.stream().map(c -> c.message().id()).toList());
            assertEquals(List.of("m-0"), store.claimer().claim("erp", 10, later, "n1", null).stream()
                    .map(c -> c.message().id()).toList());
        }
    }
}
