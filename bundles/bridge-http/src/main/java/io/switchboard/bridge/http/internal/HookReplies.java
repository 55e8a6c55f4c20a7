package io.switchboard.bridge.http.internal;

import io.switchboard.bridge.BridgeHeaders;
import io.switchboard.dispatch.DispatchException;
import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.Messenger;
import io.switchboard.rest.Json;
import io.switchboard.routing.RouteMessage;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Wait-for-reply mode: the webhook's message is a dispatch request of its type, and the handler's reply is the HTTP
 * answer (200 with the reply's body and content type); when none comes within {@code replyTimeout}, 202 (the request
 * stays with dispatch, and its late reply goes where late replies go). A handler's error is 422.
 */
final class HookReplies {

    private final HookSettings settings;
    private final Supplier<Messenger> messenger;

    HookReplies(HookSettings settings, Supplier<Messenger> messenger) {
        this.settings = settings;
        this.messenger = messenger;
    }

    /** @return true when the request was handed to dispatch */
    boolean request(RouteMessage message, HttpServletResponse response) throws IOException {
        Messenger m = messenger.get();
        if (m == null) {
            HookIntake.unavailable(response, "webhook /hooks/" + settings.path() + " cannot take messages now: "
                    + "dispatch is not running");
            return false;
        }
        Message.Builder request = Message.builder(settings.replyType())
                .id(String.valueOf(message.headers().get(BridgeHeaders.MESSAGE_ID)))
                .body(message.body(), contentType(message));
        if (settings.replyOperation() != null) {
            request.operation(settings.replyOperation());
        }
        message.headers().forEach((k, v) -> {
            if (!k.startsWith("SB_")) {
                request.header(k, String.valueOf(v));
            }
        });
        Message reply;
        try {
            reply = m.request(request.build(), settings.replyTimeout()).toCompletableFuture()
                    .get(settings.replyTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                Json.write(response, 202, Map.of("accepted", true, "messageId", request.build().id(),
                        "reply", "none within " + settings.replyTimeout().toMillis() + " ms"));
                return true;
            }
            if (e.getCause() instanceof DispatchException d) {
                Json.error(response, 422, "handler-error", d.getMessage());
                return true;
            }
            HookIntake.unavailable(response, "the request could not be dispatched now: " + e.getCause());
            return false;
        } catch (TimeoutException e) {
            Json.write(response, 202, Map.of("accepted", true, "messageId", request.build().id()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            HookIntake.unavailable(response, "interrupted");
            return false;
        }
        response.setStatus(200);
        response.setContentType(reply.contentType());
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(reply.bodyBytes());
        return true;
    }

    private static String contentType(RouteMessage message) {
        Object ct = message.headers().get(BridgeHeaders.CONTENT_TYPE);
        return ct == null ? Message.JSON : ct.toString();
    }
}
