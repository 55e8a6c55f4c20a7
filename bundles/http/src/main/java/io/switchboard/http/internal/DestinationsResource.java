package io.switchboard.http.internal;

import io.switchboard.kernel.api.BrokerAdmin;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The broker's destinations for the console: {@code GET /api/v1/destinations} (queues and totals),
 * {@code GET …/{queue}/messages?limit=}, and {@code POST …/{queue}/purge}, {@code …/{queue}/retry},
 * {@code …/{queue}/messages/{id}/retry}, {@code …/{queue}/move?to=}, {@code …/{address}/send}. Names are
 * percent-decoded segments. The API context has already refused state-changing requests of viewers.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(ApiContext.SELECT)
@HttpWhiteboardServletPattern({"/v1/destinations", "/v1/destinations/*"})
public final class DestinationsResource extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BrokerAdmin admin;

    @FunctionalInterface
    private interface Action {
        void run(BrokerAdmin admin) throws IOException;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> path = segments(request);
        if (path.isEmpty()) {
            serve(response, a -> Json.write(response, 200, DestinationsJson.listing(a.queues(), a.addresses(),
                    System.currentTimeMillis())));
        } else if (path.size() == 2 && path.get(1).equals("messages")) {
            Integer limit = limit(request.getParameter("limit"), response);
            if (limit != null) {
                serve(response, a -> Json.write(response, 200,
                        Map.of("queue", path.get(0), "messages", DestinationsJson.messages(a.browse(path.get(0), limit)))));
            }
        } else {
            notFound(request, response);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> path = segments(request);
        String name = path.isEmpty() ? null : path.get(0);
        String action = path.size() == 2 ? path.get(1)
                : path.size() == 4 && path.get(1).equals("messages") && path.get(3).equals("retry") ? "retry-one" : "";
        switch (action) {
            case "purge" -> serve(response, a -> Json.write(response, 200, Map.of("queue", name, "purged", a.purge(name))));
            case "retry" -> serve(response, a -> Json.write(response, 200, Map.of("queue", name, "retried", a.retry(name))));
            case "retry-one" -> retryOne(name, path.get(2), response);
            case "move" -> move(name, request.getParameter("to"), response);
            case "send" -> send(name, request, response);
            default -> notFound(request, response);
        }
    }

    private void retryOne(String queue, String id, HttpServletResponse response) throws IOException {
        long messageId;
        try {
            messageId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            Json.error(response, 400, "bad-request", "message id must be a number, not " + id);
            return;
        }
        serve(response, a -> {
            if (a.retry(queue, messageId) == 0) {
                Json.error(response, 404, "not-found", "queue " + queue + " holds no message " + messageId
                        + " that can be retried (no such message, or it has no original address)");
            } else {
                Json.write(response, 200, Map.of("queue", queue, "id", messageId, "retried", 1));
            }
        });
    }

    private void move(String queue, String to, HttpServletResponse response) throws IOException {
        if (to == null || to.isBlank()) {
            Json.error(response, 400, "bad-request", "parameter 'to' (the address to move the messages to) is required");
            return;
        }
        serve(response, a -> Json.write(response, 200, Map.of("queue", queue, "to", to, "moved", a.move(queue, to))));
    }

    private void send(String address, HttpServletRequest request, HttpServletResponse response) throws IOException {
        DestinationsJson.TestMessage message;
        try {
            message = DestinationsJson.testMessage(Json.read(request.getInputStream()));
        } catch (IllegalArgumentException e) {
            Json.error(response, 400, "bad-request", e.getMessage());
            return;
        }
        serve(response, a -> {
            a.send(address, message.routingType(), message.body(), message.properties(), message.durable());
            Json.write(response, 200, Map.of("address", address, "sent", 1));
        });
    }

    /** Runs an action against the broker; answers 503 without one, and maps the contract's exceptions. */
    private void serve(HttpServletResponse response, Action action) throws IOException {
        BrokerAdmin a = admin;
        if (a == null) {
            Json.error(response, 503, "unavailable", "destinations are managed on the remote broker "
                    + "(broker.mode = remote): use that broker's own console or CLI");
            return;
        }
        try {
            action.run(a);
        } catch (NoSuchElementException e) {
            Json.error(response, 404, "not-found", e.getMessage());
        } catch (IllegalArgumentException e) {
            Json.error(response, 400, "bad-request", e.getMessage());
        } catch (IllegalStateException e) {
            Json.error(response, 500, "broker-error", e.getMessage());
        }
    }

    /** The limit parameter, or null having answered 400. */
    private static Integer limit(String value, HttpServletResponse response) throws IOException {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        Json.error(response, 400, "bad-request", "parameter 'limit' must be a number from 1 to " + MAX_LIMIT + ", not " + value);
        return null;
    }

    private static void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Json.error(response, 404, "not-found", "no resource at " + request.getMethod() + " " + request.getRequestURI());
    }

    /**
     * The path below {@code /v1/destinations}, split and percent-decoded segment by segment. Read from the raw
     * URI, so an encoded {@code /} stays inside a name and a {@code +} stays a plus.
     */
    static List<String> segments(HttpServletRequest request) {
        String prefix = request.getContextPath() + request.getServletPath();
        String raw = request.getRequestURI();
        return segments(raw.startsWith(prefix) ? raw.substring(prefix.length()) : "");
    }

    static List<String> segments(String rawPath) {
        return Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)).toList();
    }
}
