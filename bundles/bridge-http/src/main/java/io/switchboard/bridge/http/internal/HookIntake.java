package io.switchboard.bridge.http.internal;

import io.switchboard.bridge.BridgeHeaders;
import io.switchboard.bridge.BridgeInstance;
import io.switchboard.dispatch.IdempotentReceiver;
import io.switchboard.dispatch.Messenger;
import io.switchboard.kernel.api.Account;
import io.switchboard.kernel.api.HttpCredentials;
import io.switchboard.rest.Json;
import io.switchboard.routing.RouteMessage;
import io.switchboard.routing.RouteSource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a webhook does with one request: method, caller, media type and size checked before the body is taken; the
 * signature checked over the raw bytes; a delivery id seen before answered as a duplicate; the message routed and the
 * caller answered only after the route committed: 202 (or 200 with the handler's reply in wait-for-reply mode), 422
 * when the route refused it for good (dead-lettered), 503 with {@code Retry-After} when it cannot be taken now.
 */
final class HookIntake {

    private static final Logger LOG = LoggerFactory.getLogger(Webhook.class);
    static final int RETRY_AFTER_SECONDS = 5;

    private final HookSettings settings;
    private final BridgeInstance instance;
    private final Hooks hooks;
    private final HttpCredentials credentials;
    private final Supplier<IdempotentReceiver> idempotent;
    private final HookReplies replies;
    private final String consumer;

    HookIntake(HookSettings settings, BridgeInstance instance, Hooks hooks, HttpCredentials credentials,
            Supplier<IdempotentReceiver> idempotent, Supplier<Messenger> messenger) {
        this.settings = settings;
        this.instance = instance;
        this.hooks = hooks;
        this.credentials = credentials;
        this.idempotent = idempotent;
        this.replies = new HookReplies(settings, messenger);
        this.consumer = "hook:" + settings.instance();
    }

    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String what = "webhook /hooks/" + settings.path();
        if (!request.getMethod().equals("POST") && !request.getMethod().equals("PUT")) {
            response.setHeader("Allow", "POST, PUT");
            Json.error(response, 405, "method-not-allowed", what + " takes POST and PUT, not " + request.getMethod());
            return;
        }
        if (settings.auth() == HookSettings.Auth.PLATFORM && !platformLogin(request, response, what)) {
            return;
        }
        String media = HookSettings.mediaType(request.getContentType());
        if (!settings.contentTypes().isEmpty() && !settings.contentTypes().contains(media)) {
            Json.error(response, 415, "unsupported-media-type", what + " takes " + String.join(", ",
                    settings.contentTypes()) + ", not '" + media + "'");
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > settings.maxBytes()) {
            tooLarge(response, what);
            return;
        }
        byte[] body = read(request.getInputStream(), settings.maxBytes());
        if (body == null) {
            tooLarge(response, what);
            return;
        }
        String refusal = signatureRefusal(request, body);
        if (refusal != null) {
            LOG.warn("Webhook http.in~{} refused a call from {}: {}", settings.instance(), request.getRemoteAddr(),
                    refusal);
            credentials.refused(what + ": " + refusal, request.getRemoteAddr(), 401);
            instance.failure("refused a call: " + refusal);
            Json.error(response, 401, "unauthorized", refusal);
            return;
        }
        String deliveryId = deliveryId(request);
        String messageId = deliveryId != null ? deliveryId : UUID.randomUUID().toString();
        IdempotentReceiver seen = deliveryId == null ? null : idempotent.get();
        if (seen != null && !firstTime(seen, deliveryId)) {
            Json.write(response, 200, Map.of("duplicate", true, "messageId", messageId));
            return;
        }
        RouteMessage message = HookMessages.of(request, body, messageId, "http.in~" + settings.instance());
        boolean done = false;
        try {
            done = settings.replyTimeout().isZero() ? route(message, response, what) : replies.request(message, response);
            if (done) {
                instance.in();
            }
        } finally {
            if (!done && seen != null) {
                seen.forget(consumer, deliveryId);
            }
        }
    }

    /** @return true when the message was committed (routed or dead-lettered) */
    private boolean route(RouteMessage message, HttpServletResponse response, String what) throws IOException {
        RouteSource.Receiver receiver = hooks.receiver(settings.instance());
        if (receiver == null) {
            unavailable(response, what + " cannot take messages now: no route takes hook:" + settings.instance());
            return false;
        }
        RouteSource.Routed routed;
        try {
            routed = receiver.route(message);
        } catch (Exception e) {
            instance.failure(String.valueOf(e.getMessage()));
            LOG.warn("Webhook http.in~{}: a message could not be taken now ({}); the caller is told to retry",
                    settings.instance(), e.getMessage());
            unavailable(response, what + " cannot take the message now: " + e.getMessage());
            return false;
        }
        String id = String.valueOf(message.headers().get(BridgeHeaders.MESSAGE_ID));
        if (routed.deadLettered()) {
            instance.failure(routed.reason());
            Json.error(response, 422, "unprocessable", "the message was refused for good (kept in the dead-letter "
                    + "queue as " + id + "): " + routed.reason());
            return true;
        }
        Json.write(response, 202, Map.of("accepted", true, "messageId", id));
        return true;
    }

    private boolean platformLogin(HttpServletRequest request, HttpServletResponse response, String what)
            throws IOException {
        Optional<Account> account = credentials.authenticate(request.getHeader("Authorization"),
                request.getRemoteAddr(), what);
        if (account.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Switchboard\", charset=\"UTF-8\"");
            Json.error(response, 401, "unauthorized", "log in with HTTP Basic or an API token (Authorization: Bearer)");
            return false;
        }
        if (account.get().roles().stream().noneMatch(settings.roles()::contains)) {
            credentials.refused(what + ": user " + account.get().name() + " lacks a role of " + settings.roles(),
                    request.getRemoteAddr(), 403);
            Json.error(response, 403, "forbidden", "the user " + account.get().name() + " has none of the roles "
                    + settings.roles() + " this webhook takes");
            return false;
        }
        return true;
    }

    private String signatureRefusal(HttpServletRequest request, byte[] body) {
        return switch (settings.auth()) {
            case HMAC_SHA256 -> Signatures.checkGithub(settings.secret(), request.getHeader(Signatures.GITHUB_HEADER), body);
            case STANDARD_WEBHOOKS -> Signatures.checkStandard(settings.secret(), request.getHeader(Signatures.SW_ID),
                    request.getHeader(Signatures.SW_TIMESTAMP), request.getHeader(Signatures.SW_SIGNATURE), body,
                    settings.tolerance(), Instant.now());
            default -> null;
        };
    }

    private String deliveryId(HttpServletRequest request) {
        if (settings.deliveryIdHeader() != null) {
            return blankToNull(request.getHeader(settings.deliveryIdHeader()));
        }
        for (String h : HookSettings.DELIVERY_ID_HEADERS) {
            String v = blankToNull(request.getHeader(h));
            if (v != null) {
                return v.length() > 200 ? v.substring(0, 200) : v;
            }
        }
        return null;
    }

    private boolean firstTime(IdempotentReceiver seen, String deliveryId) {
        try {
            return seen.firstTime(consumer, deliveryId.length() > 200 ? deliveryId.substring(0, 200) : deliveryId,
                    settings.dedupFor());
        } catch (RuntimeException e) {
            LOG.warn("Webhook http.in~{}: the idempotent receiver failed ({}); the call is taken without dedup",
                    settings.instance(), e.toString());
            return true;
        }
    }

    private void tooLarge(HttpServletResponse response, String what) throws IOException {
        Json.error(response, 413, "payload-too-large", what + " takes bodies of at most " + settings.maxBytes()
                + " bytes (maxBytes)");
    }

    static void unavailable(HttpServletResponse response, String message) throws IOException {
        response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        Json.error(response, 503, "unavailable", message);
    }

    /** The body, or null when it is longer than {@code max}. */
    static byte[] read(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
