package io.switchboard.bridge.http.internal;

import io.switchboard.rest.Json;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /hooks/*} on the platform's HTTP port: hands each request to the webhook configured for its path. Outside the
 * API's context on purpose: a webhook authenticates its caller its own way ({@code auth}), before reading the body
 * when it is a platform login.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/hooks/*")
public final class HookServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient Hooks hooks;

    @Activate
    public HookServlet(@Reference Hooks hooks) {
        this.hooks = hooks;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String info = request.getPathInfo();
        String path = info == null ? "" : info.startsWith("/") ? info.substring(1) : info;
        Webhook hook = hooks.at(path);
        if (hook == null) {
            Json.error(response, 404, "not-found", "no webhook is configured at /hooks/" + path);
            return;
        }
        hook.handle(request, response);
    }
}
