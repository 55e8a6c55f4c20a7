package io.switchboard.dispatch.runtime.internal;

import io.switchboard.dispatch.DispatchException;
import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.Wire;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Requests waiting for their reply, by correlation id. A reply nobody waits for is the caller's to route. */
final class PendingReplies {

    private final Map<String, CompletableFuture<Message>> waiting = new ConcurrentHashMap<>();

    /** @throws IllegalStateException when a request with this correlation id is already waiting */
    CompletableFuture<Message> expect(String correlationId, long timeoutMillis) {
        CompletableFuture<Message> reply = new CompletableFuture<>();
        if (waiting.putIfAbsent(correlationId, reply) != null) {
            throw new IllegalStateException("a request with correlation id " + correlationId + " is already waiting");
        }
        CompletableFuture.delayedExecutor(timeoutMillis, TimeUnit.MILLISECONDS).execute(() -> {
            if (waiting.remove(correlationId, reply)) {
                reply.completeExceptionally(new TimeoutException("no reply for " + correlationId + " within "
                        + timeoutMillis + " ms; a later reply goes to the late-reply destination"));
            }
        });
        return reply;
    }

    void forget(String correlationId) {
        waiting.remove(correlationId);
    }

    /** The request's reply could not be read: its caller learns why now rather than by timeout. */
    void fail(String correlationId, Throwable why) {
        CompletableFuture<Message> future = correlationId == null ? null : waiting.remove(correlationId);
        if (future != null) {
            future.completeExceptionally(why);
        }
    }

    /** @return false when nobody waits for this reply any more (timed out, or sent before a restart) */
    boolean complete(String correlationId, Message reply) {
        CompletableFuture<Message> future = correlationId == null ? null : waiting.remove(correlationId);
        if (future == null) {
            return false;
        }
        if (Wire.ERROR.equals(reply.header(Wire.STATUS))) {
            String code = Wire.ERROR;
            String text = reply.bodyText();
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = reply.body(Map.class);
                code = String.valueOf(body.getOrDefault("error", Wire.ERROR));
                text = String.valueOf(body.getOrDefault("message", text));
            } catch (RuntimeException notJson) {
                // keep the raw body as the message
            }
            future.completeExceptionally(new DispatchException(code, text));
        } else {
            future.complete(reply);
        }
        return true;
    }
}
