package io.switchboard.routing;

/**
 * Thrown by a {@link RouteTarget} when the far end refused a message for good (an HTTP 4xx, a file name that escapes
 * its folder, a program's "permanent" exit code): trying it again cannot help, so the route dead-letters it at once
 * with this message as the reason instead of retrying it.
 */
public class PermanentFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public PermanentFailure(String reason) {
        super(reason);
    }

    public PermanentFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
