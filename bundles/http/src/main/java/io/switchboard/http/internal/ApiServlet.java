package io.switchboard.http.internal;

import io.switchboard.kernel.api.Deployment;
import io.switchboard.kernel.api.Deployments;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The kernel's slice of the REST API: {@code GET /api/v1/deployments} and the OpenAPI document {@code GET
 * /api/v1/openapi.json}; its catch-all answers 404 for unknown paths. Other
 * bundles add their resources as servlets in the same context with more specific patterns.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(ApiContext.SELECT)
@HttpWhiteboardServletPattern("/*")
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Deployments deployments;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (path) {
            case "/v1/openapi.json" -> openApi(response);
            case "/v1/deployments" -> {
                Deployments d = deployments;
                if (d == null) {
                    Json.error(response, 503, "unavailable", "the deployer is not running");
                } else {
                    Json.write(response, 200, deployments(d.list()));
                }
            }
            default -> Json.error(response, 404, "not-found", "no resource at /api" + path);
        }
    }

    private void openApi(HttpServletResponse response) throws IOException {
        try (InputStream in = ApiServlet.class.getResourceAsStream("/openapi.json")) {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            in.transferTo(response.getOutputStream());
        }
    }

    static List<Map<String, Object>> deployments(List<Deployment> list) {
        return list.stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", d.file());
            m.put("kind", d.kind());
            m.put("status", d.status().name());
            m.put("error", d.error());
            m.put("target", d.target());
            m.put("changed", d.changed().toString());
            return m;
        }).toList();
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNKNOWN";
        };
    }
}
