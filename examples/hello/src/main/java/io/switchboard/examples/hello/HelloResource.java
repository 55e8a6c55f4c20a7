package io.switchboard.examples.hello;

import io.switchboard.kernel.api.ApiResource;
import io.switchboard.rest.ApiException;
import io.switchboard.rest.Call;
import io.switchboard.rest.Reply;
import io.switchboard.rest.RestResource;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;

/**
 * A REST resource from a bundle: {@code GET /api/v1/hello/{name}} greets (a viewer may read), {@code POST
 * /api/v1/hello} {@code {"name": "..."}} remembers a name (an operator may change). The API's context has
 * authenticated the caller, checked the role and the CSRF token, and will audit the change before this runs.
 */
@Component(service = Servlet.class)
@ApiResource(servlet_pattern = {"/v1/hello", "/v1/hello/*"})
public final class HelloResource extends RestResource {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, String> greeted = new ConcurrentHashMap<>();

    public HelloResource() {
        get("/v1/hello/{name}", call -> Map.of("hello", call.path("name"),
                "remembered", greeted.containsKey(call.path("name"))));
        post("/v1/hello", this::remember);
    }

    private Object remember(Call call) throws IOException {
        String name = call.body().path("name").asText("");
        if (name.isBlank() || name.length() > 100) {
            throw ApiException.badRequest("'name' is required: 1 to 100 characters");
        }
        greeted.put(name, call.user());
        return Reply.created(Map.of("remembered", name, "by", call.user()));
    }
}
