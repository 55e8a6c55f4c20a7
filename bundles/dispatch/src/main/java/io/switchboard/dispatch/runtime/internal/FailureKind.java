package io.switchboard.dispatch.runtime.internal;

import io.switchboard.dispatch.PayloadException;
import io.switchboard.dispatch.RejectedMessageException;
import io.switchboard.dispatch.Wire;
import java.util.concurrent.TimeoutException;

/**
 * What a handler's failure is, the one place an exception is mapped to its outcome: the kinds in order, the first
 * whose type the exception is wins. A failure that can never pass (a timeout, a bad payload, a rejection) is
 * dead-lettered at once under its wire code; any other is {@link #TRANSIENT}: retried until the message has used its
 * attempts.
 */
enum FailureKind {

    TIMEOUT(TimeoutException.class, Wire.TIMEOUT),
    BAD_PAYLOAD(PayloadException.class, Wire.BAD_PAYLOAD),
    REJECTED(RejectedMessageException.class, Wire.REJECTED),
    /** Anything else: it may pass another time. Last, as it matches every exception. */
    TRANSIENT(Exception.class, Wire.HANDLER_FAILED);

    private final Class<? extends Exception> type;
    /** The wire error code its dead-lettered message and error reply carry. */
    final String code;

    FailureKind(Class<? extends Exception> type, String code) {
        this.type = type;
        this.code = code;
    }

    static FailureKind of(Exception e) {
        for (FailureKind kind : values()) {
            if (kind.type.isInstance(e)) {
                return kind;
            }
        }
        return TRANSIENT;
    }

    /** Whether the message is dead-lettered at once, never retried. */
    boolean permanent() {
        return this != TRANSIENT;
    }

    /**
     * The reason its dead-lettered message carries.
     *
     * @param handler the handler's label
     * @param timeoutMillis the handler's timeout, for {@link #TIMEOUT}
     * @param attempts the attempts made, this one included, for {@link #TRANSIENT}
     */
    String reason(Exception e, String handler, long timeoutMillis, int attempts) {
        return switch (this) {
            case TIMEOUT -> "handler " + handler + " did not complete within " + timeoutMillis + " ms";
            case BAD_PAYLOAD, REJECTED -> e.getMessage();
            case TRANSIENT -> "failed " + attempts + " times, last: " + e;
        };
    }
}
