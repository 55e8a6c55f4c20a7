package io.switchboard.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.kernel.api.Account;
import io.switchboard.kernel.api.ApiResource;
import io.switchboard.rest.ApiException;
import io.switchboard.rest.Call;
import io.switchboard.rest.Reply;
import io.switchboard.rest.RestResource;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * API tokens: {@code GET /api/v1/tokens} (yours; an admin sees all), {@code POST /api/v1/tokens}
 * {@code {"name": "...", "roles": ["viewer"]}} makes one (roles default to yours; it may have yours or those they
 * imply, admin ⊇ operator ⊇ viewer, never more; the token
 * is in the answer, once), {@code DELETE /api/v1/tokens/{id}} revokes one (yours, or any for an admin). Any
 * authenticated user manages their own tokens, a viewer too (a viewer's token can only read).
 */
@Component(service = Servlet.class)
@ApiResource(servlet_pattern = {"/v1/tokens", "/v1/tokens/*"})
public final class TokensResource extends RestResource {

    private static final long serialVersionUID = 1L;
    private final transient WebSecurity security;

    @Activate
    public TokensResource(@Reference WebSecurity security) {
        this.security = security;
        get("/v1/tokens", this::list);
        post("/v1/tokens", this::make);
        delete("/v1/tokens/{id}", this::revoke);
    }

    private Object list(Call call) {
        Account me = Roles.account(call.request());
        return security.tokens().list().stream()
                .filter(t -> me.hasRole(Roles.ADMIN) || t.owner().equals(me.name()))
                .map(ApiTokens.Token::describe).toList();
    }

    private Object make(Call call) throws IOException {
        Account me = Roles.account(call.request());
        JsonNode body = call.body();
        String name = body.path("name").asText(null);
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ApiException.badRequest("'name' is required: what the token is for (at most 100 characters)");
        }
        Set<String> roles = new TreeSet<>(me.roles());
        if (body.has("roles")) {
            if (!body.get("roles").isArray()) {
                throw ApiException.badRequest("'roles' must be an array of role names");
            }
            roles = new TreeSet<>();
            Set<String> held = Roles.held(me);
            for (JsonNode r : body.get("roles")) {
                if (!held.contains(r.asText())) {
                    throw ApiException.badRequest("'roles': " + me.name() + " has no role '" + r.asText()
                            + "' to give a token; it may give " + held);
                }
                roles.add(r.asText());
            }
        }
        ApiTokens.Made made = security.tokens().make(me, name.trim(), roles);
        Map<String, Object> m = new LinkedHashMap<>(made.token().describe());
        m.put("token", made.bearer());
        return Reply.created(m);
    }

    private Object revoke(Call call) {
        Account me = Roles.account(call.request());
        String id = call.path("id");
        var token = security.tokens().find(id);
        if (token.isEmpty() || !(me.hasRole(Roles.ADMIN) || token.get().owner().equals(me.name()))) {
            throw ApiException.notFound("no API token " + id + " of yours");
        }
        try {
            security.tokens().revoke(id);
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(e.getMessage());
        }
        return Map.of("revoked", id);
    }
}
