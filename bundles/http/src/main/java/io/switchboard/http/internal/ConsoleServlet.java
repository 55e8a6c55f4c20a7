package io.switchboard.http.internal;

import io.switchboard.rest.Json;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The console's own files (a page of plain HTML, CSS and JavaScript modules from this bundle's {@code console/}
 * folder, no build step) and the form login: {@code POST /console/login} with {@code user} and {@code password}
 * sets the session cookie (HttpOnly, SameSite=Strict, Secure over TLS) and goes to the console; a wrong password
 * answers 401 with the form again, a locked name 429.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(ConsoleContext.SELECT)
@HttpWhiteboardServletPattern("/*")
public final class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> TYPES = Map.of("html", "text/html", "js", "text/javascript",
            "css", "text/css", "svg", "image/svg+xml", "json", "application/json");
    /** Scripts (the console's modules and those of bundles' pages) and styles from here only; no frames. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; "
            + "object-src 'none'";

    private final transient WebSecurity security;

    @Activate
    public ConsoleServlet(@Reference WebSecurity security) {
        this.security = security;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.isEmpty()) {
            response.sendRedirect(request.getContextPath() + "/");
            return;
        }
        if (path.equals("/login")) {
            if (security.sessionCaller(request).isPresent()) {
                response.sendRedirect(request.getContextPath() + "/");
                return;
            }
            login(response, 200, null);
            return;
        }
        serve(path.equals("/") ? "/index.html" : path, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (!path.equals("/login")) {
            Json.error(response, 404, "not-found", "nothing to POST at /console" + path);
            return;
        }
        String user;
        String password;
        try {
            user = request.getParameter("user");
            password = request.getParameter("password");
        } catch (RuntimeException e) {
            // Jetty refuses a form body over org.apache.felix.http.jetty.maxFormSize (or malformed) when it is read
            login(response, 400, "The login form could not be read: "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()) + ".");
            return;
        }
        if (user == null || user.isBlank() || password == null) {
            login(response, 400, "Enter a user name and a password.");
            return;
        }
        WebSecurity.Login login = security.login(user.trim(), password, request);
        if (login.session() == null) {
            if (login.oversized()) {
                login(response, 400, "User name or password too long.");
            } else if (!login.locked().isZero()) {
                response.setHeader("Retry-After", Long.toString(WebSecurity.retryAfter(login.locked())));
                login(response, 429, "Too many failed logins for this user: try again in " + seconds(login.locked())
                        + ".");
            } else {
                login(response, 401, "Wrong user name or password.");
            }
            return;
        }
        response.addHeader("Set-Cookie", WebSecurity.sessionCookie(login.session().id, request.isSecure(), false));
        response.setStatus(303);
        response.setHeader("Location", request.getContextPath() + "/");
    }

    private void login(HttpServletResponse response, int status, String message) throws IOException {
        String page = resource("/login.html");
        page = page.replace("<!--message-->", message == null ? ""
                : "<p class=\"error\" role=\"alert\">" + Html.escape(message) + "</p>");
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
    }

    private void serve(String path, HttpServletResponse response) throws IOException {
        String ext = path.substring(path.lastIndexOf('.') + 1);
        String type = TYPES.get(ext);
        InputStream in = path.contains("..") || type == null ? null
                : ConsoleServlet.class.getResourceAsStream("/console" + path);
        if (in == null) {
            Json.error(response, 404, "not-found", "no console file " + path);
            return;
        }
        try (in) {
            response.setContentType(type);
            response.setCharacterEncoding("UTF-8");
            in.transferTo(response.getOutputStream());
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = ConsoleServlet.class.getResourceAsStream("/console" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The headers of every answer in the console's context (set by {@link ConsoleContext} before anything runs). */
    static void headers(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        // files are checked again on every use, so an updated bundle's page is the one that runs
        response.setHeader("Cache-Control", "no-cache");
    }

    private static String seconds(Duration d) {
        long s = WebSecurity.retryAfter(d);
        return s + (s == 1 ? " second" : " seconds");
    }
}
