package io.switchboard.http.internal;

import io.switchboard.kernel.api.PlatformStatus;
import io.switchboard.rest.Json;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /health/live} (the process serves HTTP) and {@code /health/ready} (200, or 503 with the kernel's
 * reasons, which include every {@code ReadinessCheck} service's, e.g. the delivery store's database, and their
 * {@code details}, e.g. each bridge instance's state, ready or not). No login: load
 * balancers and service managers call these.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/health/live", "/health/ready"})
public final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient PlatformStatus status;

    @Activate
    public HealthServlet(@Reference PlatformStatus status) {
        this.status = status;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().endsWith("/live")) {
            Json.write(response, 200, Map.of("status", "UP"));
            return;
        }
        Map<String, Object> body = readiness(status.notReadyReasons());
        Map<String, Object> details = status.details();
        if (!details.isEmpty()) {
            body.put("details", details);
        }
        Json.write(response, body.get("status").equals("UP") ? 200 : 503, body);
    }

    static Map<String, Object> readiness(List<String> reasons) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", reasons.isEmpty() ? "UP" : "DOWN");
        if (!reasons.isEmpty()) {
            body.put("reasons", reasons);
        }
        return body;
    }
}
