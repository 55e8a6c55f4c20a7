package io.switchboard.http.internal;

import io.switchboard.kernel.api.MetricsSource;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: Prometheus text format from every {@link MetricsSource} service plus a few JVM figures.
 * Requires HTTP Basic authentication like the API (Prometheus: {@code basic_auth} in the scrape config).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/metrics")
public final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServlet.class);

    private final transient WebSecurity security;
    private final transient List<MetricsSource> sources = new CopyOnWriteArrayList<>();

    @Activate
    public MetricsServlet(@Reference WebSecurity security) {
        this.security = security;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(MetricsSource source) {
        sources.add(source);
    }

    void removeSource(MetricsSource source) {
        sources.remove(source);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (security.authenticate(request, response).isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder(4096);
        jvm(out);
        for (MetricsSource source : sources) {
            try {
                source.writeMetrics(out);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Metrics source {} failed: {}", source.getClass().getName(), e.toString());
            }
        }
        response.setStatus(200);
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.getWriter().write(out.toString());
    }

    private static void jvm(StringBuilder out) {
        Runtime rt = Runtime.getRuntime();
        out.append("# HELP switchboard_uptime_seconds Seconds since the JVM started.\n")
                .append("# TYPE switchboard_uptime_seconds gauge\n")
                .append("switchboard_uptime_seconds ").append(ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0)
                .append('\n')
                .append("# HELP jvm_memory_heap_used_bytes Heap in use.\n")
                .append("# TYPE jvm_memory_heap_used_bytes gauge\n")
                .append("jvm_memory_heap_used_bytes ").append(rt.totalMemory() - rt.freeMemory()).append('\n')
                .append("# HELP jvm_threads_live Live threads.\n")
                .append("# TYPE jvm_threads_live gauge\n")
                .append("jvm_threads_live ").append(ManagementFactory.getThreadMXBean().getThreadCount()).append('\n');
    }
}
