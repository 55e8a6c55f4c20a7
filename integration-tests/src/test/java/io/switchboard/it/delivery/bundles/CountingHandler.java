package io.switchboard.it.delivery.bundles;

import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.MessageHandler;
import io.switchboard.dispatch.Wire;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts its calls and replies with the count; {@code fail-first} throws on a message's first attempt, so only
 * the dispatcher's retry can succeed.
 */
public final class CountingHandler implements MessageHandler {

    private final String behaviour;
    private final AtomicInteger calls = new AtomicInteger();

    public CountingHandler(String behaviour) {
        this.behaviour = behaviour == null ? "count" : behaviour;
    }

    @Override
    public Object handle(Message message) {
        int call = calls.incrementAndGet();
        int attempt = Integer.parseInt(message.headers().getOrDefault(Wire.ATTEMPTS, "0"));
        if ("fail-first".equals(behaviour) && attempt == 0) {
            throw new IllegalStateException("first attempt of " + message.id() + " fails");
        }
        return Map.of("calls", call, "attempt", attempt);
    }
}
