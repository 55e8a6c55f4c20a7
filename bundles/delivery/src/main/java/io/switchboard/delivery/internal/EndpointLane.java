package io.switchboard.delivery.internal;

import io.switchboard.delivery.internal.store.OutboxClaimer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One endpoint's lane through the retransmitter: its workers and circuit breaker, what it holds claimed or handed
 * over and not yet reported, its attempt rate, and where its last claim stopped. Times are ticks of the
 * retransmitter's ticker (nanoseconds).
 */
final class EndpointLane {

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
    /** How many it may hold handed over, from its attempt rate (see {@code Retransmitter.MAX_HANDED_OVER}). */
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
}
