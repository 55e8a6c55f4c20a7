package io.switchboard.delivery;

import java.util.Objects;

/**
 * What a {@link Sink} reports for one attempt.
 *
 * @param outcome delivered, or a transient or permanent failure
 * @param reason why it failed, for the attempt history; null when delivered
 */
public record DeliveryResult(Outcome outcome, String reason) {

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

    public static DeliveryResult delivered() {
        return new DeliveryResult(Outcome.DELIVERED, null);
    }

    public static DeliveryResult transientFailure(String reason) {
        return new DeliveryResult(Outcome.TRANSIENT_FAILURE, reason);
    }

    public static DeliveryResult permanentFailure(String reason) {
        return new DeliveryResult(Outcome.PERMANENT_FAILURE, reason);
    }
}
