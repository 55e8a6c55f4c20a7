package io.switchboard.http.internal;

import io.switchboard.kernel.api.Account;
import io.switchboard.kernel.api.Durations;
import io.switchboard.kernel.api.HttpCredentials;
import io.switchboard.kernel.api.LogText;
import io.switchboard.kernel.api.LoginAttempt;
import io.switchboard.kernel.api.LoginGuard;
import io.switchboard.kernel.api.UserStore;
import io.switchboard.rest.Json;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is calling, for the API and the console: a session cookie (the console), an API token
 * ({@code Authorization: Bearer}) or HTTP Basic through the kernel's {@link LoginGuard} (the lockout the broker
 * shares), and the audit log every change is written to. A token or session acts with at most its user's current
 * roles, and not at all once the user is gone from the store. The framework property
 * {@code switchboard.http.session.idle} sets the console's idle timeout (default 30m).
 */
@Component(service = {WebSecurity.class, HttpCredentials.class})
public final class WebSecurity implements HttpCredentials {

    private static final Logger LOG = LoggerFactory.getLogger(WebSecurity.class);
    static final String CSRF_HEADER = "X-CSRF-Token";

    /** An authenticated request: the account, how it authenticated, and the console session if by cookie. */
    record Caller(Account account, String via, Sessions.Session session) {
    }

    /** The outcome of a password login: a session, or how long the name is locked, or a credential too long. */
    record Login(Sessions.Session session, Duration locked, boolean oversized) {
    }

    static final String TOO_LONG = "user name or password too long: at most " + UserStore.MAX_NAME_LENGTH + " and "
            + UserStore.MAX_PASSWORD_LENGTH + " characters";

    private final UserStore users;
    private final LoginGuard logins;
    private final Sessions sessions;
    private final ApiTokens tokens;
    private final AuditLog audit;

    @Activate
    public WebSecurity(@Reference UserStore users, @Reference LoginGuard logins, BundleContext context)
            throws IOException {
        this.users = users;
        this.logins = logins;
        Clock clock = Clock.systemUTC();
        String idle = context.getProperty("switchboard.http.session.idle");
        this.sessions = new Sessions(clock, idle == null || idle.isBlank() ? Duration.ofMinutes(30)
                : Durations.parse("switchboard.http.session.idle", idle));
        Path dir = Path.of(context.getProperty("switchboard.data"), "http");
        this.tokens = new ApiTokens(dir.resolve("api-tokens.json"), clock);
        this.audit = new AuditLog(dir.resolve("audit.log"), clock);
    }

    @Deactivate
    void close() throws IOException {
        audit.close();
    }

    ApiTokens tokens() {
        return tokens;
    }

    AuditLog audit() {
        return audit;
    }

    Sessions sessions() {
        return sessions;
    }

    /**
     * The caller of an API request; when there is none, the 401 (or 429 for a locked name) is already answered.
     */
    Optional<Caller> authenticate(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<Account> a = tokens.authenticate(authorization.substring(7).trim());
            if (a.isEmpty()) {
                return unauthorized(response, "unknown or revoked API token");
            }
            Optional<Account> now = current(users, a.get());
            if (now.isEmpty()) {
                return unauthorized(response, "the API token's user " + a.get().name() + " no longer exists");
            }
            return Optional.of(new Caller(now.get(), "token", null));
        }
        if (authorization != null) {
            Optional<BasicCredentials> basic = BasicCredentials.parse(authorization);
            if (basic.isEmpty()) {
                return unauthorized(response, "the Authorization header is neither Basic nor Bearer");
            }
            String user = basic.get().user();
            LoginAttempt attempt = logins.attempt(user, basic.get().password(), request.getRemoteAddr());
            switch (attempt.result()) {
                case ACCEPTED -> {
                    return Optional.of(new Caller(attempt.account(), "basic", null));
                }
                case LOCKED -> {
                    failed(user, request, "basic, locked", 429);
                    locked(response, user, attempt.retryAfter());
                    return Optional.empty();
                }
                case OVERSIZED -> {
                    failed(user, request, "basic, too long", 401);
                    return unauthorized(response, TOO_LONG);
                }
                default -> {
                    failed(user, request, "basic", 401);
                    return unauthorized(response, "wrong user name or password");
                }
            }
        }
        Optional<Caller> session = sessionCaller(request);
        if (session.isPresent()) {
            return session;
        }
        return unauthorized(response, sessionId(request) == null
                ? "authentication required: log in to the console, or use HTTP Basic or an API token"
                : "the session has expired: log in again");
    }

    /**
     * The caller of a request by its console session cookie, acting with at most its user's current roles; a session
     * whose user is gone from the store is closed.
     */
    Optional<Caller> sessionCaller(HttpServletRequest request) {
        Optional<Sessions.Session> s = sessions.find(sessionId(request));
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Optional<Account> now = current(users, s.get().account);
        if (now.isEmpty()) {
            sessions.close(s.get().id);
            return Optional.empty();
        }
        return Optional.of(new Caller(now.get(), "session", s.get()));
    }

    /**
     * An account as an earlier login recorded it (a token, a session), limited to what its user holds now: the roles
     * recorded that the user still has (or that the user's current roles imply); empty when the user is gone.
     */
    static Optional<Account> current(UserStore users, Account recorded) {
        return users.find(recorded.name()).map(now -> {
            Set<String> roles = new TreeSet<>(recorded.roles());
            roles.retainAll(Roles.held(now));
            return new Account(recorded.name(), roles);
        });
    }

    /** A form login: a session, or the time the name stays locked, or neither (wrong password). */
    Login login(String user, String password, HttpServletRequest request) {
        LoginAttempt attempt = logins.attempt(user, password, request.getRemoteAddr());
        switch (attempt.result()) {
            case ACCEPTED -> {
                Sessions.Session s = sessions.open(attempt.account());
                audit.record(user, "login", 200, request.getRemoteAddr());
                LOG.info("Console login: " + user + " " + attempt.account().roles() + " from "
                        + request.getRemoteAddr());
                return new Login(s, Duration.ZERO, false);
            }
            case LOCKED -> failed(user, request, "console, locked", 429);
            case OVERSIZED -> failed(user, request, "console, too long", 400);
            default -> failed(user, request, "console", attempt.locked() ? 429 : 401);
        }
        return new Login(null, attempt.retryAfter(), attempt.result() == LoginAttempt.Result.OVERSIZED);
    }

    void logout(Sessions.Session session, HttpServletRequest request) {
        sessions.close(session.id);
        audit.record(session.account.name(), "logout", 200, request.getRemoteAddr());
    }

    /**
     * Lets an authenticated request in, or answers 403: a change needs the operator or admin role (unless it is to the
     * caller's own credentials) and, by session, the session's CSRF token. A refused change is audited. An admitted
     * request carries its caller as request attributes ({@link ApiContext#ACCOUNT}, {@link ApiContext#CALLER}, the
     * remote user).
     */
    boolean admit(Caller caller, boolean ownCredentials, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (mutating(request)) {
            String refusal = null;
            if (!ownCredentials && !Roles.mayOperate(caller.account())) {
                refusal = caller.account().name() + " " + caller.account().roles() + " may only read: changes need "
                        + "the operator or admin role";
            } else if (!csrfOk(caller, request)) {
                refusal = "CSRF token missing or wrong: a change made with a console session must send the session's "
                        + "token in the " + CSRF_HEADER + " header";
            }
            if (refusal != null) {
                audit.record(caller.account().name(), action(request), 403, request.getRemoteAddr());
                Json.discardBody(request, response);
                Json.error(response, HttpServletResponse.SC_FORBIDDEN, refusal.startsWith("CSRF") ? "csrf"
                        : "forbidden", refusal);
                return false;
            }
        }
        request.setAttribute(ServletContextHelper.REMOTE_USER, caller.account().name());
        request.setAttribute(ServletContextHelper.AUTHENTICATION_TYPE, switch (caller.via()) {
            case "basic" -> HttpServletRequest.BASIC_AUTH;
            case "session" -> HttpServletRequest.FORM_AUTH;
            default -> "BEARER";
        });
        request.setAttribute(ApiContext.ACCOUNT, caller.account());
        request.setAttribute(ApiContext.CALLER, caller);
        return true;
    }

    /** After an admitted request: a change is audited with the status it got. */
    void finish(HttpServletRequest request, HttpServletResponse response) {
        if (mutating(request) && request.getAttribute(ApiContext.CALLER) instanceof Caller caller) {
            audit.record(caller.account().name(), action(request), response.getStatus(), request.getRemoteAddr());
        }
    }

    /** How the audit log names a request: method, path and query. */
    static String action(HttpServletRequest request) {
        String q = request.getQueryString();
        return request.getMethod() + " " + request.getRequestURI() + (q == null ? "" : "?" + q);
    }

    /** True when a state-changing request by session carries the session's CSRF token. */
    static boolean csrfOk(Caller caller, HttpServletRequest request) {
        if (caller.session() == null) {
            return true; // Basic and Bearer are not sent by a browser on its own: no cross-site forgery
        }
        String token = request.getHeader(CSRF_HEADER);
        if (token == null) {
            token = request.getParameter("_csrf"); // a plain HTML form of a contributed page
        }
        return token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII),
                caller.session().csrf.getBytes(StandardCharsets.US_ASCII));
    }

    static boolean mutating(HttpServletRequest request) {
        String m = request.getMethod();
        return !(m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS"));
    }

    static String sessionCookie(String id, boolean secure, boolean clear) {
        return Sessions.COOKIE + "=" + (clear ? "" : id) + "; Path=/; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "") + (clear ? "; Max-Age=0" : "");
    }

    @Override
    public Optional<Account> authenticate(String authorization, String from, String what) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<Account> a = tokens.authenticate(authorization.substring(7).trim()).flatMap(t -> current(users, t));
            if (a.isEmpty()) {
                audit.failedLogin("(token)", what + ", bearer", 401, from);
            }
            return a;
        }
        Optional<BasicCredentials> basic = authorization == null ? Optional.empty() : BasicCredentials.parse(authorization);
        if (basic.isEmpty()) {
            audit.failedLogin("(none)", what + (authorization == null ? ", no credentials" : ", malformed"), 401, from);
            return Optional.empty();
        }
        LoginAttempt attempt = logins.attempt(basic.get().user(), basic.get().password(), from);
        if (attempt.result() != LoginAttempt.Result.ACCEPTED) {
            audit.failedLogin(basic.get().user(), what + ", basic, " + attempt.result().name().toLowerCase(Locale.ROOT),
                    attempt.result() == LoginAttempt.Result.LOCKED ? 429 : 401, from);
        }
        return attempt.accepted();
    }

    @Override
    public void refused(String what, String from, int status) {
        audit.failedLogin("(webhook)", what, status, from);
    }

    private void failed(String user, HttpServletRequest request, String how, int status) {
        audit.failedLogin(user, how, status, request.getRemoteAddr());
    }

    private static String sessionId(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (c.getName().equals(Sessions.COOKIE) && !c.getValue().isEmpty()) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    private static Optional<Caller> unauthorized(HttpServletResponse response, String why) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Switchboard\", charset=\"UTF-8\"");
        Json.error(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", why);
        return Optional.empty();
    }

    private static void locked(HttpServletResponse response, String user, Duration locked) throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfter(locked)));
        Json.error(response, 429, "locked", "too many failed logins for " + LogText.of(user, AuditLog.USER_CHARS)
                + " from this address: locked for " + retryAfter(locked) + " s more");
    }

    /** Whole seconds to wait, rounded up: a client that waits that long finds the lock over. */
    static long retryAfter(Duration locked) {
        return Math.max(1, (locked.toMillis() + 999) / 1000);
    }
}
