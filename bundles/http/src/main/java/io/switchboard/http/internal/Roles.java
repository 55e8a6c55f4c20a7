package io.switchboard.http.internal;

import io.switchboard.kernel.api.Account;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may change what. {@code viewer}: reads only. {@code operator}: operates the traffic (retry, replay, purge,
 * move, send a test message, suspend and resume routes, re-dispatch). {@code admin}: everything, including bundles,
 * features, configuration and API tokens of other users. The API context already refuses every state-changing
 * request of an account with neither role; resources call {@link #requireAdmin} for what only admins may do.
 */
final class Roles {

    static final String ADMIN = "admin";
    static final String OPERATOR = "operator";
    static final String VIEWER = "viewer";

    private Roles() {
    }

    static Account account(HttpServletRequest request) {
        return (Account) request.getAttribute(ApiContext.ACCOUNT);
    }

    /** The roles an account holds, with those its roles imply: admin ⊇ operator ⊇ viewer. */
    static Set<String> held(Account account) {
        Set<String> held = new TreeSet<>(account.roles());
        if (held.contains(ADMIN)) {
            held.add(OPERATOR);
        }
        if (held.contains(OPERATOR) || held.contains(ADMIN)) {
            held.add(VIEWER);
        }
        return held;
    }

    static boolean mayOperate(Account account) {
        return account != null && (account.hasRole(ADMIN) || account.hasRole(OPERATOR));
    }

    /** True when the request's account is an admin; otherwise answers 403 and returns false. */
    static boolean requireAdmin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Account account = account(request);
        if (account != null && account.hasRole(ADMIN)) {
            return true;
        }
        Json.error(response, HttpServletResponse.SC_FORBIDDEN, "forbidden",
                "only the admin role may do this; " + (account == null ? "nobody" : account.name()) + " has "
                        + (account == null ? "no roles" : account.roles()));
        return false;
    }
}
