package io.switchboard.http.internal;

import io.switchboard.rest.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

/**
 * The servlet context of the web console ({@code /console}): the login page and its stylesheet are open; everything
 * else needs a console session (a browser without one is sent to the login page). Pages that bundles contribute
 * ({@link io.switchboard.kernel.api.ConsolePage}) live here too and get the same rules as the API: changes need the
 * operator or admin role and the session's CSRF token, and are audited.
 *
 * <p>One instance per bundle that uses the context (bundle scope), made for that bundle: a bundle's whiteboard
 * resources (a console page's ES module) are then read from the bundle itself, as in the whiteboard's default context.
 */
@Component(service = ServletContextHelper.class, scope = ServiceScope.BUNDLE)
@HttpWhiteboardContext(name = ConsoleContext.NAME, path = "/console")
public final class ConsoleContext extends ServletContextHelper {

    static final String NAME = "switchboard.console";
    static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";

    private final WebSecurity security;

    @Activate
    public ConsoleContext(ComponentContext component, @Reference WebSecurity security) {
        super(component.getUsingBundle());
        this.security = security;
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // every answer of the console, including the modules of pages that other bundles serve here
        ConsoleServlet.headers(response);
        if (!RequestPaths.clear(request, response)) {
            return false;
        }
        String path = RequestPaths.served(request);
        if (path.equals("/login") || path.equals("/console.css") || path.equals("/favicon.svg")) {
            return true;
        }
        Optional<WebSecurity.Caller> caller = security.sessionCaller(request);
        if (caller.isEmpty()) {
            if (request.getMethod().equals("GET")) {
                response.sendRedirect(request.getContextPath() + "/login");
            } else {
                Json.discardBody(request, response);
                Json.error(response, 401, "unauthorized", "log in to the console first");
            }
            return false;
        }
        return security.admit(caller.get(), false, request, response);
    }

    /** A browser runs a module only when it is served as JavaScript: say so rather than trust the container's table. */
    @Override
    public String getMimeType(String name) {
        return name.endsWith(".js") ? "text/javascript" : super.getMimeType(name);
    }

    @Override
    public void finishSecurity(HttpServletRequest request, HttpServletResponse response) {
        security.finish(request, response);
    }
}
