package io.switchboard.http.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/v1/audit?limit=200&user=&contains=&kind=all|changes}: the platform's audit log, newest first;
 * {@code kind=changes} leaves out failed logins (which have their own, rate-limited file).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(ApiContext.SELECT)
@HttpWhiteboardServletPattern("/v1/audit")
public final class AuditResource extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient WebSecurity security;

    @Activate
    public AuditResource(@Reference WebSecurity security) {
        this.security = security;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int limit;
        try {
            limit = request.getParameter("limit") == null ? 200 : Integer.parseInt(request.getParameter("limit"));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > AuditLog.KEPT) {
            Json.error(response, 400, "bad-request", "limit must be 1.." + AuditLog.KEPT);
            return;
        }
        String kind = request.getParameter("kind") == null ? "all" : request.getParameter("kind");
        if (!kind.equals("all") && !kind.equals("changes")) {
            Json.error(response, 400, "bad-request", "kind must be 'all' (changes and failed logins) or 'changes'");
            return;
        }
        String user = request.getParameter("user");
        String contains = request.getParameter("contains");
        AuditLog audit = security.audit();
        Json.write(response, 200, (kind.equals("all") ? audit.recent(AuditLog.KEPT) : audit.changes(AuditLog.KEPT))
                .stream()
                .filter(e -> user == null || user.isEmpty() || user.equals(e.get("user")))
                .filter(e -> contains == null || contains.isEmpty() || String.valueOf(e.get("action")).contains(contains))
                .limit(limit).toList());
    }
}
