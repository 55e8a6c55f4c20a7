package io.switchboard.dispatch.runtime.internal;

import io.switchboard.delivery.IdempotentReceiver;
import java.time.Duration;

/**
 * The idempotent receiver as the consumers use it. The one class of this bundle that names a type of
 * {@code io.switchboard.delivery}: that package is imported dynamically (bnd.bnd), so this class is loaded only
 * once a receiver service exists, and the dispatcher runs without the delivery feature.
 */
final class IdempotentGate {

    private final IdempotentReceiver receiver;

    /** @param receiver an {@code IdempotentReceiver} service, typed loosely so the caller need not name the type */
    IdempotentGate(Object receiver) {
        this.receiver = (IdempotentReceiver) receiver;
    }

    boolean firstTime(String consumer, String messageId, Duration keepFor) {
        return receiver.firstTime(consumer, messageId, keepFor);
    }

    void forget(String consumer, String messageId) {
        receiver.forget(consumer, messageId);
    }

    boolean wraps(Object service) {
        return receiver == service;
    }
}
