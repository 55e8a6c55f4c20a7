package io.switchboard.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link Sink} reports for one attempt.
 *
 * @param outcome delivered, or a transient or permanent failure
 * @param reason why it failed, for the attempt history; null when delivered
 * @param untried true when the sink refused the message before trying the endpoint (a header the protocol cannot
 *                carry, say): a permanent failure of the message that says nothing of the endpoint, so it neither
 *                opens nor closes the endpoint's circuit breaker
 * @param retryAfter for a transient failure, how long the endpoint asked to be left alone (an HTTP
 *                {@code Retry-After}): the next attempt comes no earlier than that, or later when the retry policy's
 *                backoff is longer; null when it did not say
 */
public record DeliveryResult(Outcome outcome, String reason, boolean untried, Duration retryAfter) {

    /** The three outcomes of an attempt. */
    public enum Outcome {
        DELIVERED,
        /** Try again later, per the endpoint's retry policy. */
        TRANSIENT_FAILURE,
        /** Never retry: the message is dead. */
        PERMANENT_FAILURE
    }

    public DeliveryResult {
        Objects.requireNonNull(outcome, "outcome");
        if (retryAfter != null && retryAfter.isNegative()) {
            retryAfter = Duration.ZERO;
        }
    }

    /** An attempt whose endpoint did not say when to come back. */
    public DeliveryResult(Outcome outcome, String reason, boolean untried) {
        this(outcome, reason, untried, null);
    }

    /** An attempt that reached the endpoint (or tried to). */
    public DeliveryResult(Outcome outcome, String reason) {
        this(outcome, reason, false);
    }

    public static DeliveryResult delivered() {
        return new DeliveryResult(Outcome.DELIVERED, null);
    }

    public static DeliveryResult transientFailure(String reason) {
        return new DeliveryResult(Outcome.TRANSIENT_FAILURE, reason);
    }

    /** A transient failure whose endpoint asked for the next attempt no earlier than {@code retryAfter} from now. */
    public static DeliveryResult transientFailure(String reason, Duration retryAfter) {
        return new DeliveryResult(Outcome.TRANSIENT_FAILURE, reason, false, retryAfter);
    }

    public static DeliveryResult permanentFailure(String reason) {
        return new DeliveryResult(Outcome.PERMANENT_FAILURE, reason);
    }

    /** The message can never be sent as it is, and the endpoint was not tried: permanent, and not the endpoint's. */
    public static DeliveryResult refused(String reason) {
        return new DeliveryResult(Outcome.PERMANENT_FAILURE, reason, true);
    }
}
