package io.switchboard.routing.internal;

import io.switchboard.routing.PermanentFailure;

import io.switchboard.routing.StepInfo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Steps in order, each with its counters; a failure names the step it happened in. */
final class Pipeline {

    /** A step and its counters. */
    static final class Counted {
        final String path;
        final String kind;
        final String description;
        final Step step;
        final LongAdder in = new LongAdder();
        final LongAdder out = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder nanos = new LongAdder();
        /** Epoch microseconds of the first message counted, and of the end of the last one's transaction; 0: none. */
        final AtomicLong firstMicros = new AtomicLong();
        volatile long lastMicros;

        Counted(String path, String kind, String description, Step step) {
            this.path = path;
            this.kind = kind;
            this.description = description;
            this.step = step;
        }

        StepInfo info() {
            long n = in.sum();
            return new StepInfo(path, kind, description, n, out.sum(), failed.sum(),
                    n == 0 ? 0 : nanos.sum() / 1e6 / n, instant(firstMicros.get()), instant(lastMicros));
        }

        private static Instant instant(long micros) {
            return micros == 0 ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        }

        /** This transaction's counts are applied; {@code first}: when its first message reached the step. */
        void counted(long first, long now) {
            firstMicros.compareAndSet(0, first);
            lastMicros = now;
        }
    }

    /** A step failed: where, and why. */
    static final class StepFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Counted step;
        final boolean permanent;

        StepFailure(Counted step, Throwable cause, boolean permanent) {
            super("step " + step.path + " (" + step.kind + " " + step.description + "): "
                    + Exchange.rootMessage(cause), cause);
            this.step = step;
            this.permanent = permanent;
        }
    }

    final List<Counted> steps;

    Pipeline(List<Counted> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * Runs every step in turn. A step that does not pass a message on (a filter that does not match) only counts
     * it: as in Camel, the steps after a filter block run for every message.
     */
    void run(Exchange x, Sender out) throws StepFailure {
        Tally tally = out.tally();
        for (Counted c : steps) {
            long t0 = System.nanoTime();
            boolean passed;
            try {
                passed = c.step.run(x, out);
            } catch (StepFailure nested) {
                tally.add(c, false, true, System.nanoTime() - t0);
                throw nested;
            } catch (Exception | LinkageError | StackOverflowError e) {
                // a body nested deeper than an expression's parser can follow fails its message, not the consumer
                tally.add(c, false, true, System.nanoTime() - t0);
                throw new StepFailure(c, e, e instanceof Exchange.BodyException
                        || e instanceof Steps.BadMessage || e instanceof StackOverflowError
                        || e instanceof PermanentFailure);
            }
            tally.add(c, passed, false, System.nanoTime() - t0);
        }
    }

    /**
     * The counts of one transaction, applied to the steps' counters when it ends: a batch that is rolled back to be
     * tried again one message at a time is not counted twice; "in" counts every attempt that reached a step.
     */
    static final class Tally {
        private final Map<Counted, long[]> counts = new HashMap<>();

        void add(Counted c, boolean passed, boolean failed, long nanos) {
            long[] n = counts.get(c);
            if (n == null) {
                n = new long[5];
                n[4] = micros();
                counts.put(c, n);
            }
            n[0]++;
            n[1] += passed ? 1 : 0;
            n[2] += failed ? 1 : 0;
            n[3] += nanos;
        }

        /** The transaction committed: everything counts. */
        void committed() {
            long now = micros();
            counts.forEach((c, n) -> {
                c.in.add(n[0]);
                c.out.add(n[1]);
                c.failed.add(n[2]);
                c.nanos.add(n[3]);
                c.counted(n[4], now);
            });
            counts.clear();
        }

        /** A message's failed attempt, rolled back: it reached its steps and failed; nothing it passed on stays. */
        void rolledBack() {
            long now = micros();
            counts.forEach((c, n) -> {
                c.in.add(n[0]);
                c.failed.add(n[2]);
                c.nanos.add(n[3]);
                c.counted(n[4], now);
            });
            counts.clear();
        }

        private static long micros() {
            Instant now = Instant.now();
            return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        }

        /** Rolled back to be tried again one message at a time here: nothing happened yet. */
        void discarded() {
            counts.clear();
        }
    }

    /** Every step of {@code p}, nested ones after their parent: the order of the file. */
    static List<Counted> allSteps(Pipeline p) {
        List<Counted> all = new ArrayList<>();
        for (Counted c : p.steps) {
            all.add(c);
            if (c.step instanceof Steps.Nesting n) {
                n.children().forEach(child -> all.addAll(allSteps(child)));
            }
        }
        return all;
    }

    /** The aggregate steps in {@code p}, nested ones too: they run threads of their own while the route runs. */
    static List<Aggregator> aggregators(Pipeline p) {
        return allSteps(p).stream().filter(c -> c.step instanceof Aggregator).map(c -> (Aggregator) c.step).toList();
    }

    /** The counters of every step, nested ones after their parent: the order of the file. */
    static List<StepInfo> infos(Pipeline root) {
        return allSteps(root).stream().map(Counted::info).toList();
    }

    /**
     * A message went past a bound that stops loops of routes: through more routes than the hop limit, or causing more
     * messages than the fan-out limit ({@link FanOut}). It can never pass: dead-lettered, not retried.
     */
    static final class LoopLimitException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LoopLimitException(String message) {
            super(message);
        }
    }
}
