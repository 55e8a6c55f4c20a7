package io.switchboard.http.internal;

import io.switchboard.kernel.api.Account;
import io.switchboard.kernel.api.UserStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

/**
 * The servlet context of the REST API ({@code /api}): every request must authenticate against the platform user
 * store (HTTP Basic for now). Servlets join it with {@code osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=switchboard.api)}.
 */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = ApiContext.NAME, path = "/api")
public final class ApiContext extends ServletContextHelper {

    static final String NAME = "switchboard.api";
    static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";
    /** The request attribute holding the authenticated {@link Account}. */
    static final String ACCOUNT = "io.switchboard.account";

    private final UserStore users;

    @Activate
    public ApiContext(@Reference UserStore users) {
        this.users = users;
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Account> account = authenticate(request.getHeader("Authorization"));
        if (account.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Switchboard\", charset=\"UTF-8\"");
            Json.error(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
                    "authentication required: HTTP Basic with a platform user");
            return false;
        }
        request.setAttribute(REMOTE_USER, account.get().name());
        request.setAttribute(AUTHENTICATION_TYPE, HttpServletRequest.BASIC_AUTH);
        request.setAttribute(ACCOUNT, account.get());
        return true;
    }

    Optional<Account> authenticate(String authorization) {
        return BasicCredentials.parse(authorization).flatMap(c -> users.authenticate(c.user(), c.password()));
    }
}
