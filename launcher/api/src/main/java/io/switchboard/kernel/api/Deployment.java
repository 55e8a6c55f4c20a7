package io.switchboard.kernel.api;

import java.time.Instant;

/**
 * One file in a watched folder ({@code deploy/}, or a {@code .cfg} in {@code config/}) and what became of it.
 *
 * @param file    the path relative to the Switchboard home, e.g. {@code deploy/hello.jar}
 * @param kind    {@code bundle}, {@code configuration}, {@code feature} or {@code unknown}
 * @param status  see {@link Status}
 * @param error   why it failed, naming the file and the reason; null unless {@code FAILED}
 * @param target  what it became: the bundle symbolic name and version, the PID, or the feature id; may be null
 * @param changed when the status last changed
 */
public record Deployment(String file, String kind, Status status, String error, String target, Instant changed) {

    /** The state of a deployed file. */
    public enum Status {
        /** Installed, resolved and started (bundles), or applied (configurations, features). */
        DEPLOYED,
        /** Rejected or failed to start; the previous version, if any, keeps running. */
        FAILED
    }
}
