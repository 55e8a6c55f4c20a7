package io.switchboard.kernel.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.bundle.Requirement;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Adds a page to the web console from the bundle that owns the page's data. The page is an ES module that the console
 * imports and renders inside itself, exactly as it renders its own pages: same look, same toolkit, same session and
 * CSRF token, no frame. Put it on a DS component that serves the module as a whiteboard resource in the console's
 * servlet context at {@code /pages/<name>/}; the console imports {@code /console/pages/<name>/page.js}:
 *
 * <pre>
 * &#64;Component(service = HelloPage.class)
 * &#64;ConsolePage(name = "hello", label = "Hello", title = "Hello from a bundle")
 * &#64;HttpWhiteboardContextSelect(ConsolePage.CONTEXT_SELECT)
 * &#64;HttpWhiteboardResource(pattern = "/pages/hello/*", prefix = "/console-page")
 * public final class HelloPage {}
 * </pre>
 *
 * with {@code console-page/page.js} in the bundle:
 *
 * <pre>
 * import { h, session } from '/console/js/ui.js';
 *
 * export default {
 *   async render(main, ctx) {
 *     main.append(h('h1', {}, ctx.page.title), h('p', {}, 'Hello, ', session.user));
 *   },
 * };
 * </pre>
 *
 * The module's default export has {@code render(main, ctx)}: {@code main} is the console's (empty) content element;
 * {@code ctx.page} is this page's entry ({@code name}, {@code label}, {@code title}, {@code bundle}); {@code ctx.args}
 * the parts of the address after {@code #/<name>/}; {@code ctx.every(ms, fn)} runs {@code fn} now and every
 * {@code ms} while the page is shown; {@code ctx.alive()} says whether it still is. The toolkit
 * {@code /console/js/ui.js} calls the API with the console's session and CSRF token ({@code api}) and builds elements
 * that only ever hold text ({@code h}, {@code table}, ...): a page never writes HTML.
 *
 * <p>The console's context authenticates every request for the module, as for the console's own files. The page
 * is in the navigation while its component is registered; a bundle with a page needs the console
 * ({@code osgi.implementation=switchboard.console}) at resolve time.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
// as enRoute's @Command: a bundle with a page resolves only where a console runs
@Requirement(namespace = "osgi.implementation", name = ConsolePage.IMPLEMENTATION, version = "1.0.0")
public @interface ConsolePage {

    /**
     * The property prefix: the properties are {@code switchboard.console.page.name}, {@code .label}, {@code .title},
     * {@code .order}, {@code .group}.
     */
    String PREFIX_ = "switchboard.console.page.";

    /** Selects the console's servlet context ({@code /console}, authenticated by session). */
    String CONTEXT_SELECT = "(osgi.http.whiteboard.context.name=switchboard.console)";

    /** The capability the console's bundle offers in the {@code osgi.implementation} namespace. */
    String IMPLEMENTATION = "switchboard.console";

    /** The page's path segment: lower-case letters, digits, '-' (its module is {@code /console/pages/<name>/page.js}). */
    String name();

    /** The navigation entry. */
    String label();

    /** The page heading; the label when empty. */
    String title() default "";

    /**
     * Where the entry goes in the navigation: lower first, then by label. The console's own pages are 10 (Overview) to
     * 110 (API tokens) in steps of 10; a page without an order comes after them.
     */
    int order() default 1000;

    /**
     * The heading the entry is listed under. Entries without one form the navigation's main list; the groups follow
     * it, each under its heading (the console's own: "Security").
     */
    String group() default "";
}
