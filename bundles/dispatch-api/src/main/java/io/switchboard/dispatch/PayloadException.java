package io.switchboard.dispatch;

/**
 * A body that does not decode into the type asked for. Not retried: the sender gets an error reply and the
 * message goes to the dead-letter queue with reason {@code bad-payload} and the parse error.
 */
public class PayloadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
