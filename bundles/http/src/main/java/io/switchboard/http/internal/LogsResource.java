package io.switchboard.http.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/v1/logs?level=WARN&limit=200&contains=text&after=seq}: the bundles' most recent log events, oldest
 * first, from {@link LogRing}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(ApiContext.SELECT)
@HttpWhiteboardServletPattern("/v1/logs")
public final class LogsResource extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int DEFAULT_LIMIT = 200;

    private final transient LogRing ring;

    @Activate
    public LogsResource(@Reference LogRing ring) {
        this.ring = ring;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String level = request.getParameter("level") == null ? "TRACE"
                : request.getParameter("level").trim().toUpperCase(Locale.ROOT);
        if (level.equals("WARNING")) {
            level = "WARN";
        }
        if (!LogRing.LEVELS.contains(level)) {
            Json.error(response, 400, "invalid", "level: '" + request.getParameter("level") + "' is not one of "
                    + LogRing.LEVELS);
            return;
        }
        long limit = number(request, "limit", DEFAULT_LIMIT);
        long after = number(request, "after", 0);
        if (limit < 1 || limit > LogRing.CAPACITY || after < 0) {
            Json.error(response, 400, "invalid", limit < 1 || limit > LogRing.CAPACITY
                    ? "limit: a whole number from 1 to " + LogRing.CAPACITY
                    : "after: a sequence number (0 or more) from an earlier answer");
            return;
        }
        var entries = ring.recent(level, (int) limit, request.getParameter("contains"), after);
        Json.write(response, 200, Map.of("entries", entries.stream().map(LogRing::json).toList(),
                "capacity", LogRing.CAPACITY));
    }

    /** The parameter as a number; -1 when it is not one (refused by the range check). */
    private static long number(HttpServletRequest request, String name, long fallback) {
        String v = request.getParameter(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
