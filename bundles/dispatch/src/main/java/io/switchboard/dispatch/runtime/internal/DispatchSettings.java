package io.switchboard.dispatch.runtime.internal;

import io.switchboard.kernel.api.Durations;
import java.time.Duration;

/** The dispatcher's configuration, validated once: every problem names its setting. */
record DispatchSettings(int consumers, int batchSize, int maxAttempts, long redeliveryDelayMillis0,
        double redeliveryMultiplier, long maxRedeliveryDelayMillis, long handlerTimeoutMillis, Duration parkTimeout,
        Duration parkSweepInterval, String deadLetterQueue, Duration idempotentKeepFor) {

    static DispatchSettings of(DispatcherConfiguration c) {
        require(c.consumers() >= 1, "consumers = " + c.consumers() + " must be at least 1");
        require(c.batchSize() >= 1, "batchSize = " + c.batchSize() + " must be at least 1");
        require(c.maxAttempts() >= 1, "maxAttempts = " + c.maxAttempts() + " must be at least 1");
        require(c.redeliveryMultiplier() >= 1.0, "redeliveryMultiplier = " + c.redeliveryMultiplier() + " must be at least 1");
        require(c.deadLetterQueue() != null && !c.deadLetterQueue().isBlank(), "deadLetterQueue must not be empty");
        Duration keepFor = Durations.parse("idempotentKeepFor", c.idempotentKeepFor());
        require(!keepFor.isZero(), "idempotentKeepFor = " + c.idempotentKeepFor() + " must be longer than 0");
        return new DispatchSettings(c.consumers(), c.batchSize(), c.maxAttempts(),
                Durations.parse("redeliveryDelay", c.redeliveryDelay()).toMillis(), c.redeliveryMultiplier(),
                Durations.parse("maxRedeliveryDelay", c.maxRedeliveryDelay()).toMillis(),
                Durations.parse("handlerTimeout", c.handlerTimeout()).toMillis(),
                Durations.parse("parkTimeout", c.parkTimeout()),
                Durations.parse("parkSweepInterval", c.parkSweepInterval()), c.deadLetterQueue().trim(), keepFor);
    }

    /** The delay before attempt {@code failedSoFar + 1}: exponential, capped. */
    long redeliveryDelayMillis(int failedSoFar) {
        double delay = redeliveryDelayMillis0 * Math.pow(redeliveryMultiplier, Math.max(0, failedSoFar - 1));
        return (long) Math.min(delay, maxRedeliveryDelayMillis);
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("io.switchboard.dispatch: " + problem);
        }
    }
}
