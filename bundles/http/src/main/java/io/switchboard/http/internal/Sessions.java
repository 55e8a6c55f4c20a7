package io.switchboard.http.internal;

import io.switchboard.kernel.api.Account;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sessions: a random id in an HttpOnly cookie, a CSRF token per session, an idle timeout and an absolute
 * lifetime. In memory: a restart logs everybody out, which is what an operator expects of a restarted server.
 * The servlet containers' own sessions are not used: each whiteboard context would have its own.
 */
final class Sessions {

    static final String COOKIE = "SB_SESSION";
    static final Duration MAX_LIFETIME = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A logged-in browser. */
    static final class Session {
        final String id;
        final Account account;
        final String csrf;
        final Instant created;
        volatile Instant lastSeen;

        Session(String id, Account account, String csrf, Instant created) {
            this.id = id;
            this.account = account;
            this.csrf = csrf;
            this.created = created;
            this.lastSeen = created;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idleTimeout;

    Sessions(Clock clock, Duration idleTimeout) {
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    Session open(Account account) {
        expire();
        Session s = new Session(random(), account, random(), clock.instant());
        sessions.put(s.id, s);
        return s;
    }

    /** The live session with this id, touched; empty when unknown, idle too long or too old. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(s.lastSeen.plus(idleTimeout)) || now.isAfter(s.created.plus(MAX_LIFETIME))) {
            sessions.remove(id);
            return Optional.empty();
        }
        s.lastSeen = now;
        return Optional.of(s);
    }

    void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private void expire() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> now.isAfter(s.lastSeen.plus(idleTimeout))
                || now.isAfter(s.created.plus(MAX_LIFETIME)));
    }

    static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
