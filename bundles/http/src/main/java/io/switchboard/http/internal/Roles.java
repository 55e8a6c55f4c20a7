package io.switchboard.http.internal;

import io.switchboard.kernel.api.Account;
import io.switchboard.kernel.api.ApiResource;
import io.switchboard.rest.ApiException;
import io.switchboard.rest.Call;
import jakarta.servlet.http.HttpServletRequest;
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
        return (Account) request.getAttribute(ApiResource.ACCOUNT_ATTRIBUTE);
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

    /**
     * Goes on only when the caller is an admin.
     *
     * @throws ApiException 403 naming the caller's roles
     */
    static void requireAdmin(Call call) {
        Account account = call.account();
        if (account != null && account.hasRole(ADMIN)) {
            return;
        }
        throw new ApiException(403, "forbidden", "only the admin role may do this; "
                + (account == null ? "nobody" : account.name()) + " has "
                + (account == null ? "no roles" : account.roles()));
    }
}
