package io.switchboard.dispatch.runtime.internal;

import io.switchboard.dispatch.IdempotentReceiver;
import java.time.Duration;

/**
 * The idempotent receiver the consumers use now: one object the dispatcher swaps when the service is replaced, so
 * a consumer that took it records and forgets an id with the same receiver.
 */
final class IdempotentGate {

    private final IdempotentReceiver receiver;

    IdempotentGate(IdempotentReceiver receiver) {
        this.receiver = receiver;
    }

    boolean firstTime(String consumer, String messageId, Duration keepFor) {
        return receiver.firstTime(consumer, messageId, keepFor);
    }

    void forget(String consumer, String messageId) {
        receiver.forget(consumer, messageId);
    }

    boolean wraps(IdempotentReceiver service) {
        return receiver == service;
    }
}
