package io.switchboard.delivery.internal.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.delivery.DeliveryOperations;
import io.switchboard.delivery.DeliveryState;
import io.switchboard.delivery.MessageDetail;
import io.switchboard.delivery.MessageFilter;
import io.switchboard.kernel.api.ApiResource;
import io.switchboard.rest.ApiException;
import io.switchboard.rest.Call;
import io.switchboard.rest.RestResource;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * REST over {@link DeliveryOperations}: {@code GET /api/v1/delivery/endpoints},
 * {@code GET /messages?endpoint=&state=&messageId=&type=&olderThan=&cursor=&limit=}, {@code GET /messages/{id}},
 * {@code GET /audit?cursor=&limit=}; for operators {@code POST /messages/{id}/retry}, {@code PUT /messages/{id}}
 * (edit and retry), {@code POST /messages/replay?filter} and {@code DELETE /messages?filter} (an empty filter only
 * with {@code all=true}). The actor is the remote user. What the store refuses is the caller's to fix: an unknown
 * message is 404, a message in the wrong state 409, a malformed value 400.
 */
@Component(service = Servlet.class)
@ApiResource(servlet_pattern = "/v1/delivery/*")
public final class DeliveryResource extends RestResource {

    private static final long serialVersionUID = 1L;
    static final String ADMIN = "admin";
    static final String OPERATOR = "operator";
    private static final int DEFAULT_LIMIT = 50;

    private final transient DeliveryOperations operations;

    @Activate
    public DeliveryResource(@Reference DeliveryOperations operations) {
        this.operations = operations;
        get("/v1/delivery/endpoints", call -> operations.endpoints());
        get("/v1/delivery/messages", refusing(call -> operations.list(filter(call), call.query("cursor"),
                limit(call))));
        get("/v1/delivery/messages/{id}", refusing(call -> detail(operations.detail(call.path("id")))));
        get("/v1/delivery/audit", refusing(call -> operations.audit(call.query("cursor"), limit(call))));
        post("/v1/delivery/messages/replay", operating(call ->
                affected(operations.replayDead(filter(call), call.user()))));
        post("/v1/delivery/messages/{id}/retry", operating(call -> {
            operations.retryNow(call.path("id"), call.user());
            return affected(1);
        }));
        put("/v1/delivery/messages/{id}", operating(this::edit));
        delete("/v1/delivery/messages", operating(this::purge));
    }

    private Object edit(Call call) throws IOException {
        JsonNode edit = call.body();
        byte[] body = edit.hasNonNull("bodyBase64") ? Base64.getDecoder().decode(edit.get("bodyBase64").asText())
                : edit.hasNonNull("body") ? edit.get("body").asText().getBytes(StandardCharsets.UTF_8) : null;
        Map<String, String> headers = null;
        if (edit.hasNonNull("headers")) {
            if (!edit.get("headers").isObject()) {
                throw ApiException.badRequest("'headers' must be an object of strings");
            }
            headers = new LinkedHashMap<>();
            for (var h : edit.get("headers").properties()) {
                headers.put(h.getKey(), h.getValue().asText());
            }
        }
        String contentType = edit.hasNonNull("contentType") ? edit.get("contentType").asText() : null;
        operations.editAndRetry(call.path("id"), headers, body, contentType, call.user());
        return affected(1);
    }

    private Object purge(Call call) {
        MessageFilter filter = filter(call);
        if (filter.isEmpty() && !"true".equals(call.query("all"))) {
            throw ApiException.badRequest("an empty filter purges every message: give endpoint, state, messageId, "
                    + "type or olderThan, or all=true");
        }
        return affected(operations.purge(filter, call.user()));
    }

    /** A change of stored messages: the store's own check that the caller operates, then as {@link #refusing}. */
    private static Handler operating(Handler handler) {
        Handler refusing = refusing(handler);
        return call -> {
            call.requireRole(OPERATOR, ADMIN);
            return refusing.handle(call);
        };
    }

    /** The store's refusals as the caller's errors: unknown 404, wrong state 409, malformed 400. */
    private static Handler refusing(Handler handler) {
        return call -> {
            try {
                return handler.handle(call);
            } catch (NoSuchElementException e) {
                throw ApiException.notFound(e.getMessage());
            } catch (IllegalStateException e) {
                throw ApiException.conflict(e.getMessage());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        };
    }

    private static MessageFilter filter(Call call) {
        String state = call.query("state", null);
        String olderThan = call.query("olderThan", null);
        try {
            return new MessageFilter(trimmed(call.query("endpoint", null)),
                    state == null ? null : DeliveryState.valueOf(state.trim().toUpperCase(Locale.ROOT)),
                    trimmed(call.query("messageId", null)), trimmed(call.query("type", null)),
                    olderThan == null ? null : Instant.parse(olderThan.trim()));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("query parameter 'olderThan' must be an ISO-8601 instant "
                    + "(2026-01-31T12:00:00Z), got '" + olderThan + "'");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("query parameter 'state' must be one of PENDING, IN_FLIGHT, DELIVERED, "
                    + "DEAD, got '" + state + "'");
        }
    }

    private static int limit(Call call) {
        return call.query("limit", DEFAULT_LIMIT, 1, DeliveryOperations.MAX_PAGE);
    }

    /** The body as text when its content type is textual, else as base64. */
    private static Map<String, Object> detail(MessageDetail d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", d.message());
        m.put("headers", d.headers());
        m.put("contentType", d.contentType());
        String type = d.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("text/") || type.contains("json") || type.contains("xml")) {
            m.put("body", new String(d.body(), StandardCharsets.UTF_8));
        } else {
            m.put("bodyBase64", Base64.getEncoder().encodeToString(d.body()));
        }
        m.put("attempts", d.attempts());
        return m;
    }

    private static Map<String, Integer> affected(int n) {
        return Map.of("affected", n);
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }
}
