package io.switchboard.dispatch;

/** A handler, or the dispatcher, answered a message with an error (a reply with {@code SB_STATUS=error}). */
public class DispatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String error;

    /**
     * @param error the error code, e.g. {@code no-type}, {@code bad-payload}, {@code handler-failed}, {@code timeout}
     * @param message what went wrong, for a person
     */
    public DispatchException(String error, String message) {
        super(error + ": " + message);
        this.error = error;
    }

    /** The error code from the reply's {@code error} field. */
    public String error() {
        return error;
    }
}
