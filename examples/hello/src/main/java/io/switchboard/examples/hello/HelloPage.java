package io.switchboard.examples.hello;

import io.switchboard.kernel.api.ConsolePage;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * A page of this bundle in the web console: listed as "Hello" in the console's navigation while the bundle runs.
 * The console's context has authenticated the request already; the page links the console's stylesheet.
 */
@Component(service = Servlet.class)
@ConsolePage(name = "hello", label = "Hello", title = "Hello from a bundle")
@HttpWhiteboardContextSelect(ConsolePage.CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/pages/hello/*")
public class HelloPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final String bundle;

    @Activate
    public HelloPage(BundleContext context) {
        this.bundle = context.getBundle().getSymbolicName() + " " + context.getBundle().getVersion();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=utf-8");
        response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hello</title>"
                + "<link rel=\"stylesheet\" href=\"/console/console.css\"></head><body><main><div class=\"panel\">"
                + "<p>This page comes from bundle <code>" + bundle + "</code>, seen by <b>"
                + request.getRemoteUser().replace("<", "&lt;") + "</b>.</p>"
                + "<p>Uninstall the bundle and it leaves the console's navigation.</p></div></main></body></html>");
    }
}
