package io.switchboard.dispatch;

/** How far {@link Messenger#send} waits. */
public enum Delivery {
    /** Non-persistent; returns at once. Lost if the broker stops before it is handled. */
    FIRE_AND_FORGET,
    /** Persistent; completes when the broker holds the message durably. */
    STORED,
    /** Persistent; completes when the handler has handled it (its acknowledgement), or fails with its error. */
    PROCESSED,
    /** Persistent; completes with the handler's reply, or fails with its error or a timeout. */
    REQUEST_REPLY
}
