package io.switchboard.http.internal;

import io.switchboard.kernel.api.ApiResource;
import io.switchboard.kernel.api.BrokerAdmin;
import io.switchboard.rest.ApiException;
import io.switchboard.rest.Call;
import io.switchboard.rest.RestResource;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.util.Map;
import java.util.NoSuchElementException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The broker's destinations for the console: {@code GET /api/v1/destinations} (queues and totals),
 * {@code GET …/{queue}/messages?limit=}, and {@code POST …/{queue}/purge}, {@code …/{queue}/retry},
 * {@code …/{queue}/messages/{id}/retry}, {@code …/{queue}/move?to=}, {@code …/{address}/send}. Names are path
 * segments as the container decoded them (an encoded '/' is refused before any resource, by {@link RequestPaths}).
 * The API context has already refused state-changing requests of viewers.
 */
@Component(service = Servlet.class)
@ApiResource(servlet_pattern = {"/v1/destinations", "/v1/destinations/*"})
public final class DestinationsResource extends RestResource {

    private static final long serialVersionUID = 1L;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BrokerAdmin admin;

    @FunctionalInterface
    private interface Action {
        Object run(BrokerAdmin admin) throws IOException;
    }

    public DestinationsResource() {
        get("/v1/destinations", call -> serve(a -> DestinationsJson.listing(a.queues(), a.addresses(),
                System.currentTimeMillis())));
        get("/v1/destinations/{queue}/messages", this::browse);
        post("/v1/destinations/{queue}/purge", call -> serve(a ->
                Map.of("queue", call.path("queue"), "purged", a.purge(call.path("queue")))));
        post("/v1/destinations/{queue}/retry", call -> serve(a ->
                Map.of("queue", call.path("queue"), "retried", a.retry(call.path("queue")))));
        post("/v1/destinations/{queue}/messages/{id}/retry", this::retryOne);
        post("/v1/destinations/{queue}/move", this::move);
        post("/v1/destinations/{address}/send", this::send);
    }

    private Object browse(Call call) throws IOException {
        String queue = call.path("queue");
        String value = call.query("limit");
        int limit = DEFAULT_LIMIT;
        if (value != null && !value.isBlank()) {
            try {
                limit = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ApiException.badRequest("parameter 'limit' must be a number from 1 to " + MAX_LIMIT
                        + ", not " + value);
            }
        }
        int n = limit;
        return serve(a -> Map.of("queue", queue, "messages", DestinationsJson.messages(a.browse(queue, n))));
    }

    private Object retryOne(Call call) throws IOException {
        String queue = call.path("queue");
        String id = call.path("id");
        long messageId;
        try {
            messageId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("message id must be a number, not " + id);
        }
        return serve(a -> {
            if (a.retry(queue, messageId) == 0) {
                throw ApiException.notFound("queue " + queue + " holds no message " + messageId
                        + " that can be retried (no such message, or it has no original address)");
            }
            return Map.of("queue", queue, "id", messageId, "retried", 1);
        });
    }

    private Object move(Call call) throws IOException {
        String queue = call.path("queue");
        String to = call.query("to");
        if (to == null || to.isBlank()) {
            throw ApiException.badRequest("parameter 'to' (the address to move the messages to) is required");
        }
        return serve(a -> Map.of("queue", queue, "to", to, "moved", a.move(queue, to)));
    }

    private Object send(Call call) throws IOException {
        String address = call.path("address");
        DestinationsJson.TestMessage message;
        try {
            message = DestinationsJson.testMessage(call.json());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return serve(a -> {
            a.send(address, message.routingType(), message.body(), message.properties(), message.durable());
            return Map.of("address", address, "sent", 1);
        });
    }

    /** Runs an action against the broker; 503 without one, and the contract's exceptions as statuses. */
    private Object serve(Action action) throws IOException {
        BrokerAdmin a = admin;
        if (a == null) {
            throw ApiException.unavailable("destinations are managed on the remote broker "
                    + "(broker.mode = remote): use that broker's own console or CLI");
        }
        try {
            return action.run(a);
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(500, "broker-error", e.getMessage());
        }
    }
}
