package io.switchboard.http.internal;

import io.switchboard.kernel.api.ApiResource;
import io.switchboard.rest.ApiException;
import io.switchboard.rest.Call;
import io.switchboard.rest.RestResource;
import jakarta.servlet.Servlet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/v1/audit?limit=200&user=&contains=&kind=all|changes}: the platform's audit log, newest first;
 * {@code kind=changes} leaves out failed logins (which have their own, rate-limited file).
 */
@Component(service = Servlet.class)
@ApiResource(servlet_pattern = "/v1/audit")
public final class AuditResource extends RestResource {

    private static final long serialVersionUID = 1L;
    private final transient WebSecurity security;

    @Activate
    public AuditResource(@Reference WebSecurity security) {
        this.security = security;
        get("/v1/audit", this::recent);
    }

    private Object recent(Call call) {
        int limit;
        try {
            limit = call.query("limit") == null ? 200 : Integer.parseInt(call.query("limit"));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > AuditLog.KEPT) {
            throw ApiException.badRequest("limit must be 1.." + AuditLog.KEPT);
        }
        String kind = call.query("kind", "all");
        if (!kind.equals("all") && !kind.equals("changes")) {
            throw ApiException.badRequest("kind must be 'all' (changes and failed logins) or 'changes'");
        }
        String user = call.query("user");
        String contains = call.query("contains");
        AuditLog audit = security.audit();
        return (kind.equals("all") ? audit.recent(AuditLog.KEPT) : audit.changes(AuditLog.KEPT)).stream()
                .filter(e -> user == null || user.isEmpty() || user.equals(e.get("user")))
                .filter(e -> contains == null || contains.isEmpty() || String.valueOf(e.get("action")).contains(contains))
                .limit(limit).toList();
    }
}
