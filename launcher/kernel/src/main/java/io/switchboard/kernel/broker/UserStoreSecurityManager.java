package io.switchboard.kernel.broker;

import io.switchboard.kernel.api.LoginAttempt;
import io.switchboard.kernel.api.LoginGuard;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.NoCacheLoginException;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * Authenticates broker clients (every protocol) through the platform's {@link LoginGuard}, so broker logins share the
 * one lockout with HTTP, counted per user name and client address; authorization uses the roles of the account and
 * the {@code security-settings} of {@code config/broker.xml} (Artemis's own format). Artemis caches an accepted
 * (name, password) for its {@code security-invalidation-interval} (10 s) without asking again, from any address:
 * only the right password gets through that way, so no guess is spared the lockout.
 */
final class UserStoreSecurityManager implements ActiveMQSecurityManager5 {

    private final LoginGuard guard;

    UserStoreSecurityManager(LoginGuard guard) {
        this.guard = guard;
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain)
            throws NoCacheLoginException {
        LoginAttempt attempt = guard.attempt(user, password, host(connection == null ? null
                : connection.getRemoteAddress()));
        if (attempt.result() == LoginAttempt.Result.LOCKED || attempt.result() == LoginAttempt.Result.OVERSIZED) {
            // not a verdict on the password: Artemis must not cache it as one (a locked right password would stay
            // refused after the lock ends)
            throw new NoCacheLoginException(attempt.result() == LoginAttempt.Result.LOCKED
                    ? "too many failed logins: locked for " + attempt.retryAfter().toSeconds() + " s more"
                    : "user name or password too long");
        }
        return attempt.accepted().map(account -> {
            Subject subject = new Subject();
            subject.getPrincipals().add(new UserPrincipal(account.name()));
            account.roles().forEach(r -> subject.getPrincipals().add(new RolePrincipal(r)));
            return subject;
        }).orElse(null);
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (subject == null) {
            return false;
        }
        Set<RolePrincipal> held = subject.getPrincipals(RolePrincipal.class);
        for (Role role : roles) {
            if (checkType.hasRole(role) && held.contains(new RolePrincipal(role.getName()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The two-argument forms Artemis uses for a manager that is not an {@code ActiveMQSecurityManager5}: the same
     * guard, with no address known ("unknown"), and a lock counts as a refusal.
     */
    @Override
    public boolean validateUser(String user, String password) {
        return subjectOf(user, password) != null;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return authorize(subjectOf(user, password), roles, checkType, null);
    }

    private Subject subjectOf(String user, String password) {
        try {
            return authenticate(user, password, null, null);
        } catch (NoCacheLoginException locked) {
            return null;
        }
    }

    /**
     * The host of a connection's remote address ({@code /127.0.0.1:51234}, {@code /[::1]:51234}, {@code invm:0}),
     * without its port: a client gets a new port for each connection, and the lockout counts per address.
     */
    static String host(String remote) {
        if (remote == null || remote.isEmpty()) {
            return "unknown";
        }
        String s = remote.startsWith("/") ? remote.substring(1) : remote;
        int slash = s.indexOf('/');
        if (slash > 0) {
            s = s.substring(slash + 1); // "hostname/1.2.3.4:5"
        }
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            return end > 0 ? s.substring(1, end) : s;
        }
        int colon = s.lastIndexOf(':');
        return colon > 0 && s.indexOf(':') == colon && s.substring(colon + 1).chars().allMatch(Character::isDigit)
                ? s.substring(0, colon) : s;
    }
}
