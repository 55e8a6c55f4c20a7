package io.switchboard.delivery.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again, from the persisted attempt count (so a restart does not reset the backoff).
 *
 * @param maxAttempts attempts before a message is dead; 0 means forever
 * @param initialDelay the delay after the first failed attempt
 * @param multiplier growth per further attempt (at least 1)
 * @param maxDelay the longest delay
 * @param jitter a fraction 0–1: each delay is spread by up to ± this share, so a recovered endpoint is not hit
 *     by every waiting message at the same instant
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay, double jitter) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(10, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(10), 0.2);

    public RetryPolicy {
        if (maxAttempts < 0 || multiplier < 1 || jitter < 0 || jitter > 1 || initialDelay.isNegative()
                || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("retry policy: maxAttempts >= 0, multiplier >= 1, 0 <= jitter <= 1 and "
                    + "maxDelay >= initialDelay, got " + maxAttempts + ", " + multiplier + ", " + jitter + ", "
                    + initialDelay + "/" + maxDelay);
        }
    }

    /** Whether a message that has failed {@code attempts} times has attempts left. */
    public boolean allowsAnother(int attempts) {
        return maxAttempts == 0 || attempts < maxAttempts;
    }

    /** When the next attempt is due after {@code attempts} failed ones, from {@code now}. */
    public Instant nextAttempt(int attempts, Instant now) {
        double base = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempts - 1));
        double capped = Math.min(base, maxDelay.toMillis());
        double spread = jitter == 0 ? 0 : capped * jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return now.plusMillis(Math.max(0, Math.round(capped + spread)));
    }
}
