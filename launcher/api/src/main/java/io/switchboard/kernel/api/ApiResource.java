package io.switchboard.kernel.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Registers a DS component's {@code jakarta.servlet.Servlet} as a resource of the platform's REST API, in the
 * API's servlet context ({@code /api}): the context authenticates every request (console session, API token or
 * HTTP Basic), lets viewers read and operators change, checks the CSRF token of a session, and audits every change,
 * before the resource sees it.
 *
 * <pre>
 * &#64;Component(service = Servlet.class)
 * &#64;ApiResource(servlet_pattern = {"/v1/hello", "/v1/hello/*"})
 * public final class HelloResource extends RestResource { ... }
 * </pre>
 *
 * The servlet patterns are relative to {@code /api}; write the resource's paths under {@code /v1/}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ApiResource {

    /** The properties are the HTTP whiteboard's own: {@code osgi.http.whiteboard.servlet.pattern}, {@code ...context.select}. */
    String PREFIX_ = "osgi.http.whiteboard.";

    /** Selects the REST API's servlet context ({@code /api}). */
    String CONTEXT_SELECT = "(osgi.http.whiteboard.context.name=switchboard.api)";

    /** The request attribute where the API context puts the caller's {@link Account}. */
    String ACCOUNT_ATTRIBUTE = "io.switchboard.account";

    /** The servlet patterns this resource serves under {@code /api}, e.g. {@code /v1/hello/*}. */
    String[] servlet_pattern();

    /** The API's servlet context; not to be changed. */
    String context_select() default CONTEXT_SELECT;
}
