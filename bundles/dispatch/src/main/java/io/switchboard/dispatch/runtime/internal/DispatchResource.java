package io.switchboard.dispatch.runtime.internal;

import io.switchboard.dispatch.DispatchTable;
import io.switchboard.kernel.api.ApiResource;
import io.switchboard.rest.ApiException;
import io.switchboard.rest.Call;
import io.switchboard.rest.RestResource;
import jakarta.servlet.Servlet;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * REST: {@code GET /api/v1/dispatch/handlers} (the handler table), {@code GET /api/v1/dispatch/parked} (parked
 * messages per type), {@code GET /api/v1/dispatch/resolve?type=...&operation=...} and, for operators,
 * {@code POST /api/v1/dispatch/parked/{type}/redispatch}.
 */
@Component(service = Servlet.class)
@ApiResource(servlet_pattern = "/v1/dispatch/*")
public final class DispatchResource extends RestResource {

    private static final long serialVersionUID = 1L;

    private final transient DispatchTable table;

    @Activate
    public DispatchResource(@Reference DispatchTable table) {
        this.table = table;
        get("/v1/dispatch/handlers", call -> table.handlers());
        get("/v1/dispatch/parked", call -> table.parked());
        get("/v1/dispatch/resolve", this::resolve);
        post("/v1/dispatch/parked/{type}/redispatch",
                call -> Map.of("type", call.path("type"), "affected", table.redispatch(call.path("type"))));
    }

    private Object resolve(Call call) {
        String type = call.query("type");
        if (type == null || type.isBlank()) {
            throw ApiException.badRequest("query parameter 'type' is required");
        }
        return table.resolve(type, call.query("operation")).<Object>map(h -> h).orElse(Map.of());
    }
}
