package io.switchboard.delivery.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.delivery.AttemptInfo;
import io.switchboard.delivery.AuditEntry;
import io.switchboard.delivery.DeliveryResult;
import io.switchboard.delivery.DeliveryState;
import io.switchboard.delivery.EndpointSummary;
import io.switchboard.delivery.MessageDetail;
import io.switchboard.delivery.MessageFilter;
import io.switchboard.delivery.Page;
import io.switchboard.delivery.StoredMessage;
import io.switchboard.delivery.internal.RetryPolicy;
import io.switchboard.delivery.internal.store.Claimed;
import io.switchboard.delivery.internal.store.DeliveryStore;
import io.switchboard.dispatch.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the operations guarantee, on every database the store supports (H2 here, PostgreSQL in the services suite). */
abstract class OperationsStoreContract {

    /** A fresh, empty database; the same one on every call within a test. */
    abstract DataSource database();

    abstract DeliveryStore.Vendor vendor();

    private final AtomicInteger wakes = new AtomicInteger();
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    private DeliveryStore delivery;
    private OperationsStore store;
    private Operations ops;

    @BeforeEach
    void open() {
        delivery = new DeliveryStore(database(), vendor());
        store = new OperationsStore(delivery.sessions());
        ops = new Operations(store, () -> Set.of("erp", "idle"), e -> e.equals("erp") ? "CLOSED" : null,
                wakes::incrementAndGet);
    }

    @AfterEach
    void close() {
        delivery.close();
    }

    private long schedule(String endpoint, String id) {
        return delivery.outbox().schedule(endpoint, Message.builder("orders.created").id(id).json(Map.of("order", id))
                .header("source", "test").build(), null, t0);
    }

    /** Claims every due message and completes each with {@code result}. */
    private void attemptAll(DeliveryResult result, Instant at) {
        for (Claimed c : delivery.claimer().claim(100, at)) {
            delivery.outcomes().complete(c, result, RetryPolicy.DEFAULT, at);
        }
    }

    private static List<String> walk(Operations ops, MessageFilter filter, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Page<StoredMessage> page = ops.list(filter, cursor, limit);
            assertTrue(page.items().size() <= limit);
            page.items().forEach(m -> ids.add(m.messageId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return ids;
    }

    @Test
    void pagesFollowTheCursorInDueOrderWhateverTheFilter() {
        // keyset paging: every message once, by next attempt time (for delivered and dead ones: their last attempt),
        // then id, for each combination of endpoint and state; completed in the reverse of their id order
        for (int i = 1; i <= 7; i++) {
            schedule(i % 2 == 0 ? "crm" : "erp", "m-" + i);
        }
        Map<String, DeliveryResult> results = Map.of("m-1", DeliveryResult.permanentFailure("400"),
                "m-2", DeliveryResult.delivered(), "m-3", DeliveryResult.permanentFailure("400"));
        RetryPolicy noJitter = new RetryPolicy(10, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(10), 0);
        for (Claimed c : delivery.claimer().claim(10, t0)) { // the others wait for another attempt, due 1 s after theirs
            int i = Integer.parseInt(c.message().id().substring(2));
            delivery.outcomes().complete(c, results.getOrDefault(c.message().id(), DeliveryResult.transientFailure("503")),
                    noJitter, t0.plus(Duration.ofMinutes(i >= 6 ? 1 : 8 - i))); // m-6 and m-7 at the same time
        }
        assertEquals(List.of("m-6", "m-7", "m-5", "m-4", "m-3", "m-2", "m-1"), walk(ops, MessageFilter.ALL, 3));
        assertEquals(List.of("m-7", "m-5", "m-3", "m-1"), walk(ops, MessageFilter.of("erp", null), 2));
        assertEquals(List.of("m-7", "m-5"), walk(ops, MessageFilter.of("erp", DeliveryState.PENDING), 1));
        assertEquals(List.of("m-3", "m-1"), walk(ops, MessageFilter.of(null, DeliveryState.DEAD), 1));
        assertEquals(List.of("m-6", "m-7", "m-5", "m-4"), walk(ops, MessageFilter.of(null, DeliveryState.PENDING), 3));
        assertEquals(List.of("m-3"), walk(ops, new MessageFilter(null, null, "m-3", null, null), 5));
        Page<StoredMessage> exact = ops.list(MessageFilter.of("crm", null), null, 3);
        assertEquals(3, exact.items().size());
        assertNull(exact.nextCursor(), "a page that holds the rest says it is the last");
        assertThrows(IllegalArgumentException.class, () -> ops.list(MessageFilter.ALL, "x", 10));
        assertThrows(IllegalArgumentException.class, () -> ops.list(MessageFilter.ALL, null, 501));
    }

    @Test
    void endpointsAreTheDeployedOnesAndThoseWithUndeliveredMessages() {
        schedule("erp", "m-1");
        schedule("erp", "m-2");
        schedule("gone", "m-3");
        attemptAll(DeliveryResult.permanentFailure("400"), t0); // all three dead
        schedule("erp", "m-4");
        schedule("erp", "m-5");
        delivery.claimer().claim(1, t0, List.of("erp")); // m-4 in flight
        assertEquals(List.of(new EndpointSummary("erp", true, "CLOSED", 1, 1, 2),
                new EndpointSummary("gone", false, null, 0, 0, 1),
                new EndpointSummary("idle", true, null, 0, 0, 0)), ops.endpoints());
    }

    @Test
    void detailShowsHeadersBodyAndAttemptsAndUnknownIdsAreNotFound() {
        long id = schedule("erp", "m-1");
        attemptAll(DeliveryResult.transientFailure("503"), t0);
        MessageDetail detail = ops.detail(Long.toString(id));
        assertEquals("m-1", detail.message().messageId());
        assertEquals(DeliveryState.PENDING, detail.message().state());
        assertEquals(1, detail.message().attempts());
        assertEquals("503", detail.message().lastError());
        assertEquals(Map.of("source", "test"), detail.headers());
        assertEquals("{\"order\":\"m-1\"}", new String(detail.body(), StandardCharsets.UTF_8));
        assertEquals(List.of(new AttemptInfo(1, t0, "TRANSIENT_FAILURE", "503")), detail.attempts());
        assertThrows(NoSuchElementException.class, () -> ops.detail(Long.toString(id + 1000)));
        assertThrows(NoSuchElementException.class, () -> ops.detail("not-an-id"));
    }

    @Test
    void retryAndEditAreRefusedWhileAnAttemptIsRunning() {
        // bad input: a message in flight is not changed under its claimer; the error names it and its state
        long id = schedule("erp", "m-1");
        delivery.claimer().claim(1, t0);
        String sid = Long.toString(id);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ops.retryNow(sid, "alice"));
        assertTrue(e.getMessage().contains(sid) && e.getMessage().contains("IN_FLIGHT"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> ops.editAndRetry(sid, Map.of(), null, null, "alice"));
        assertThrows(NoSuchElementException.class, () -> ops.retryNow(Long.toString(id + 1000), "alice"));
        assertEquals(DeliveryState.IN_FLIGHT, delivery.state(id));
        assertEquals(List.of(), ops.audit(null, 10).items(), "a refused change leaves no audit row");
    }

    @Test
    void retryNowMakesAWaitingMessageDueAndKeepsItsCount() {
        long id = schedule("erp", "m-1");
        attemptAll(DeliveryResult.transientFailure("503"), t0); // due again after the backoff
        assertEquals(List.of(), delivery.claimer().claim(1, t0));
        ops.retryNow(Long.toString(id), "alice");
        List<Claimed> due = delivery.claimer().claim(1, Instant.now());
        assertEquals(1, due.size());
        assertEquals(1, due.get(0).attempts());
        assertEquals(1, wakes.get(), "the retransmitter is told");
    }

    @Test
    void replayMakesDeadMessagesDueWithNoAttemptsAndKeepsTheirHistory() {
        long dead = schedule("erp", "m-1");
        schedule("crm", "m-2");
        attemptAll(DeliveryResult.permanentFailure("400"), t0);
        assertEquals(1, ops.replayDead(MessageFilter.of("erp", null), "alice"));
        assertEquals(DeliveryState.PENDING, delivery.state(dead));
        assertEquals(0, ops.detail(Long.toString(dead)).message().attempts());
        attemptAll(DeliveryResult.transientFailure("503"), Instant.now());
        List<AttemptInfo> history = ops.detail(Long.toString(dead)).attempts();
        assertEquals(List.of("PERMANENT_FAILURE", "TRANSIENT_FAILURE"), history.stream().map(AttemptInfo::outcome)
                .toList(), "the history spans the replay, oldest first");
        assertEquals(List.of(1, 1), history.stream().map(AttemptInfo::attempt).toList());
        assertThrows(IllegalArgumentException.class,
                () -> ops.replayDead(MessageFilter.of("crm", DeliveryState.PENDING), "alice"));
    }

    @Test
    void replayAndPurgeWorkInBatches() {
        // bulk changes commit a batch at a time and still cover every matching message
        for (int i = 1; i <= 7; i++) {
            schedule("erp", "m-" + i);
        }
        attemptAll(DeliveryResult.permanentFailure("400"), t0);
        assertEquals(7, store.replayDead(MessageFilter.of("erp", null), "alice", t0, 2));
        assertEquals(7, store.purge(MessageFilter.of("erp", DeliveryState.PENDING), "alice", t0, 3));
        assertEquals(List.of(), walk(ops, MessageFilter.ALL, 10));
    }

    @Test
    void aDeliveredMessageSentAgainKeepsItsDeliveredAttemptInTheHistory() {
        // the delivered attempt is held by the message's row, not an attempt row: the history shows it all the same
        long id = schedule("erp", "m-1");
        attemptAll(DeliveryResult.transientFailure("503"), t0);
        Instant t1 = t0.plusSeconds(600);
        attemptAll(DeliveryResult.delivered(), t1);
        List<AttemptInfo> delivered = List.of(new AttemptInfo(1, t0, "TRANSIENT_FAILURE", "503"),
                new AttemptInfo(2, t1, "DELIVERED", null));
        assertEquals(delivered, ops.detail(Long.toString(id)).attempts());
        ops.retryNow(Long.toString(id), "alice");
        assertEquals(delivered, ops.detail(Long.toString(id)).attempts(), "sent again: the history stays");
        Instant t2 = Instant.now();
        attemptAll(DeliveryResult.delivered(), t2);
        List<AttemptInfo> again = new ArrayList<>(delivered);
        again.add(new AttemptInfo(1, OperationsStore.micros(t2), "DELIVERED", null));
        assertEquals(again, ops.detail(Long.toString(id)).attempts());
    }

    @Test
    void editReplacesHeadersAndBodyAndSendsTheMessageAgain() {
        long id = schedule("erp", "m-1");
        attemptAll(DeliveryResult.permanentFailure("400 missing field"), t0);
        ops.editAndRetry(Long.toString(id), Map.of("source", "fixed"), "{\"order\":7}".getBytes(StandardCharsets.UTF_8),
                null, "alice");
        Claimed again = delivery.claimer().claim(1, Instant.now()).get(0);
        assertEquals(0, again.attempts());
        assertEquals("fixed", again.message().header("source"));
        assertEquals(Map.of("order", 7), again.message().body(Map.class));
        assertEquals(Message.JSON, again.message().contentType(), "left out: the content type stays");
    }

    @Test
    void purgeDeletesMessagesWithTheirAttemptsButNoneInFlight() {
        long dead = schedule("erp", "m-1");
        attemptAll(DeliveryResult.permanentFailure("400"), t0);
        long flying = schedule("erp", "m-2");
        delivery.claimer().claim(1, t0);
        long other = schedule("crm", "m-3");
        attemptAll(DeliveryResult.permanentFailure("400"), t0);
        assertEquals(1, ops.purge(MessageFilter.of("erp", null), "alice"));
        assertNull(delivery.state(dead));
        assertEquals(List.of(), delivery.attempts(dead));
        assertEquals(DeliveryState.IN_FLIGHT, delivery.state(flying));
        assertEquals(DeliveryState.DEAD, delivery.state(other));
        assertEquals(List.of("PERMANENT_FAILURE"), delivery.attempts(other));
    }

    @Test
    void everyChangeIsAuditedNewestFirst() {
        long id = schedule("erp", "m-1");
        attemptAll(DeliveryResult.permanentFailure("400"), t0);
        ops.retryNow(Long.toString(id), "alice");
        attemptAll(DeliveryResult.permanentFailure("400"), Instant.now());
        ops.replayDead(MessageFilter.of("erp", null), "bob");
        ops.purge(MessageFilter.of("erp", DeliveryState.PENDING), "shell");
        Page<AuditEntry> first = ops.audit(null, 2);
        Page<AuditEntry> second = ops.audit(first.nextCursor(), 2);
        assertNull(second.nextCursor());
        List<AuditEntry> all = new ArrayList<>(first.items());
        all.addAll(second.items());
        assertEquals(List.of("shell purge endpoint=erp state=PENDING 1", "bob replay endpoint=erp state=DEAD 1",
                "alice retry message " + id + " 1"), all.stream().map(a -> a.actor() + " " + a.action() + " "
                + a.target() + " " + a.affected()).toList());
    }

    @Test
    void retentionDeletesOldDeliveredMessagesInBatches() {
        // retention: only delivered rows completed before the cutoff go, with their attempts, a batch at a time
        List<Long> old = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            old.add(schedule("erp", "old-" + i));
        }
        attemptAll(DeliveryResult.delivered(), t0);
        long dead = schedule("erp", "dead-1");
        attemptAll(DeliveryResult.permanentFailure("400"), t0);
        long recent = schedule("erp", "new-1");
        attemptAll(DeliveryResult.delivered(), t0.plusSeconds(7200));
        assertEquals(5, store.purgeDelivered(t0.plusSeconds(3600), 2));
        for (long id : old) {
            assertNull(delivery.state(id));
            assertEquals(List.of(), delivery.attempts(id));
        }
        assertEquals(DeliveryState.DEAD, delivery.state(dead));
        assertEquals(DeliveryState.DELIVERED, delivery.state(recent));
        assertEquals(List.of("DELIVERED"), delivery.attempts(recent));
        assertEquals(0, store.purgeDelivered(t0.plusSeconds(3600), 2));
        AuditEntry audit = ops.audit(null, 1).items().get(0);
        assertEquals("retention retention 5", audit.actor() + " " + audit.action() + " " + audit.affected());
    }
}
