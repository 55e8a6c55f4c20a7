package io.switchboard.delivery.internal;

import io.switchboard.delivery.internal.store.OutboxClaimer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One endpoint's lane through the retransmitter: its workers and circuit breaker, its budgets (what it may hold
 * claimed or handed over and not yet reported, from its attempt rate), and where its last claim stopped. Times are
 * ticks of the retransmitter's ticker (nanoseconds).
 */
final class EndpointLane {

    /** Claimed messages per worker that may wait for it, and at most per endpoint. */
    private static final int AHEAD_PER_WORKER = 64;
    private static final int MAX_AHEAD = 512;
    /**
     * Messages handed over and not yet reported, at most per endpoint, and their bodies' bytes. Below that, an
     * endpoint may hold what it attempted in the last {@link #HAND_OVER_SECONDS} seconds, and at least as many as it
     * may hold claimed: room for several accept batches at speed, while nothing held waits long enough to come near
     * the claim lease (a message that does not fit waits in the store and is claimed).
     */
    private static final int MAX_HANDED_OVER = 8192;
    private static final long MAX_HANDED_OVER_BYTES = 16L << 20;
    private static final int HAND_OVER_SECONDS = 5;
    /** While arrivals are handed over, claims may hold this fraction of what they hold otherwise. */
    private static final int CLAIM_SHARE = 8;

    final Workers workers;
    final CircuitBreaker breaker = new CircuitBreaker();
    /** Claimed and not yet reported: queued for a worker or running. */
    final AtomicInteger outstanding = new AtomicInteger();
    /**
     * Handed over by the accept path and not yet reported: a budget of its own, so that new arrivals and the
     * messages waiting in the store share the workers (their queue is first come, first served) and neither
     * starves the other.
     */
    final AtomicInteger handedOver = new AtomicInteger();
    final AtomicLong handedOverBytes = new AtomicLong();
    /** How many it may hold handed over, from its attempt rate (see {@link #MAX_HANDED_OVER}). */
    volatile int handOverLimit;
    /** Attempts reported, and the count and time at the last rate measurement. */
    final AtomicLong reported = new AtomicLong();
    long reportedBefore;
    long measuredAt;
    /** Where the last claim stopped; null: the next claim starts from the beginning. */
    OutboxClaimer.Position position;
    long positionSince;
    /** An endpoint whose last claim found nothing is asked again after this tick, or when told. */
    volatile long idleUntil;

    EndpointLane(Workers workers, long now) {
        this.workers = workers;
        this.measuredAt = now;
        this.idleUntil = now;
    }

    /** Frees the room of {@code messages} handed over, with {@code bytes} of bodies. */
    void handedBack(int messages, long bytes) {
        handedOverBytes.addAndGet(-bytes);
        handedOver.addAndGet(-messages);
    }

    /**
     * Reserves room for one message of {@code bytes} handed over, within the handed-over budget.
     *
     * @return whether room was reserved
     */
    boolean reserve(int bytes) {
        if (handedOver.incrementAndGet() > handOverLimit) {
            handedOver.decrementAndGet();
            return false;
        }
        if (handedOverBytes.addAndGet(bytes) > MAX_HANDED_OVER_BYTES) {
            handedBack(1, bytes);
            return false;
        }
        return true;
    }

    /**
     * How many claimed messages the endpoint may hold for its workers: a few batches ahead of them, and fewer while
     * arrivals are handed over. The workers take both first come, first served, so each gets a share of them in
     * proportion to what it may hold: new arrivals take the cheap path (no claim) and most of the workers, and what
     * waits in the store still drains with the rest, never starved.
     */
    int ahead(EndpointPolicy policy) {
        int ahead = Math.min(MAX_AHEAD, policy.concurrency() * AHEAD_PER_WORKER);
        return handedOver.get() > 0 ? Math.max(policy.concurrency(), ahead / CLAIM_SHARE) : ahead;
    }

    /** Sets how many messages the endpoint may hold handed over, from its attempts in the last second or so. */
    void measure(EndpointPolicy policy, long now) {
        long elapsed = now - measuredAt;
        int floor = Math.min(MAX_AHEAD, policy.concurrency() * AHEAD_PER_WORKER);
        if (handOverLimit == 0) {
            handOverLimit = floor;
        }
        if (elapsed >= 1_000_000_000L) {
            long count = reported.get();
            double perSecond = (count - reportedBefore) * 1e9 / elapsed;
            handOverLimit = (int) Math.max(floor, Math.min(MAX_HANDED_OVER, perSecond * HAND_OVER_SECONDS));
            reportedBefore = count;
            measuredAt = now;
        }
    }

    /** Frees the room a reported message of {@code bytes} held among the claimed or the handed-over messages. */
    void release(long bytes, boolean wasHandedOver) {
        reported.incrementAndGet();
        if (wasHandedOver) {
            handedBack(1, bytes);
        } else {
            outstanding.decrementAndGet();
        }
    }
}
