package io.switchboard.rest;

import io.switchboard.rest.ApiException;
import io.switchboard.rest.Call;
import io.switchboard.rest.Json;
import io.switchboard.rest.Reply;
import io.switchboard.rest.RestResource;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A REST resource of the platform's API ({@code /api}): a servlet that declares its routes, method and
 * {@link PathTemplate}, in its constructor and leaves the rest here. A handler returns the body of a 200 (as JSON),
 * a {@link Reply}, or throws {@link ApiException}; a path no route takes is a JSON 404, a method no route of the path
 * takes is a JSON 405 with {@code Allow}. A route's body, when there is one, is JSON of at most 1 MiB, read and
 * checked before its handler runs (a malformed one is 400, whatever the route would have done), unless the route
 * takes bytes ({@link #postBytes}). Register it with {@code @ApiResource} (kernel API) on a DS component:
 *
 * <pre>
 * &#64;Component(service = Servlet.class)
 * &#64;ApiResource(servlet_pattern = "/v1/hello/*")
 * public final class HelloResource extends RestResource {
 *     public HelloResource() {
 *         get("/v1/hello/{name}", call -&gt; Map.of("hello", call.path("name")));
 *     }
 * }
 * </pre>
 *
 * Authentication, roles, CSRF and the audit happen in the API's servlet context before a resource sees a request.
 */
public abstract class RestResource extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Comparator<Route> LITERAL_FIRST = Comparator.comparingInt(r -> r.template.names());

    private final transient List<Route> routes = new ArrayList<>();

    /** What a route runs. */
    @FunctionalInterface
    public interface Handler {
        /** The body of a 200, a {@link Reply}, or null for 204. */
        Object handle(Call call) throws IOException;
    }

    protected final void get(String template, Handler handler) {
        add("GET", template, handler);
    }

    protected final void post(String template, Handler handler) {
        add("POST", template, handler);
    }

    /** A POST whose body is not JSON but bytes the handler streams itself (an upload): nothing reads it before. */
    protected final void postBytes(String template, Handler handler) {
        routes.add(new Route("POST", PathTemplate.of(template), handler, false));
        routes.sort(LITERAL_FIRST);
    }

    protected final void put(String template, Handler handler) {
        add("PUT", template, handler);
    }

    protected final void delete(String template, Handler handler) {
        add("DELETE", template, handler);
    }

    private void add(String method, String template, Handler handler) {
        routes.add(new Route(method, PathTemplate.of(template), handler, true));
        routes.sort(LITERAL_FIRST);
    }

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = served(request);
        String method = request.getMethod().equals("HEAD") ? "GET" : request.getMethod();
        if (method.equals("OPTIONS")) {
            options(path, response);
            return;
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> values = route.template.match(path);
            if (values.isEmpty()) {
                continue;
            }
            if (route.method.equals(method)) {
                answer(route, new Call(request, response, values.get()));
                return;
            }
            allowed.add(route.method);
        }
        Json.discardBody(request, response);
        if (allowed.isEmpty()) {
            Json.error(response, 404, "not-found", "no resource at /api" + path + " (here: " + routes.stream()
                    .map(r -> r.template.toString()).distinct().collect(Collectors.joining(", ")) + ")");
        } else {
            response.setHeader("Allow", String.join(", ", allowed));
            Json.error(response, 405, "method-not-allowed", request.getMethod() + " is not allowed on /api" + path
                    + "; it takes " + String.join(", ", allowed));
        }
    }

    /**
     * {@code OPTIONS}: the methods the path takes in {@code Allow}, and what this resource serves as
     * {@code {"routes": [{"method", "path"}...]}}, so a client (and the test that holds the OpenAPI document to the
     * truth) can see every route that is registered.
     */
    private void options(String path, HttpServletResponse response) throws IOException {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.template.match(path).isPresent()) {
                allowed.add(route.method);
            }
        }
        if (!allowed.isEmpty()) {
            allowed.add("OPTIONS");
            response.setHeader("Allow", String.join(", ", allowed));
        }
        Json.write(response, 200, description());
    }

    /** The body of an {@code OPTIONS} answer: this resource's routes. */
    protected Map<String, Object> description() {
        List<Map<String, String>> list = new ArrayList<>();
        for (Route route : routes) {
            list.add(Map.of("method", route.method, "path", route.template.toString()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routes", list);
        return body;
    }

    private void answer(Route route, Call call) throws IOException {
        Object result;
        try {
            if (route.json) {
                call.readJson();
            }
            result = route.handler.handle(call);
        } catch (ApiException e) {
            Json.discardBody(call.request(), call.response());
            if (!call.response().isCommitted()) {
                call.response().resetBuffer();
                Json.error(call.response(), e.status(), e.code(), e.getMessage());
            }
            return;
        }
        if (result == null) {
            call.response().setStatus(204);
        } else if (result instanceof Reply reply) {
            if (!reply.isWritten()) {
                Json.write(call.response(), reply.status(), reply.body());
            }
        } else {
            Json.write(call.response(), 200, result);
        }
    }

    /** The request's path under {@code /api}, as the servlet container decoded it. */
    static String served(HttpServletRequest request) {
        String servlet = request.getServletPath() == null ? "" : request.getServletPath();
        String info = request.getPathInfo() == null ? "" : request.getPathInfo();
        return servlet + info;
    }

    private record Route(String method, PathTemplate template, Handler handler, boolean json) {
    }
}
