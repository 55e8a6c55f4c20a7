package io.switchboard.dispatch;

/**
 * Thrown by a handler for a message that can never succeed: it is not retried, the sender gets an error reply
 * and the message goes to the dead-letter queue with reason {@code rejected}.
 */
public class RejectedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    public RejectedMessageException(String message) {
        super(message);
    }
}
