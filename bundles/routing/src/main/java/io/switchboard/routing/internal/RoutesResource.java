package io.switchboard.routing.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.switchboard.kernel.api.Account;
import io.switchboard.routing.RouteInfo;
import io.switchboard.routing.RouteOperations;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * REST over {@link RouteOperations}, in the authenticated API context: {@code GET /api/v1/routes} (every route with
 * its state and per-step counters); for the {@code admin} role {@code POST /api/v1/routes/{id}/suspend},
 * {@code /stop} and {@code /resume}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=switchboard.api)")
@HttpWhiteboardServletPattern({"/v1/routes", "/v1/routes/*"})
public final class RoutesResource extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));

    private final transient RouteOperations operations;
    private final transient Path home;

    @Activate
    public RoutesResource(@Reference RouteOperations operations, BundleContext context) {
        this.operations = operations;
        this.home = Path.of(context.getProperty("switchboard.home")).toAbsolutePath().normalize();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path != null && path.endsWith("/source") && path.length() > "/source".length() + 1) {
            source(path.substring(1, path.length() - "/source".length()), response);
            return;
        }
        if (path != null && !path.equals("/")) {
            write(response, 404, Map.of("error", "not_found", "message",
                    "GET /api/v1/routes lists the routes; GET /api/v1/routes/{id}/source shows a route's file"));
            return;
        }
        write(response, 200, Map.of("routes", operations.routes()));
    }

    /** The file a route was defined in, as deployed (a route of a Java bundle has none: 404 says so). */
    private void source(String id, HttpServletResponse response) throws IOException {
        RouteInfo route = operations.routes().stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
        if (route == null) {
            write(response, 404, Map.of("error", "not_found", "message", "no route " + id));
            return;
        }
        Path file = route.file() == null ? null : home.resolve(route.file()).normalize();
        if (file == null || !file.startsWith(home) || !Files.isRegularFile(file)) {
            write(response, 404, Map.of("error", "not_found", "message", "route " + id + " has no file to show: "
                    + "defined by " + route.file()));
            return;
        }
        write(response, 200, Map.of("route", id, "file", route.file(), "text", Files.readString(file)));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!(request.getAttribute("io.switchboard.account") instanceof Account a
                && (a.hasRole("admin") || a.hasRole("operator")))) {
            write(response, 403, Map.of("error", "forbidden", "message",
                    "changing a route needs the operator or admin role"));
            return;
        }
        String[] p = request.getPathInfo() == null ? new String[0] : request.getPathInfo().substring(1).split("/");
        if (p.length != 2 || !(p[1].equals("suspend") || p[1].equals("resume") || p[1].equals("stop"))) {
            write(response, 404, Map.of("error", "not_found", "message",
                    "POST /api/v1/routes/{id}/suspend, /resume or /stop"));
            return;
        }
        try {
            switch (p[1]) {
                case "suspend" -> operations.suspend(p[0]);
                case "stop" -> operations.stop(p[0]);
                default -> operations.resume(p[0]);
            }
            write(response, 200, Map.of("route", p[0], "done", p[1]));
        } catch (NoSuchElementException e) {
            write(response, 404, Map.of("error", "not_found", "message", e.getMessage()));
        }
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
