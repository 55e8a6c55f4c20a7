package io.switchboard.http.internal;

import io.switchboard.kernel.api.ApiResource;
import io.switchboard.rest.ApiException;
import io.switchboard.rest.Call;
import io.switchboard.rest.RestResource;
import jakarta.servlet.Servlet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/v1/session}: who is calling, with which roles, and (for a console session) the CSRF token every
 * change must send in {@code X-CSRF-Token}. {@code DELETE /api/v1/session}: log out (the cookie is cleared).
 */
@Component(service = Servlet.class)
@ApiResource(servlet_pattern = "/v1/session")
public final class SessionResource extends RestResource {

    private static final long serialVersionUID = 1L;
    private final transient WebSecurity security;

    @Activate
    public SessionResource(@Reference WebSecurity security) {
        this.security = security;
        get("/v1/session", this::describe);
        delete("/v1/session", this::logout);
    }

    private Object describe(Call call) {
        WebSecurity.Caller caller = (WebSecurity.Caller) call.request().getAttribute(ApiContext.CALLER);
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
        return m;
    }

    private Object logout(Call call) {
        WebSecurity.Caller caller = (WebSecurity.Caller) call.request().getAttribute(ApiContext.CALLER);
        if (caller.session() == null) {
            throw new ApiException(400, "no-session", "this request was not made with a console session");
        }
        security.logout(caller.session(), call.request());
        call.response().addHeader("Set-Cookie", WebSecurity.sessionCookie("", call.request().isSecure(), true));
        return Map.of("loggedOut", caller.account().name());
    }
}
