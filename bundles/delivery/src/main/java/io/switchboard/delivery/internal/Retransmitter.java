package io.switchboard.delivery.internal;

import io.switchboard.delivery.DeliveryResult;
import io.switchboard.delivery.DeliveryState;
import io.switchboard.delivery.Sink;
import io.switchboard.delivery.internal.store.Claimed;
import io.switchboard.delivery.internal.store.OutboxClaimer;
import io.switchboard.delivery.internal.store.Outcomes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due messages endpoint by endpoint and runs their attempts on the endpoint's workers: at most its
 * concurrency at once, none while its circuit breaker is open, each bounded by the attempt timeout. Claims run ahead
 * of the workers by a few batches (one claim transaction feeds many attempts); a message claimed while the breaker
 * opened is given back unattempted. Outcomes are written back in batches by {@link #flush()}. The component drives
 * {@link #flush()} and {@link #pass()} from one thread.
 */
public final class Retransmitter {

    private static final Logger LOG = LoggerFactory.getLogger(Retransmitter.class);
    private static final int MAX_FLUSH = 500;
    private static final long RESCAN_NANOS = 5_000_000_000L;
    private static final long SWEEP_MILLIS = 50;
    /**
     * How long an endpoint with nothing due is not asked again unless messages arrive for it: claims over an empty
     * range are not free (PostgreSQL walks the index entries earlier claims left until vacuum removes them).
     */
    private static final long IDLE_NANOS = 1_000_000_000L;
    private static final Comparator<OutboxClaimer.Position> POSITION_ORDER = Comparator
            .comparing(OutboxClaimer.Position::nextAttemptAt).thenComparingLong(OutboxClaimer.Position::id);

    private final OutboxClaimer claimer;
    private final Outcomes outcomes;
    private final Function<String, EndpointPolicy> policies;
    private final Clock clock;
    private final LongSupplier ticker;
    private final String node;
    private final BiFunction<String, Integer, Workers> workers;
    private final DeliveryMetrics metrics;
    private final Map<String, Sink> sinks = new ConcurrentHashMap<>();
    private final Map<String, EndpointLane> lanes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Outcomes.Completion> completions = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> givenBack = new ConcurrentLinkedQueue<>();
    private final Set<RunningAttempt> running = ConcurrentHashMap.newKeySet();
    private final Runnable wake;

    /**
     * @param clock the time claims, outcomes and the breakers go by (as stored)
     * @param ticker elapsed time in nanoseconds ({@code System::nanoTime}): attempt durations and timeouts, idle
     *     endpoints, attempt rates
     * @param node the node claims are made for
     * @param workers makes an endpoint's workers for its concurrency ({@link WorkerPool})
     * @param timeouts runs the sweep that fails attempts running longer than their endpoint's timeout
     * @param wake called when an attempt finished, so the driver flushes and claims again without waiting
     */
    public Retransmitter(OutboxClaimer claimer, Outcomes outcomes, Function<String, EndpointPolicy> policies,
            Clock clock, LongSupplier ticker, String node, BiFunction<String, Integer, Workers> workers,
            ScheduledExecutorService timeouts, DeliveryMetrics metrics, Runnable wake) {
        this.claimer = claimer;
        this.outcomes = outcomes;
        this.policies = policies;
        this.clock = clock;
        this.ticker = ticker;
        this.node = node;
        this.workers = workers;
        this.metrics = metrics;
        this.wake = wake;
        // one sweep over the running attempts, not a scheduled task per attempt (at 15k attempts/s a timer queue
        // of their 30 s timeouts cost a core's twentieth in heap operations alone)
        timeouts.scheduleWithFixedDelay(this::failOverdueAttempts, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    public void addSink(String endpoint, Sink sink) {
        sinks.put(endpoint, sink);
    }

    public void removeSink(String endpoint, Sink sink) {
        sinks.remove(endpoint, sink);
    }

    /** Messages arrived for {@code endpoint}: claim for it at the next pass. */
    public void arrived(String endpoint) {
        EndpointLane r = lanes.get(endpoint);
        if (r != null) {
            r.idleUntil = ticker.getAsLong();
        }
    }

    /** Something may be due anywhere (an operator's retry or replay): claim for every endpoint at the next pass. */
    public void arrivedAnywhere() {
        lanes.keySet().forEach(this::arrived);
    }

    /** The endpoints that have a sink now. */
    public Set<String> deployed() {
        return Set.copyOf(sinks.keySet());
    }

    /** The circuit breaker state of an endpoint: CLOSED, OPEN or HALF_OPEN. */
    public String circuit(String endpoint) {
        EndpointLane r = lanes.get(endpoint);
        return r == null ? CircuitBreaker.State.CLOSED.name() : r.breaker.state().name();
    }

    /** Takes back what this node held when it last stopped (a crash never completed them). */
    public int releaseOwnClaims() {
        int released = claimer.releaseClaimsOf(node);
        if (released > 0) {
            LOG.warn("Delivery took back {} message(s) this node ({}) had claimed when it stopped; they are attempted "
                    + "again", released, node);
        }
        return released;
    }

    /**
     * Gives claims older than {@code lease} back (their claimer died); an attempt must finish within the lease.
     *
     * @return how many came back
     */
    public int releaseStaleClaims(Duration lease) {
        int released = claimer.releaseStaleClaims(clock.instant().minus(lease));
        if (released > 0) {
            LOG.warn("Delivery took back {} message(s) claimed more than {} ago and never completed (a crashed "
                    + "process or node)", released, lease);
        }
        return released;
    }

    /**
     * Claims what every deployed endpoint may take now and hands the attempts to its workers.
     *
     * @return how many messages were claimed
     */
    public int pass() {
        int started = 0;
        for (Map.Entry<String, Sink> e : sinks.entrySet()) {
            String endpoint = e.getKey();
            EndpointPolicy policy = policies.apply(endpoint);
            EndpointLane lane = lanes.computeIfAbsent(endpoint,
                    k -> new EndpointLane(workers.apply(k, policy.concurrency()), ticker.getAsLong()));
            lane.workers.resize(policy.concurrency());
            lane.measure(policy, ticker.getAsLong());
            if (ticker.getAsLong() - lane.idleUntil < 0) {
                continue; // nothing was due a moment ago, and nothing arrived since
            }
            Instant now = clock.instant();
            // claims run ahead of the workers: one claim transaction feeds many attempts
            int room = lane.ahead(policy) - lane.outstanding.get();
            int admitted = lane.breaker.admit(Math.max(0, room), now);
            if (admitted <= 0) {
                continue;
            }
            // Continue where the last claim stopped while claims come back full; from the beginning after a short one
            // and every few seconds, to find what became due behind the position (a claim taken back).
            if (lane.position != null && ticker.getAsLong() - lane.positionSince > RESCAN_NANOS) {
                lane.position = null;
            }
            List<Claimed> claimed = claimer.claim(endpoint, admitted, now, node, lane.position);
            if (claimed.isEmpty()) {
                lane.idleUntil = ticker.getAsLong() + IDLE_NANOS;
            }
            if (claimed.size() < admitted) {
                lane.position = null;
            } else {
                if (lane.position == null) {
                    lane.positionSince = ticker.getAsLong();
                }
                lane.position = claimed.stream().map(Claimed::position).max(POSITION_ORDER).orElseThrow();
            }
            if (!claimed.isEmpty() && lane.breaker.state() == CircuitBreaker.State.HALF_OPEN) {
                lane.breaker.probing();
                LOG.info("Delivery endpoint {}: circuit half-open, probing with message {}", endpoint,
                        claimed.get(0).message().id());
            }
            for (Claimed c : claimed) {
                lane.outstanding.incrementAndGet();
                started++;
                lane.workers.execute(() -> attempt(c, e.getValue(), lane, false));
            }
        }
        return started;
    }

    /**
     * Reserves room for a new message of {@code endpoint} to be stored already claimed and handed to its workers
     * ({@link #handOver}), sparing it a claim: only while its sink is deployed and its breaker closed, and within a
     * budget of its own beside the claims' (see {@link EndpointLane#reserve}). A message with no room is stored to
     * wait and claimed in turn.
     *
     * @return whether room was reserved
     */
    public boolean reserve(String endpoint, int bytes) {
        EndpointLane lane = lanes.get(endpoint);
        if (lane == null || !sinks.containsKey(endpoint)
                || lane.breaker.state() != CircuitBreaker.State.CLOSED) {
            return false;
        }
        return lane.reserve(bytes);
    }

    /** Gives back room {@link #reserve} reserved and nothing was handed over for (the store refused the batch). */
    public void unreserve(String endpoint, int messages, long bytes) {
        EndpointLane lane = lanes.get(endpoint);
        if (lane != null) {
            lane.handedBack(messages, bytes);
        }
    }

    /**
     * Runs the attempts of messages stored already claimed in room {@link #reserve} gave, as if this node had
     * claimed them. A sink gone meanwhile gives them back to wait.
     */
    public void handOver(List<Claimed> claimed) {
        for (Claimed c : claimed) {
            EndpointLane lane = lanes.get(c.endpoint());
            Sink sink = sinks.get(c.endpoint());
            if (sink == null) {
                givenBack.add(c.id());
                lane.handedBack(1, c.message().bodySize());
                wake.run();
            } else {
                lane.workers.execute(() -> attempt(c, sink, lane, true));
            }
        }
    }

    /**
     * Gives back to wait the messages of {@code ids}, claimed for this node and held by no worker (a batch the accept
     * path stored claimed although the database reported a failure); they are released at the next flush.
     */
    public void giveBack(List<Long> ids) {
        givenBack.addAll(ids);
        wake.run();
    }

    /** Stops the endpoints' workers; what they held stays claimed until the next start takes it back. */
    public void close() {
        for (EndpointLane lane : lanes.values()) {
            lane.workers.shutdownNow();
        }
    }

    /**
     * Writes the outcomes reported so far, in batches.
     *
     * @return how many were written
     */
    public int flush() {
        if (!givenBack.isEmpty()) {
            List<Long> ids = new ArrayList<>();
            Long id;
            while ((id = givenBack.poll()) != null) {
                ids.add(id);
            }
            try {
                claimer.releaseClaims(ids);
            } catch (RuntimeException e) {
                givenBack.addAll(ids);
                throw e;
            }
        }
        int written = 0;
        while (!completions.isEmpty()) {
            List<Outcomes.Completion> batch = new ArrayList<>();
            Outcomes.Completion c;
            while (batch.size() < MAX_FLUSH && (c = completions.poll()) != null) {
                batch.add(c);
            }
            List<DeliveryState> states;
            try {
                states = outcomes.completeAll(batch);
            } catch (RuntimeException e) {
                completions.addAll(batch); // the rows stay IN_FLIGHT meanwhile; a crash hands them back via the lease
                throw e;
            }
            for (int i = 0; i < batch.size(); i++) {
                Outcomes.Completion done = batch.get(i);
                String endpoint = done.claimed().endpoint();
                DeliveryState state = states.get(i);
                if (state == null) {
                    continue; // recorded by an earlier write of this batch whose answer was lost
                }
                switch (state) {
                    case DELIVERED -> metrics.delivered(endpoint);
                    case DEAD -> {
                        metrics.dead(endpoint);
                        LOG.warn("Delivery dead: message {} to {} after {} attempt(s): {}", done.claimed().message().id(),
                                endpoint, done.claimed().attempts() + 1, done.result().reason());
                    }
                    default -> metrics.failed(endpoint);
                }
            }
            written += batch.size();
        }
        return written;
    }

    /** One pass and the outcomes reported so far: all of its own when the workers run attempts as they are given. */
    public int runOnce() {
        int started = pass();
        flush();
        return started;
    }

    /** One attempt of a message claimed, or handed over by the accept path. */
    private void attempt(Claimed c, Sink sink, EndpointLane lane, boolean handedOver) {
        EndpointPolicy policy = policies.apply(c.endpoint());
        if (lane.breaker.state() == CircuitBreaker.State.OPEN) {
            // claimed ahead before the breaker opened: back to waiting, no attempt spent
            givenBack.add(c.id());
            lane.release(c.message().bodySize(), handedOver);
            wake.run();
            return;
        }
        RunningAttempt attempt = new RunningAttempt(c, policy, lane, handedOver, Thread.currentThread(), ticker.getAsLong());
        running.add(attempt);
        DeliveryResult result;
        try {
            result = sink.deliver(c.message());
            if (result == null) {
                result = DeliveryResult.transientFailure("the sink returned no result");
            }
        } catch (Exception e) {
            result = DeliveryResult.transientFailure(e.toString());
        }
        running.remove(attempt);
        if (attempt.reported.compareAndSet(false, true)) {
            report(c, result, policy, lane, handedOver, ticker.getAsLong() - attempt.started);
        } else {
            Thread.interrupted(); // the timeout's interrupt must not leak into the next attempt on this thread
        }
    }

    /** Fails the attempts running longer than their endpoint's timeout and interrupts their workers. */
    void failOverdueAttempts() {
        long now = ticker.getAsLong();
        for (RunningAttempt a : running) {
            if (now - a.started > a.policy.attemptTimeout().toNanos() && a.reported.compareAndSet(false, true)) {
                running.remove(a);
                report(a.claimed, DeliveryResult.transientFailure("attempt timed out after "
                        + a.policy.attemptTimeout()), a.policy, a.lane, a.handedOver, now - a.started);
                LOG.warn("Delivery attempt of message {} to {} timed out after {}; interrupting it",
                        a.claimed.message().id(), a.claimed.endpoint(), a.policy.attemptTimeout());
                a.worker.interrupt();
            }
        }
    }

    private void report(Claimed c, DeliveryResult raw, EndpointPolicy policy, EndpointLane lane, boolean handedOver,
            long nanos) {
        DeliveryResult result = policy.classify(raw);
        Instant now = clock.instant();
        metrics.attempt(c.endpoint(), nanos);
        if (result.outcome() == DeliveryResult.Outcome.TRANSIENT_FAILURE) {
            if (lane.breaker.failure(policy.breakerThreshold(), policy.breakerOpenFor(), now)) {
                LOG.warn("Delivery endpoint {}: circuit open after {} failure(s) in a row (last: {}); probing again in {}",
                        c.endpoint(), policy.breakerThreshold(), result.reason(), policy.breakerOpenFor());
            }
        } else if (result.untried()) {
            lane.breaker.untried(); // the message's fault, not a word on the endpoint
        } else if (lane.breaker.success()) {
            LOG.info("Delivery endpoint {}: circuit closed, the endpoint answers again", c.endpoint());
        }
        completions.add(new Outcomes.Completion(c, result, policy.retry(), now));
        lane.release(c.message().bodySize(), handedOver);
        wake.run();
    }
}
