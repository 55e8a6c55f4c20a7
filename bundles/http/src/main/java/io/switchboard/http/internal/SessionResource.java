package io.switchboard.http.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/v1/session}: who is calling, with which roles, and (for a console session) the CSRF token every
 * change must send in {@code X-CSRF-Token}. {@code DELETE /api/v1/session}: log out (the cookie is cleared).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(ApiContext.SELECT)
@HttpWhiteboardServletPattern("/v1/session")
public final class SessionResource extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient WebSecurity security;

    @Activate
    public SessionResource(@Reference WebSecurity security) {
        this.security = security;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebSecurity.Caller caller = (WebSecurity.Caller) request.getAttribute(ApiContext.CALLER);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", caller.account().name());
        m.put("roles", new TreeSet<>(caller.account().roles()));
        m.put("via", caller.via());
        m.put("mayOperate", Roles.mayOperate(caller.account()));
        m.put("admin", caller.account().hasRole(Roles.ADMIN));
        if (caller.session() != null) {
            m.put("csrfToken", caller.session().csrf);
            m.put("idleTimeoutSeconds", security.sessions().idleTimeout().toSeconds());
        }
        Json.write(response, 200, m);
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebSecurity.Caller caller = (WebSecurity.Caller) request.getAttribute(ApiContext.CALLER);
        if (caller.session() == null) {
            Json.error(response, 400, "no-session", "this request was not made with a console session");
            return;
        }
        security.logout(caller.session(), request);
        response.addHeader("Set-Cookie", WebSecurity.sessionCookie("", request.isSecure(), true));
        Json.write(response, 200, Map.of("loggedOut", caller.account().name()));
    }
}
