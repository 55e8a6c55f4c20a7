package io.switchboard.http.internal;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /metrics}: the platform's meter registry (the broker's, the JVM's and every bundle's meters) in the
 * Prometheus text format. Requires HTTP Basic authentication like the API (Prometheus: {@code basic_auth} in the
 * scrape config).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/metrics")
public final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** The Prometheus text exposition format, version 0.0.4: what every Prometheus scrapes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final transient WebSecurity security;
    private final transient PrometheusMeterRegistry registry;

    @Activate
    public MetricsServlet(@Reference WebSecurity security, @Reference PrometheusMeterRegistry registry) {
        this.security = security;
        this.registry = registry;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (security.authenticate(request, response).isEmpty()) {
            return;
        }
        response.setStatus(200);
        response.setContentType(CONTENT_TYPE);
        registry.scrape(response.getOutputStream(), CONTENT_TYPE);
    }
}
