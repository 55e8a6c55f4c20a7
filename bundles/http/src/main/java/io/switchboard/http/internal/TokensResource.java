package io.switchboard.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.kernel.api.Account;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * API tokens: {@code GET /api/v1/tokens} (yours; an admin sees all), {@code POST /api/v1/tokens}
 * {@code {"name": "...", "roles": ["viewer"]}} makes one (roles default to yours; it may have yours or those they
 * imply, admin ⊇ operator ⊇ viewer, never more; the token
 * is in the answer, once), {@code DELETE /api/v1/tokens/{id}} revokes one (yours, or any for an admin). Any
 * authenticated user manages their own tokens, a viewer too (a viewer's token can only read).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(ApiContext.SELECT)
@HttpWhiteboardServletPattern({"/v1/tokens", "/v1/tokens/*"})
public final class TokensResource extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient WebSecurity security;

    @Activate
    public TokensResource(@Reference WebSecurity security) {
        this.security = security;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Account me = Roles.account(request);
        Json.write(response, 200, security.tokens().list().stream()
                .filter(t -> me.hasRole(Roles.ADMIN) || t.owner().equals(me.name()))
                .map(ApiTokens.Token::describe).toList());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Account me = Roles.account(request);
        JsonNode body = Json.readObject(request, response);
        if (body == null) {
            return;
        }
        String name = body.path("name").asText(null);
        if (name == null || name.isBlank() || name.length() > 100) {
            Json.error(response, 400, "bad-request", "'name' is required: what the token is for (at most 100 characters)");
            return;
        }
        Set<String> roles = new TreeSet<>(me.roles());
        if (body.has("roles")) {
            if (!body.get("roles").isArray()) {
                Json.error(response, 400, "bad-request", "'roles' must be an array of role names");
                return;
            }
            roles = new TreeSet<>();
            Set<String> held = Roles.held(me);
            for (JsonNode r : body.get("roles")) {
                if (!held.contains(r.asText())) {
                    Json.error(response, 400, "bad-request", "'roles': " + me.name() + " has no role '" + r.asText()
                            + "' to give a token; it may give " + held);
                    return;
                }
                roles.add(r.asText());
            }
        }
        ApiTokens.Made made = security.tokens().make(me, name.trim(), roles);
        Map<String, Object> m = new LinkedHashMap<>(made.token().describe());
        m.put("token", made.bearer());
        Json.write(response, 201, m);
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Account me = Roles.account(request);
        String info = request.getPathInfo();
        String id = info == null ? "" : info.replaceFirst("^/", "");
        var token = security.tokens().find(id);
        if (token.isEmpty() || !(me.hasRole(Roles.ADMIN) || token.get().owner().equals(me.name()))) {
            Json.error(response, 404, "not-found", "no API token " + id + " of yours");
            return;
        }
        try {
            security.tokens().revoke(id);
        } catch (NoSuchElementException e) {
            Json.error(response, 404, "not-found", e.getMessage());
            return;
        }
        Json.write(response, 200, Map.of("revoked", id));
    }
}
