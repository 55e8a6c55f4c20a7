package io.switchboard.routing.internal;

import io.switchboard.kernel.api.ApiResource;
import io.switchboard.rest.ApiException;
import io.switchboard.rest.Call;
import io.switchboard.rest.RestResource;
import io.switchboard.routing.RouteInfo;
import io.switchboard.routing.RouteOperations;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.NoSuchElementException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * REST over {@link RouteOperations}: {@code GET /api/v1/routes} (every route with its state and per-step counters),
 * {@code GET /api/v1/routes/{id}/source} (the file it was defined in); for operators
 * {@code POST /api/v1/routes/{id}/suspend}, {@code /stop} and {@code /resume}.
 */
@Component(service = Servlet.class)
@ApiResource(servlet_pattern = {"/v1/routes", "/v1/routes/*"})
public final class RoutesResource extends RestResource {

    private static final long serialVersionUID = 1L;

    private final transient RouteOperations operations;
    private final transient Path home;

    @Activate
    public RoutesResource(@Reference RouteOperations operations, BundleContext context) {
        this.operations = operations;
        this.home = Path.of(context.getProperty("switchboard.home")).toAbsolutePath().normalize();
        get("/v1/routes", call -> Map.of("routes", operations.routes()));
        get("/v1/routes/{id}/source", this::source);
        post("/v1/routes/{id}/suspend", call -> change(call, "suspend"));
        post("/v1/routes/{id}/stop", call -> change(call, "stop"));
        post("/v1/routes/{id}/resume", call -> change(call, "resume"));
    }

    /** The file a route was defined in, as deployed (a route of a Java bundle has none: 404 says so). */
    private Object source(Call call) throws IOException {
        String id = call.path("id");
        RouteInfo route = operations.routes().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("no route " + id));
        Path file = route.file() == null ? null : home.resolve(route.file()).normalize();
        if (file == null || !file.startsWith(home) || !Files.isRegularFile(file)) {
            throw ApiException.notFound("route " + id + " has no file to show: defined by " + route.file());
        }
        return Map.of("route", id, "file", route.file(), "text", Files.readString(file));
    }

    private Object change(Call call, String change) {
        String id = call.path("id");
        try {
            switch (change) {
                case "suspend" -> operations.suspend(id);
                case "stop" -> operations.stop(id);
                default -> operations.resume(id);
            }
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(e.getMessage());
        }
        return Map.of("route", id, "done", change);
    }
}
