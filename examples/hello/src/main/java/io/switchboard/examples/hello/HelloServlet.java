package io.switchboard.examples.hello;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Serves {@code GET /hello} with a greeting and this bundle's name and version, so a deploy, an update and a
 * configuration change are each visible from outside. Configured by PID {@code io.switchboard.examples.hello}.
 */
@Component(service = Servlet.class, configurationPid = "io.switchboard.examples.hello")
@HttpWhiteboardServletPattern("/hello")
@Designate(ocd = HelloServlet.Config.class)
public class HelloServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @ObjectClassDefinition(name = "Hello example", description = "The example bundle behind GET /hello")
    public @interface Config {
        @AttributeDefinition(description = "The first words of the answer")
        String greeting() default "Hello from Switchboard";
    }

    private final String answer;

    @Activate
    public HelloServlet(BundleContext context, Config config) {
        Bundle bundle = context.getBundle();
        this.answer = config.greeting() + " (bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + ")\n";
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().write(answer);
    }
}
