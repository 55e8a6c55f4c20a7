package io.switchboard.delivery.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * One endpoint's circuit breaker: after {@code threshold} consecutive transient failures it opens and no message is
 * claimed for the endpoint (they wait without spending attempts); after {@code openFor} one probe attempt is let
 * through, which closes it again or reopens it. Thread-safe.
 */
final class CircuitBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;
    private boolean probing;

    /** How many of {@code free} permits may be used now: all when closed, one probe when the open time is over. */
    synchronized int admit(int free, Instant now) {
        if (state == State.OPEN && !now.isBefore(openUntil)) {
            state = State.HALF_OPEN;
            probing = false;
        }
        return switch (state) {
            case CLOSED -> free;
            case OPEN -> 0;
            case HALF_OPEN -> probing || free == 0 ? 0 : 1;
        };
    }

    /** The probe was claimed; no other attempt until it reports. */
    synchronized void probing() {
        if (state == State.HALF_OPEN) {
            probing = true;
        }
    }

    /** Records a success (or an answer that was not the endpoint's fault); returns true when this closed it. */
    synchronized boolean success() {
        consecutiveFailures = 0;
        boolean closed = state != State.CLOSED;
        state = State.CLOSED;
        probing = false;
        return closed;
    }

    /**
     * An attempt that never reached the endpoint (the sink refused the message): the state and the count of failures
     * stay; a probe it took is free for the next message.
     */
    synchronized void untried() {
        probing = false;
    }

    /** Records a transient failure; returns true when this opened the breaker. */
    synchronized boolean failure(int threshold, Duration openFor, Instant now) {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || (state == State.CLOSED && consecutiveFailures >= threshold)) {
            state = State.OPEN;
            openUntil = now.plus(openFor);
            probing = false;
            return true;
        }
        return false;
    }

    synchronized State state() {
        return state;
    }
}
