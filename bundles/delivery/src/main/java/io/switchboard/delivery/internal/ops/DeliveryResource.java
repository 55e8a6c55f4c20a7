package io.switchboard.delivery.internal.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.switchboard.delivery.DeliveryOperations;
import io.switchboard.delivery.DeliveryState;
import io.switchboard.delivery.MessageDetail;
import io.switchboard.delivery.MessageFilter;
import io.switchboard.kernel.api.Account;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * REST over {@link DeliveryOperations}, in the authenticated API context: {@code GET /api/v1/delivery/endpoints},
 * {@code GET /messages?endpoint=&state=&messageId=&type=&olderThan=&cursor=&limit=}, {@code GET /messages/{id}},
 * {@code GET /audit?cursor=&limit=}; for the {@code operator} and {@code admin} roles {@code POST /messages/{id}/retry},
 * {@code PUT /messages/{id}} (edit and retry), {@code POST /messages/replay?filter} and
 * {@code DELETE /messages?filter} (an empty filter only with {@code all=true}). The actor is the remote user.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=switchboard.api)")
@HttpWhiteboardServletPattern("/v1/delivery/*")
public final class DeliveryResource extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** The request attribute where the API context puts the authenticated account. */
    static final String ACCOUNT = "io.switchboard.account";
    static final String ADMIN = "admin";
    static final String OPERATOR = "operator";
    private static final int DEFAULT_LIMIT = 50;
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));

    private final transient DeliveryOperations operations;

    @Activate
    public DeliveryResource(@Reference DeliveryOperations operations) {
        this.operations = operations;
    }

    /** A client error: status, code and a message naming what to fix. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        Refused(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response, false, () -> {
            String[] path = path(request);
            if (path.length == 1 && path[0].equals("endpoints")) {
                return operations.endpoints();
            }
            if (path.length == 1 && path[0].equals("messages")) {
                return operations.list(filter(request), request.getParameter("cursor"), limit(request));
            }
            if (path.length == 2 && path[0].equals("messages")) {
                return detail(operations.detail(path[1]));
            }
            if (path.length == 1 && path[0].equals("audit")) {
                return operations.audit(request.getParameter("cursor"), limit(request));
            }
            throw notFound(request);
        });
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response, true, () -> {
            String[] path = path(request);
            if (path.length == 2 && path[0].equals("messages") && path[1].equals("replay")) {
                return affected(operations.replayDead(filter(request), request.getRemoteUser()));
            }
            if (path.length == 3 && path[0].equals("messages") && path[2].equals("retry")) {
                operations.retryNow(path[1], request.getRemoteUser());
                return affected(1);
            }
            throw notFound(request);
        });
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response, true, () -> {
            String[] path = path(request);
            if (path.length != 2 || !path[0].equals("messages")) {
                throw notFound(request);
            }
            JsonNode edit = readObject(request);
            byte[] body = edit.hasNonNull("bodyBase64") ? Base64.getDecoder().decode(edit.get("bodyBase64").asText())
                    : edit.hasNonNull("body") ? edit.get("body").asText().getBytes(StandardCharsets.UTF_8) : null;
            Map<String, String> headers = null;
            if (edit.hasNonNull("headers")) {
                if (!edit.get("headers").isObject()) {
                    throw new Refused(400, "bad-request", "'headers' must be an object of strings");
                }
                headers = new LinkedHashMap<>();
                for (var h : edit.get("headers").properties()) {
                    headers.put(h.getKey(), h.getValue().asText());
                }
            }
            String contentType = edit.hasNonNull("contentType") ? edit.get("contentType").asText() : null;
            operations.editAndRetry(path[1], headers, body, contentType, request.getRemoteUser());
            return affected(1);
        });
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response, true, () -> {
            String[] path = path(request);
            if (path.length != 1 || !path[0].equals("messages")) {
                throw notFound(request);
            }
            MessageFilter filter = filter(request);
            if (filter.isEmpty() && !"true".equals(request.getParameter("all"))) {
                throw new Refused(400, "bad-request", "an empty filter purges every message: give endpoint, state, "
                        + "messageId, type or olderThan, or all=true");
            }
            return affected(operations.purge(filter, request.getRemoteUser()));
        });
    }

    private interface Action {
        Object run() throws Refused, IOException;
    }

    private static void handle(HttpServletRequest request, HttpServletResponse response, boolean mutates,
            Action action) throws IOException {
        try {
            if (mutates && !(request.getAttribute(ACCOUNT) instanceof Account a
                    && (a.hasRole(ADMIN) || a.hasRole(OPERATOR)))) {
                throw new Refused(403, "forbidden", "changing stored messages needs the '" + OPERATOR + "' or '"
                        + ADMIN + "' role");
            }
            write(response, 200, action.run());
        } catch (Refused e) {
            write(response, e.status, error(e.code, e.getMessage()));
        } catch (NoSuchElementException e) {
            write(response, 404, error("not-found", e.getMessage()));
        } catch (IllegalStateException e) {
            write(response, 409, error("conflict", e.getMessage()));
        } catch (IllegalArgumentException e) {
            write(response, 400, error("bad-request", e.getMessage()));
        }
    }

    private static String[] path(HttpServletRequest request) {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        return path.isEmpty() || path.equals("/") ? new String[0] : path.substring(1).split("/");
    }

    private static Refused notFound(HttpServletRequest request) {
        return new Refused(404, "not-found", "no resource at " + request.getMethod() + " /api/v1/delivery"
                + (request.getPathInfo() == null ? "" : request.getPathInfo())
                + " (try /endpoints, /messages, /messages/{id}, /audit)");
    }

    private static MessageFilter filter(HttpServletRequest request) throws Refused {
        String state = blankToNull(request.getParameter("state"));
        String olderThan = blankToNull(request.getParameter("olderThan"));
        try {
            return new MessageFilter(blankToNull(request.getParameter("endpoint")),
                    state == null ? null : DeliveryState.valueOf(state.toUpperCase(Locale.ROOT)),
                    blankToNull(request.getParameter("messageId")), blankToNull(request.getParameter("type")),
                    olderThan == null ? null : Instant.parse(olderThan));
        } catch (IllegalArgumentException e) {
            throw new Refused(400, "bad-request", "query parameter 'state' must be one of PENDING, IN_FLIGHT, "
                    + "DELIVERED, DEAD, got '" + state + "'");
        } catch (DateTimeParseException e) {
            throw new Refused(400, "bad-request", "query parameter 'olderThan' must be an ISO-8601 instant "
                    + "(2026-01-31T12:00:00Z), got '" + olderThan + "'");
        }
    }

    private static int limit(HttpServletRequest request) throws Refused {
        String limit = blankToNull(request.getParameter("limit"));
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= DeliveryOperations.MAX_PAGE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Refused(400, "bad-request", "query parameter 'limit' must be 1 to " + DeliveryOperations.MAX_PAGE
                + ", got '" + limit + "'");
    }

    private static JsonNode readObject(HttpServletRequest request) throws Refused, IOException {
        JsonNode node;
        try {
            node = JSON.readTree(request.getInputStream());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Refused(400, "bad-request", "the body is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new Refused(400, "bad-request", "the body must be a JSON object: {\"headers\":{...}, "
                    + "\"body\":\"...\" or \"bodyBase64\":\"...\", \"contentType\":\"...\"}");
        }
        return node;
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Map<String, String> error(String code, String text) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("message", text);
        return m;
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
