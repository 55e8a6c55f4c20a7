package io.switchboard.bridges.internal;

import io.switchboard.bridge.BridgeStatus;
import io.switchboard.kernel.api.ApiResource;
import io.switchboard.rest.ApiException;
import io.switchboard.rest.RestResource;
import jakarta.servlet.Servlet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/v1/bridges}: every bridge instance with its state, counters, last error and settings (secrets
 * masked); {@code GET /api/v1/bridges/{name}}: one, by {@code bridge~instance} (e.g. {@code http.in~github}).
 */
@Component(service = Servlet.class)
@ApiResource(servlet_pattern = {"/v1/bridges", "/v1/bridges/*"})
public final class BridgesResource extends RestResource {

    private static final long serialVersionUID = 1L;

    @Activate
    public BridgesResource(@Reference BridgeBoard board) {
        get("/v1/bridges", call -> board.statuses().stream().map(BridgesResource::json).toList());
        get("/v1/bridges/{name}", call -> board.status(call.path("name")).map(BridgesResource::json)
                .orElseThrow(() -> ApiException.notFound("no bridge instance '" + call.path("name")
                        + "' (names are bridge~instance, e.g. http.in~github)")));
    }

    static Map<String, Object> json(BridgeStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("bridge", s.bridge());
        m.put("instance", s.instance());
        m.put("state", s.state().name());
        m.put("reason", s.reason());
        m.put("since", s.since().toString());
        m.put("in", s.in());
        m.put("out", s.out());
        m.put("failed", s.failed());
        m.put("lastError", s.lastError());
        m.put("required", s.required());
        m.put("settings", s.settings());
        return m;
    }

    /** For tests: the JSON of a list. */
    static List<Map<String, Object>> json(List<BridgeStatus> list) {
        return list.stream().map(BridgesResource::json).toList();
    }
}
