package io.switchboard.http.internal;

import io.switchboard.kernel.api.ApiResource;
import io.switchboard.rest.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

/**
 * The servlet context of the REST API ({@code /api}). Every request authenticates ({@link WebSecurity}: console
 * session, API token or HTTP Basic), after its raw path is found unambiguous ({@link RequestPaths}); roles are
 * decided on the path the servlet serves. A state-changing request also needs the {@code operator} or {@code admin} role
 * (except the caller's own session and tokens) and, when it comes with a session cookie, the session's CSRF token
 * in {@code X-CSRF-Token}; it is written to the audit log with its outcome. Servlets join with
 * {@code osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=switchboard.api)}.
 */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = ApiContext.NAME, path = "/api")
public final class ApiContext extends ServletContextHelper {

    static final String NAME = "switchboard.api";
    static final String SELECT = ApiResource.CONTEXT_SELECT;
    /** The request attribute holding the authenticated {@link io.switchboard.kernel.api.Account}. */
    static final String ACCOUNT = ApiResource.ACCOUNT_ATTRIBUTE;
    /** The request attribute holding the {@link WebSecurity.Caller}. */
    static final String CALLER = "io.switchboard.caller";

    private final WebSecurity security;

    @Activate
    public ApiContext(@Reference WebSecurity security) {
        this.security = security;
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!RequestPaths.clear(request, response)) {
            return false;
        }
        Optional<WebSecurity.Caller> found = security.authenticate(request, response);
        if (found.isEmpty()) {
            Json.discardBody(request, response);
            return false;
        }
        String path = RequestPaths.served(request);
        return security.admit(found.get(), path.equals("/v1/session") || path.equals("/v1/tokens")
                || path.startsWith("/v1/tokens/"), request, response);
    }

    @Override
    public void finishSecurity(HttpServletRequest request, HttpServletResponse response) {
        security.finish(request, response);
    }
}
