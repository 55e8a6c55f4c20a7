package io.switchboard.http.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login throttling for every way in (console form, HTTP Basic): after {@link #MAX_FAILURES} failed passwords for a
 * user name within {@link #WINDOW}, that name is locked for {@link #LOCK}, right password or not. A success clears
 * the count. Locking by name, not by address, is what stops a guesser that rotates addresses; the price, that
 * someone can keep a name locked, is the usual one (and the lock is short).
 */
final class LoginGuard {

    private static final Logger LOG = LoggerFactory.getLogger(LoginGuard.class);
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCK = Duration.ofMinutes(1);
    /** Names tracked at most before old entries are dropped: made-up names cannot grow the map without end. */
    static final int TRACKED = 10_000;

    private record Failures(int count, Instant first, Instant lockedUntil) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginGuard(Clock clock) {
        this.clock = clock;
    }

    /** How long the name stays locked; zero when it is not. */
    Duration lockedFor(String user) {
        Failures f = failures.get(key(user));
        if (f == null || f.lockedUntil() == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), f.lockedUntil());
        return left.isNegative() ? Duration.ZERO : left;
    }

    void failed(String user, String from) {
        Instant now = clock.instant();
        if (failures.size() >= TRACKED) {
            failures.values().removeIf(f -> Duration.between(f.first(), now).compareTo(WINDOW) > 0
                    && (f.lockedUntil() == null || now.isAfter(f.lockedUntil())));
        }
        Failures f = failures.compute(key(user), (k, old) -> {
            if (old == null || Duration.between(old.first(), now).compareTo(WINDOW) > 0
                    || (old.lockedUntil() != null && !now.isBefore(old.lockedUntil()))) {
                return new Failures(1, now, null);
            }
            int count = old.count() + 1;
            return new Failures(count, old.first(), count >= MAX_FAILURES ? now.plus(LOCK) : null);
        });
        if (f.lockedUntil() != null && f.count() == MAX_FAILURES) {
            LOG.warn("Login locked for user " + user + " for " + LOCK.toSeconds() + " s after " + MAX_FAILURES
                    + " failed passwords (last from " + from + ")");
        }
    }

    int tracked() {
        return failures.size();
    }

    void succeeded(String user) {
        failures.remove(key(user));
    }

    private static String key(String user) {
        return user == null ? "" : user.toLowerCase(Locale.ROOT);
    }
}
