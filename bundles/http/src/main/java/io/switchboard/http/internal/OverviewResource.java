package io.switchboard.http.internal;

import io.switchboard.kernel.api.Deployment;
import io.switchboard.kernel.api.Deployments;
import io.switchboard.kernel.api.PlatformStatus;
import io.switchboard.kernel.api.ApiResource;
import io.switchboard.rest.Call;
import io.switchboard.rest.RestResource;
import jakarta.servlet.Servlet;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code GET /api/v1/overview}: version, uptime, readiness with its reasons, the broker, memory, threads, bundles by
 * state and failed deployments — what the console's first page shows.
 */
@Component(service = Servlet.class)
@ApiResource(servlet_pattern = "/v1/overview")
public final class OverviewResource extends RestResource {

    private static final long serialVersionUID = 1L;
    private final transient PlatformStatus status;
    private final transient BundleContext context;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Deployments deployments;

    @Activate
    public OverviewResource(@Reference PlatformStatus status, BundleContext context) {
        this.status = status;
        this.context = context;
        get("/v1/overview", this::describe);
    }

    private Object describe(Call call) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", status.version());
        m.put("startedAt", status.startedAt().toString());
        m.put("uptimeSeconds", Duration.between(status.startedAt(), Instant.now()).toSeconds());
        var reasons = status.notReadyReasons();
        m.put("ready", reasons.isEmpty());
        m.put("notReadyReasons", reasons);
        m.put("broker", Map.of("accepting", status.brokerAccepting()));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        m.put("memory", Map.of("heapUsed", memory.getHeapMemoryUsage().getUsed(),
                "heapMax", memory.getHeapMemoryUsage().getMax(),
                "nonHeapUsed", memory.getNonHeapMemoryUsage().getUsed()));
        m.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        m.put("processors", Runtime.getRuntime().availableProcessors());
        Map<String, Integer> bundles = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            bundles.merge(ApiServlet.state(b.getState()), 1, Integer::sum);
        }
        m.put("bundles", bundles);
        Deployments d = deployments;
        m.put("failedDeployments", d == null ? null
                : ApiServlet.deployments(d.list().stream().filter(x -> x.status() == Deployment.Status.FAILED).toList()));
        return m;
    }
}
