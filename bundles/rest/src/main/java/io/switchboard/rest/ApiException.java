package io.switchboard.rest;

/**
 * A refusal: answered as {@code {"error": code, "message": message}} with its status. Thrown by a resource's
 * handler (or the {@link Call} it reads), it ends the request; nothing is logged, since it is the caller's
 * mistake, not the platform's.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** 400: the request is malformed or names something it may not. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad-request", message);
    }

    /** 404: nothing at the path (or nothing of the caller's). */
    public static ApiException notFound(String message) {
        return new ApiException(404, "not-found", message);
    }

    /** 409: the request is well-formed but the state does not allow it now. */
    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message);
    }

    /** 503: what serves the request is not running. */
    public static ApiException unavailable(String message) {
        return new ApiException(503, "unavailable", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
