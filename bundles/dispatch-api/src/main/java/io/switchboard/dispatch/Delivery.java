package io.switchboard.dispatch;

/** How far {@link Messenger#send} waits. */
public enum Delivery {
    /** Non-persistent; returns at once. Lost if the broker stops before it is handled. */
    FIRE_AND_FORGET,
    /** Persistent; completes when the broker holds the message durably. */
    STORED,
    /**
     * Completes when the handler has handled it (its acknowledgement), or fails with its error or a timeout. The
     * message is not written to disk on its way (the caller waits for it, in this process); if it must wait for
     * a handler it is parked durably like any other.
     */
    PROCESSED,
    /** Completes with the handler's reply, or fails with its error or a timeout; stored like {@link #PROCESSED}. */
    REQUEST_REPLY
}
