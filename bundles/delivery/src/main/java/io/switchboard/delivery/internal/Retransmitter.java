package io.switchboard.delivery.internal;

import io.switchboard.delivery.DeliveryResult;
import io.switchboard.delivery.DeliveryState;
import io.switchboard.delivery.Sink;
import io.switchboard.delivery.internal.store.Claimed;
import io.switchboard.delivery.internal.store.DeliveryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due messages endpoint by endpoint and runs their attempts on the endpoint's workers: at most its
 * concurrency at once, none while its circuit breaker is open, each bounded by the attempt timeout. Claims run ahead
 * of the workers by a few batches (one claim transaction feeds many attempts); a message claimed while the breaker
 * opened is given back unattempted. Outcomes are written back in batches by {@link #flush()}. The component drives
 * {@link #flush()} and {@link #pass()} from one thread; tests run attempts inline.
 */
public final class Retransmitter {

    private static final Logger LOG = LoggerFactory.getLogger(Retransmitter.class);
    private static final int MAX_FLUSH = 500;
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
    private static final long RESCAN_NANOS = 5_000_000_000L;
    private static final long SWEEP_MILLIS = 50;
    /**
     * How long an endpoint with nothing due is not asked again unless messages arrive for it: claims over an empty
     * range are not free (PostgreSQL walks the index entries earlier claims left until vacuum removes them).
     */
    private static final long IDLE_NANOS = 1_000_000_000L;
    private static final java.util.Comparator<DeliveryStore.Position> POSITION_ORDER = java.util.Comparator
            .comparing(DeliveryStore.Position::nextAttemptAt).thenComparingLong(DeliveryStore.Position::id);

    private final DeliveryStore store;
    private final Function<String, EndpointPolicy> policies;
    private final Clock clock;
    private final String node;
    private final boolean inline;
    private final ScheduledExecutorService timeouts;
    private final DeliveryMetrics metrics;
    private final Map<String, Sink> sinks = new ConcurrentHashMap<>();
    private final Map<String, Runtime> runtimes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<DeliveryStore.Completion> completions = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> givenBack = new ConcurrentLinkedQueue<>();
    private final Set<Running> running = ConcurrentHashMap.newKeySet();
    private final Runnable wake;

    /**
     * @param inline run attempts in {@link #pass()} itself, one after another (tests)
     * @param timeouts fails attempts that run longer than their endpoint's timeout; null runs them unbounded (tests)
     * @param wake called when an attempt finished, so the driver flushes and claims again without waiting
     */
    public Retransmitter(DeliveryStore store, Function<String, EndpointPolicy> policies, Clock clock, String node,
            boolean inline, ScheduledExecutorService timeouts, DeliveryMetrics metrics, Runnable wake) {
        this.store = store;
        this.policies = policies;
        this.clock = clock;
        this.node = node;
        this.inline = inline;
        this.timeouts = timeouts;
        if (timeouts != null) {
            // one sweep over the running attempts, not a scheduled task per attempt (at 15k attempts/s a timer queue
            // of their 30 s timeouts cost a core's twentieth in heap operations alone)
            timeouts.scheduleWithFixedDelay(this::failOverdueAttempts, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        }
        this.metrics = metrics;
        this.wake = wake;
    }

    /** What the retransmitter keeps per endpoint: its workers, what it holds claimed, its breaker. */
    private static final class Runtime {
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
        long measuredAt = System.nanoTime();

        /** Frees the room of {@code messages} handed over, with {@code bytes} of bodies. */
        void handedBack(int messages, long bytes) {
            handedOverBytes.addAndGet(-bytes);
            handedOver.addAndGet(-messages);
        }
        final CircuitBreaker breaker = new CircuitBreaker();
        final ThreadPoolExecutor workers;
        /** Where the last claim stopped; null: the next claim starts from the beginning. */
        DeliveryStore.Position position;
        long positionSince;
        /** An endpoint whose last claim found nothing is asked again after this (System.nanoTime), or when told. */
        volatile long idleUntil;

        Runtime(String endpoint, int concurrency, boolean inline) {
            if (inline) {
                workers = null;
                return;
            }
            AtomicInteger n = new AtomicInteger();
            workers = new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), task -> {
                        Thread t = new Thread(task, "switchboard-delivery-" + endpoint + "-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            workers.allowCoreThreadTimeOut(true);
        }

        /** Follows a changed concurrency setting. */
        void resize(int concurrency) {
            if (workers != null && workers.getMaximumPoolSize() != concurrency) {
                if (concurrency > workers.getMaximumPoolSize()) {
                    workers.setMaximumPoolSize(concurrency);
                    workers.setCorePoolSize(concurrency);
                } else {
                    workers.setCorePoolSize(concurrency);
                    workers.setMaximumPoolSize(concurrency);
                }
            }
        }
    }

    public void addSink(String endpoint, Sink sink) {
        sinks.put(endpoint, sink);
    }

    public void removeSink(String endpoint, Sink sink) {
        sinks.remove(endpoint, sink);
    }

    /** Messages arrived for {@code endpoint}: claim for it at the next pass. */
    public void arrived(String endpoint) {
        Runtime r = runtimes.get(endpoint);
        if (r != null) {
            r.idleUntil = System.nanoTime();
        }
    }

    /** Something may be due anywhere (an operator's retry or replay): claim for every endpoint at the next pass. */
    public void arrivedAnywhere() {
        runtimes.keySet().forEach(this::arrived);
    }

    /** The endpoints that have a sink now. */
    public Set<String> deployed() {
        return Set.copyOf(sinks.keySet());
    }

    /** The circuit breaker state of an endpoint: CLOSED, OPEN or HALF_OPEN. */
    public String circuit(String endpoint) {
        Runtime r = runtimes.get(endpoint);
        return r == null ? CircuitBreaker.State.CLOSED.name() : r.breaker.state().name();
    }

    /** Takes back what this node held when it last stopped (a crash never completed them). */
    public int releaseOwnClaims() {
        int released = store.releaseClaimsOf(node);
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
        int released = store.releaseStaleClaims(clock.instant().minus(lease));
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
            Runtime runtime = runtimes.computeIfAbsent(endpoint, k -> new Runtime(k, policy.concurrency(), inline));
            runtime.resize(policy.concurrency());
            measure(runtime, policy);
            if (!inline && System.nanoTime() - runtime.idleUntil < 0) {
                continue; // nothing was due a moment ago, and nothing arrived since
            }
            Instant now = clock.instant();
            // claims run ahead of the workers: one claim transaction feeds many attempts
            int room = inline ? policy.concurrency() : ahead(policy, runtime) - runtime.outstanding.get();
            int admitted = runtime.breaker.admit(Math.max(0, room), now);
            if (admitted <= 0) {
                continue;
            }
            // Continue where the last claim stopped while claims come back full; from the beginning after a short one
            // and every few seconds, to find what became due behind the position (a claim taken back).
            if (runtime.position != null && System.nanoTime() - runtime.positionSince > RESCAN_NANOS) {
                runtime.position = null;
            }
            List<Claimed> claimed = store.claim(endpoint, admitted, now, node, runtime.position);
            if (claimed.isEmpty()) {
                runtime.idleUntil = System.nanoTime() + IDLE_NANOS;
            }
            if (claimed.size() < admitted) {
                runtime.position = null;
            } else {
                if (runtime.position == null) {
                    runtime.positionSince = System.nanoTime();
                }
                runtime.position = claimed.stream().map(Claimed::position).max(POSITION_ORDER).orElseThrow();
            }
            if (!claimed.isEmpty() && runtime.breaker.state() == CircuitBreaker.State.HALF_OPEN) {
                runtime.breaker.probing();
                LOG.info("Delivery endpoint {}: circuit half-open, probing with message {}", endpoint,
                        claimed.get(0).message().id());
            }
            for (Claimed c : claimed) {
                runtime.outstanding.incrementAndGet();
                started++;
                Runnable attempt = () -> attempt(c, e.getValue(), runtime, false);
                if (runtime.workers == null) {
                    attempt.run();
                } else {
                    runtime.workers.execute(attempt);
                }
            }
        }
        return started;
    }

    /**
     * Reserves room for a new message of {@code endpoint} to be stored already claimed and handed to its workers
     * ({@link #handOver}), sparing it a claim: only while its sink is deployed and its breaker closed, and within a
     * budget of its own beside the claims' (see {@code Runtime.handedOver}). A message with no room is stored to
     * wait and claimed in turn.
     *
     * @return whether room was reserved
     */
    public boolean reserve(String endpoint, int bytes) {
        Runtime runtime = runtimes.get(endpoint);
        if (inline || runtime == null || !sinks.containsKey(endpoint)
                || runtime.breaker.state() != CircuitBreaker.State.CLOSED) {
            return false;
        }
        if (runtime.handedOver.incrementAndGet() > runtime.handOverLimit) {
            runtime.handedOver.decrementAndGet();
            return false;
        }
        if (runtime.handedOverBytes.addAndGet(bytes) > MAX_HANDED_OVER_BYTES) {
            runtime.handedBack(1, bytes);
            return false;
        }
        return true;
    }

    /** Gives back room {@link #reserve} reserved and nothing was handed over for (the store refused the batch). */
    public void unreserve(String endpoint, int messages, long bytes) {
        Runtime runtime = runtimes.get(endpoint);
        if (runtime != null) {
            runtime.handedBack(messages, bytes);
        }
    }

    /**
     * Runs the attempts of messages stored already claimed in room {@link #reserve} gave, as if this node had
     * claimed them. A sink gone meanwhile gives them back to wait.
     */
    public void handOver(List<Claimed> claimed) {
        for (Claimed c : claimed) {
            Runtime runtime = runtimes.get(c.endpoint());
            Sink sink = sinks.get(c.endpoint());
            if (sink == null) {
                givenBack.add(c.id());
                runtime.handedBack(1, c.message().bodySize());
                wake.run();
            } else {
                runtime.workers.execute(() -> attempt(c, sink, runtime, true));
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

    /**
     * How many claimed messages an endpoint may hold for its workers: a few batches ahead of them, and fewer while
     * arrivals are handed over. The workers take both first come, first served, so each gets a share of them in
     * proportion to what it may hold: new arrivals take the cheap path (no claim) and most of the workers, and what
     * waits in the store still drains with the rest, never starved.
     */
    private static int ahead(EndpointPolicy policy, Runtime runtime) {
        int ahead = Math.min(MAX_AHEAD, policy.concurrency() * AHEAD_PER_WORKER);
        return runtime.handedOver.get() > 0 ? Math.max(policy.concurrency(), ahead / CLAIM_SHARE) : ahead;
    }

    /** Stops the endpoints' workers; what they held stays claimed until the next start takes it back. */
    public void close() {
        for (Runtime r : runtimes.values()) {
            if (r.workers != null) {
                r.workers.shutdownNow();
            }
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
                store.releaseClaims(ids);
            } catch (RuntimeException e) {
                givenBack.addAll(ids);
                throw e;
            }
        }
        int written = 0;
        while (!completions.isEmpty()) {
            List<DeliveryStore.Completion> batch = new ArrayList<>();
            DeliveryStore.Completion c;
            while (batch.size() < MAX_FLUSH && (c = completions.poll()) != null) {
                batch.add(c);
            }
            List<DeliveryState> states;
            try {
                states = store.completeAll(batch);
            } catch (RuntimeException e) {
                completions.addAll(batch); // the rows stay IN_FLIGHT meanwhile; a crash hands them back via the lease
                throw e;
            }
            for (int i = 0; i < batch.size(); i++) {
                DeliveryStore.Completion done = batch.get(i);
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

    /** One pass and its outcomes, inline: for tests with an inline executor. */
    public int runOnce() {
        int started = pass();
        flush();
        return started;
    }

    /** One attempt of a message claimed, or handed over by the accept path. */
    private void attempt(Claimed c, Sink sink, Runtime runtime, boolean handedOver) {
        EndpointPolicy policy = policies.apply(c.endpoint());
        if (runtime.breaker.state() == CircuitBreaker.State.OPEN) {
            // claimed ahead before the breaker opened: back to waiting, no attempt spent
            givenBack.add(c.id());
            release(c, runtime, handedOver);
            wake.run();
            return;
        }
        Running attempt = new Running(c, policy, runtime, handedOver, Thread.currentThread(), System.nanoTime());
        if (timeouts != null) {
            running.add(attempt);
        }
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
            report(c, result, policy, runtime, handedOver, System.nanoTime() - attempt.started);
        } else {
            Thread.interrupted(); // the timeout's interrupt must not leak into the next attempt on this thread
        }
    }

    /** An attempt in progress, for the timeout sweep. */
    private static final class Running {
        final Claimed claimed;
        final EndpointPolicy policy;
        final Runtime runtime;
        final boolean handedOver;
        final Thread worker;
        final long started;
        final AtomicBoolean reported = new AtomicBoolean();

        Running(Claimed claimed, EndpointPolicy policy, Runtime runtime, boolean handedOver, Thread worker,
                long started) {
            this.claimed = claimed;
            this.policy = policy;
            this.runtime = runtime;
            this.handedOver = handedOver;
            this.worker = worker;
            this.started = started;
        }
    }

    /** Sets how many messages the endpoint may hold handed over, from its attempts in the last second or so. */
    private static void measure(Runtime runtime, EndpointPolicy policy) {
        long now = System.nanoTime();
        long elapsed = now - runtime.measuredAt;
        int floor = Math.min(MAX_AHEAD, policy.concurrency() * AHEAD_PER_WORKER);
        if (runtime.handOverLimit == 0) {
            runtime.handOverLimit = floor;
        }
        if (elapsed >= 1_000_000_000L) {
            long reported = runtime.reported.get();
            double perSecond = (reported - runtime.reportedBefore) * 1e9 / elapsed;
            runtime.handOverLimit = (int) Math.max(floor, Math.min(MAX_HANDED_OVER, perSecond * HAND_OVER_SECONDS));
            runtime.reportedBefore = reported;
            runtime.measuredAt = now;
        }
    }

    /** Frees the room a message held among its endpoint's claimed or handed-over messages. */
    private static void release(Claimed c, Runtime runtime, boolean handedOver) {
        runtime.reported.incrementAndGet();
        if (handedOver) {
            runtime.handedBack(1, c.message().bodySize());
        } else {
            runtime.outstanding.decrementAndGet();
        }
    }

    /** Fails the attempts running longer than their endpoint's timeout and interrupts their workers. */
    void failOverdueAttempts() {
        long now = System.nanoTime();
        for (Running a : running) {
            if (now - a.started > a.policy.attemptTimeout().toNanos() && a.reported.compareAndSet(false, true)) {
                running.remove(a);
                report(a.claimed, DeliveryResult.transientFailure("attempt timed out after "
                        + a.policy.attemptTimeout()), a.policy, a.runtime, a.handedOver, now - a.started);
                LOG.warn("Delivery attempt of message {} to {} timed out after {}; interrupting it",
                        a.claimed.message().id(), a.claimed.endpoint(), a.policy.attemptTimeout());
                a.worker.interrupt();
            }
        }
    }

    private void report(Claimed c, DeliveryResult raw, EndpointPolicy policy, Runtime runtime, boolean handedOver,
            long nanos) {
        DeliveryResult result = policy.classify(raw);
        Instant now = clock.instant();
        metrics.attempt(c.endpoint(), nanos);
        if (result.outcome() == DeliveryResult.Outcome.TRANSIENT_FAILURE) {
            if (runtime.breaker.failure(policy.breakerThreshold(), policy.breakerOpenFor(), now)) {
                LOG.warn("Delivery endpoint {}: circuit open after {} failure(s) in a row (last: {}); probing again in {}",
                        c.endpoint(), policy.breakerThreshold(), result.reason(), policy.breakerOpenFor());
            }
        } else if (result.untried()) {
            runtime.breaker.untried(); // the message's fault, not a word on the endpoint
        } else if (runtime.breaker.success()) {
            LOG.info("Delivery endpoint {}: circuit closed, the endpoint answers again", c.endpoint());
        }
        completions.add(new DeliveryStore.Completion(c, result, policy.retry(), now));
        release(c, runtime, handedOver);
        wake.run();
    }
}
