package io.switchboard.dispatch.runtime.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One handler invocation on a consumer thread, as the watchdog sees it. Exactly one side wins the end of the
 * call: the consumer thread when the handler returns in time ({@link #finish}), or the watchdog when it timed
 * out ({@link #expire}); the loser leaves the session alone.
 */
final class HandlerCall {

    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int EXPIRED = 2;

    final jakarta.jms.Message message;
    final HandlerEntry entry;
    final long startNanos;
    final long deadlineNanos;
    /** The idempotent receiver that recorded this message, and its id; null for other handlers. */
    final IdempotentGate gate;
    final String messageId;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final AtomicInteger permit;

    HandlerCall(jakarta.jms.Message message, HandlerEntry entry, long timeoutMillis, IdempotentGate gate,
            String messageId) {
        this.message = message;
        this.entry = entry;
        this.gate = gate;
        this.messageId = messageId;
        this.startNanos = System.nanoTime();
        this.deadlineNanos = startNanos + timeoutMillis * 1_000_000;
        this.permit = new AtomicInteger(entry.permits == null ? 0 : 1);
    }

    /** The consumer thread's claim after the handler returned or threw; false when the watchdog expired it. */
    boolean finish() {
        boolean mine = state.compareAndSet(RUNNING, FINISHED);
        releasePermit();
        return mine;
    }

    /** The watchdog's claim on a call past its deadline; false when the handler finished first. */
    boolean expire() {
        boolean mine = state.compareAndSet(RUNNING, EXPIRED);
        if (mine) {
            releasePermit(); // an abandoned call must not starve its handler's concurrency
        }
        return mine;
    }

    private void releasePermit() {
        if (permit.compareAndSet(1, 0)) {
            entry.permits.release();
        }
    }
}
