package io.switchboard.kernel.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Adds a page to the web console: put it on a DS component that registers a {@code jakarta.servlet.Servlet} (or
 * whiteboard resources) in the console's servlet context, at {@code /pages/<name>/*}:
 *
 * <pre>
 * &#64;Component(service = Servlet.class)
 * &#64;ConsolePage(name = "hello", label = "Hello", title = "Hello from a bundle")
 * &#64;HttpWhiteboardContextSelect(ConsolePage.CONTEXT_SELECT)
 * &#64;HttpWhiteboardServletPattern("/pages/hello/*")
 * public final class HelloPage extends HttpServlet { ... }
 * </pre>
 *
 * The console lists the page in its navigation under {@code label} and shows {@code /console/pages/<name>/} in a
 * frame; the console's context has already authenticated the request (its remote user is the console user).
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ConsolePage {

    /** The property prefix: the properties are {@code switchboard.console.page.name}, {@code .label}, {@code .title}. */
    String PREFIX_ = "switchboard.console.page.";

    /** Selects the console's servlet context ({@code /console}, authenticated by session). */
    String CONTEXT_SELECT = "(osgi.http.whiteboard.context.name=switchboard.console)";

    /** The page's path segment: letters, digits, '-' (served at {@code /console/pages/<name>/}). */
    String name();

    /** The navigation entry. */
    String label();

    /** The page heading; the label when empty. */
    String title() default "";
}
