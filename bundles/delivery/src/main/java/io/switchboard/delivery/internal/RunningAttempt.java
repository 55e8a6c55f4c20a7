package io.switchboard.delivery.internal;

import io.switchboard.delivery.internal.store.Claimed;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An attempt in progress, for the retransmitter's timeout sweep: whoever sets {@link #reported} first (the attempt
 * finishing, or the sweep failing it as overdue) reports its outcome.
 */
final class RunningAttempt {
    final Claimed claimed;
    final EndpointPolicy policy;
    final EndpointLane lane;
    final boolean handedOver;
    final Thread worker;
    final long started;
    final AtomicBoolean reported = new AtomicBoolean();

    RunningAttempt(Claimed claimed, EndpointPolicy policy, EndpointLane lane, boolean handedOver, Thread worker,
            long started) {
        this.claimed = claimed;
        this.policy = policy;
        this.lane = lane;
        this.handedOver = handedOver;
        this.worker = worker;
        this.started = started;
    }
}
