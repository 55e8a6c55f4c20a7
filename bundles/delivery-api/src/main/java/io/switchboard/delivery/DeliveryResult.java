package io.switchboard.delivery;

import java.util.Objects;

/**
 * What a {@link Sink} reports for one attempt.
 *
 * @param outcome delivered, or a transient or permanent failure
 * @param reason why it failed, for the attempt history; null when delivered
 * @param untried true when the sink refused the message before trying the endpoint (a header the protocol cannot
 *                carry, say): a permanent failure of the message that says nothing of the endpoint, so it neither
 *                opens nor closes the endpoint's circuit breaker
 */
public record DeliveryResult(Outcome outcome, String reason, boolean untried) {

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

    public static DeliveryResult permanentFailure(String reason) {
        return new DeliveryResult(Outcome.PERMANENT_FAILURE, reason);
    }

    /** The message can never be sent as it is, and the endpoint was not tried: permanent, and not the endpoint's. */
    public static DeliveryResult refused(String reason) {
        return new DeliveryResult(Outcome.PERMANENT_FAILURE, reason, true);
    }
}
