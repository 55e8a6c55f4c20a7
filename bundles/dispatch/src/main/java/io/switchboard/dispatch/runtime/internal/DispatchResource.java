package io.switchboard.dispatch.runtime.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.dispatch.DispatchTable;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * REST: {@code GET /api/v1/dispatch/handlers} (the handler table), {@code GET /api/v1/dispatch/parked} (parked
 * messages per type), {@code GET /api/v1/dispatch/resolve?type=...&operation=...} and, for operators,
 * {@code POST /api/v1/dispatch/parked/{type}/redispatch}. Authenticated by the API context.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=switchboard.api)")
@HttpWhiteboardServletPattern("/v1/dispatch/*")
public final class DispatchResource extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient DispatchTable table;

    @Activate
    public DispatchResource(@Reference DispatchTable table) {
        this.table = table;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (path) {
            case "/handlers" -> write(response, 200, table.handlers());
            case "/parked" -> write(response, 200, table.parked());
            case "/resolve" -> {
                String type = request.getParameter("type");
                if (type == null || type.isBlank()) {
                    write(response, 400, error("bad-request", "query parameter 'type' is required"));
                } else {
                    write(response, 200, table.resolve(type, request.getParameter("operation"))
                            .<Object>map(h -> h).orElse(Map.of()));
                }
            }
            default -> write(response, 404, error("not-found", "no resource at /api/v1/dispatch" + path
                    + " (try /handlers, /parked, /resolve?type=...)"));
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String[] p = path.split("/");
        if (p.length != 4 || !p[1].equals("parked") || !p[3].equals("redispatch") || p[2].isBlank()) {
            write(response, 404, error("not-found", "POST /api/v1/dispatch/parked/{type}/redispatch"));
            return;
        }
        write(response, 200, Map.of("type", p[2], "affected", table.redispatch(p[2])));
    }

    private static Map<String, String> error(String code, String text) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("message", text);
        return m;
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
