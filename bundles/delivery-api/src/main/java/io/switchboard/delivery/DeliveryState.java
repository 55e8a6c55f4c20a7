package io.switchboard.delivery;

/** Where a stored message is in its life. */
public enum DeliveryState {
    /** Waiting for its next attempt (or for its endpoint to be deployed). */
    PENDING,
    /** Claimed by a retransmitter, an attempt is running. */
    IN_FLIGHT,
    /** The endpoint reported it delivered; removed after the retention period. */
    DELIVERED,
    /** Out of attempts, or failed permanently; kept with its history until replayed or purged. */
    DEAD
}
