package io.switchboard.delivery.internal;

import io.switchboard.delivery.DeliveryResult;
import io.switchboard.delivery.Sink;
import io.switchboard.delivery.internal.store.Claimed;
import io.switchboard.delivery.internal.store.DeliveryStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due messages for the endpoints that have a {@link Sink} and delivers them, recording each outcome. One
 * {@link #runOnce} is one pass; the component drives it on a schedule. Work in progress: one policy for all
 * endpoints, attempts run one after another (no per-endpoint concurrency, ordering keys, circuit breaker yet).
 */
public final class Retransmitter {

    private static final Logger LOG = LoggerFactory.getLogger(Retransmitter.class);

    private final DeliveryStore store;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Map<String, Sink> sinks = new ConcurrentHashMap<>();

    public Retransmitter(DeliveryStore store, RetryPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
    }

    public void addSink(String endpoint, Sink sink) {
        sinks.put(endpoint, sink);
    }

    public void removeSink(String endpoint, Sink sink) {
        sinks.remove(endpoint, sink);
    }

    /**
     * Gives claims older than {@code lease} back (their claimer died); an attempt must finish within the lease.
     *
     * @return how many came back
     */
    public int releaseStaleClaims(java.time.Duration lease) {
        int released = store.releaseStaleClaims(clock.instant().minus(lease));
        if (released > 0) {
            LOG.warn("Delivery took back {} message(s) claimed more than {} ago and never completed (a crashed "
                    + "process or node)", released, lease);
        }
        return released;
    }

    /** Delivers up to {@code limit} due messages; returns how many were attempted. */
    public int runOnce(int limit) {
        List<Claimed> claimed = store.claim(limit, clock.instant(), sinks.keySet());
        for (Claimed c : claimed) {
            Sink sink = sinks.get(c.endpoint());
            DeliveryResult result;
            if (sink == null) {
                result = DeliveryResult.transientFailure("endpoint " + c.endpoint() + " went away");
            } else {
                try {
                    result = sink.deliver(c.message());
                    if (result == null) {
                        result = DeliveryResult.transientFailure("the sink returned no result");
                    }
                } catch (Exception e) {
                    result = DeliveryResult.transientFailure(e.toString());
                }
            }
            var state = store.complete(c, result, policy, clock.instant());
            if (state == io.switchboard.delivery.DeliveryState.DEAD) {
                LOG.warn("Delivery dead: message {} to {} after {} attempt(s): {}", c.message().id(), c.endpoint(),
                        c.attempts() + 1, result.reason());
            }
        }
        return claimed.size();
    }
}
