package io.switchboard.http.internal;

import io.switchboard.kernel.api.ApiResource;
import io.switchboard.kernel.api.Deployment;
import io.switchboard.kernel.api.Deployments;
import io.switchboard.rest.ApiException;
import io.switchboard.rest.Call;
import io.switchboard.rest.Reply;
import io.switchboard.rest.RestResource;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.ServletContextDTO;
import org.osgi.service.servlet.runtime.dto.ServletDTO;

/**
 * The kernel's slice of the REST API: {@code GET /api/v1/deployments} and the OpenAPI document {@code GET
 * /api/v1/openapi.json}; as the catch-all ({@code /*}) it answers the JSON 404 for a path no resource serves. Other
 * resources register with {@code @ApiResource} and more specific patterns.
 */
@Component(service = Servlet.class)
@ApiResource(servlet_pattern = "/*")
public final class ApiServlet extends RestResource {

    private static final long serialVersionUID = 1L;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Deployments deployments;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HttpServiceRuntime runtime;

    public ApiServlet() {
        get("/v1/openapi.json", this::openApi);
        get("/v1/deployments", call -> {
            Deployments d = deployments;
            if (d == null) {
                throw ApiException.unavailable("the deployer is not running");
            }
            return deployments(d.list());
        });
    }

    /**
     * {@code OPTIONS /api/...} of a path nobody else serves: this servlet's routes and the servlet patterns of every
     * resource registered in the API's context, so a client can walk the whole API by asking each of them.
     */
    @Override
    protected Map<String, Object> description() {
        Map<String, Object> body = super.description();
        HttpServiceRuntime r = runtime;
        List<String> patterns = new ArrayList<>();
        if (r != null) {
            for (ServletContextDTO context : r.getRuntimeDTO().servletContextDTOs) {
                if (context.name.equals(ApiContext.NAME)) {
                    for (ServletDTO servlet : context.servletDTOs) {
                        patterns.addAll(List.of(servlet.patterns));
                    }
                }
            }
        }
        body.put("resources", patterns.stream().sorted().toList());
        return body;
    }

    private Object openApi(Call call) throws IOException {
        try (InputStream in = ApiServlet.class.getResourceAsStream("/openapi.json")) {
            call.response().setContentType("application/json");
            call.response().setCharacterEncoding("UTF-8");
            in.transferTo(call.response().getOutputStream());
        }
        return Reply.written();
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
