package io.switchboard.bridge;

/** Where a bridge instance stands. */
public enum BridgeState {
    /** Configured, and its far side is reachable (a folder exists, a connection is open, a path is served). */
    CONNECTED,
    /** Configured, but its far side is not reachable now: it tries again by itself (the status says why). */
    DISCONNECTED,
    /** Its configuration cannot work (the status names the field): it does nothing until the configuration changes. */
    FAILED
}
