package io.switchboard.kernel.security;

import io.switchboard.kernel.api.Account;
import io.switchboard.kernel.api.LogText;
import io.switchboard.kernel.api.LoginAttempt;
import io.switchboard.kernel.api.LoginGuard;
import io.switchboard.kernel.api.UserStore;
import java.time.InstantSource;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's one lockout, shared by HTTP and the broker. Failures are counted per (name, address) pair: after
 * {@link #PAIR_FAILURES} within {@link #WINDOW} the pair is locked for {@link #FIRST_LOCK}, doubling each time the
 * same pair is locked again, up to {@link #MAX_LOCK}. A name with {@link #NAME_FAILURES} failures in the window (a
 * guesser rotating addresses) is "under attack": then one failure locks its address. An address that has not failed
 * is never locked, so a known name cannot be kept out for everyone; the right password from a locked pair waits like
 * a wrong one. Everything an unauthenticated caller can put here is bounded: oversized credentials are refused before
 * any lookup or record, and each table holds at most {@link #TRACKED} entries (the least recently used go first).
 */
public final class LoginLockout implements LoginGuard {

    private static final Logger LOG = LoggerFactory.getLogger(LoginLockout.class);
    static final int PAIR_FAILURES = 5;
    static final int NAME_FAILURES = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    static final int TRACKED = 10_000;
    /** How much of a name a log line shows. */
    static final int LOGGED_NAME = 64;

    /** Failures of one pair in the current window, and how often it was locked in a row (for the backoff). */
    private record Pair(int count, Instant first, Instant lockedUntil, int locks, Instant last) {
    }

    /** Failures of one name from any address in the current window. */
    private record Name(int count, Instant first) {
    }

    private final Supplier<? extends UserStore> users;
    private final InstantSource clock;
    private final Map<String, Pair> pairs = lru();
    private final Map<String, Name> names = lru();

    /** @param users the store (a supplier: the kernel's store may still be opening when the broker starts) */
    public LoginLockout(Supplier<? extends UserStore> users, InstantSource clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    public LoginAttempt attempt(String name, String password, String from) {
        if (UserStore.oversized(name, password)) {
            return new LoginAttempt(LoginAttempt.Result.OVERSIZED, null, Duration.ZERO);
        }
        Duration locked = lockedFor(name, from);
        if (!locked.isZero()) {
            return new LoginAttempt(LoginAttempt.Result.LOCKED, null, locked);
        }
        Optional<Account> account = users.get().authenticate(name, password);
        if (account.isPresent()) {
            succeeded(name, from);
            return new LoginAttempt(LoginAttempt.Result.ACCEPTED, account.get(), Duration.ZERO);
        }
        return new LoginAttempt(LoginAttempt.Result.REFUSED, null, failed(name, from));
    }

    /** How long this name waits from this address; zero when it may try. */
    Duration lockedFor(String name, String from) {
        Pair p;
        synchronized (pairs) {
            p = pairs.get(pairKey(name, from));
        }
        if (p == null || p.lockedUntil() == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), p.lockedUntil());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Records a failure; returns how long the pair is locked by it (zero when it is not). */
    Duration failed(String name, String from) {
        Instant now = clock.instant();
        int nameCount = countName(name, now);
        int threshold = nameCount >= NAME_FAILURES ? 1 : PAIR_FAILURES;
        Pair p;
        synchronized (pairs) {
            String key = pairKey(name, from);
            Pair old = pairs.get(key);
            boolean fresh = old == null || Duration.between(old.first(), now).compareTo(WINDOW) > 0;
            int locks = old == null || Duration.between(old.last(), now).compareTo(WINDOW) > 0 ? 0 : old.locks();
            int count = fresh ? 1 : old.count() + 1;
            Instant first = fresh ? now : old.first();
            Instant until = now.plus(lockLength(locks));
            // "last" is when the pair was last active: the end of its lock, so the backoff outlives the lock
            p = count >= threshold
                    ? new Pair(0, now, until, locks + 1, until)
                    : new Pair(count, first, null, locks, now);
            pairs.put(key, p);
        }
        if (p.lockedUntil() == null) {
            return Duration.ZERO;
        }
        Duration lock = Duration.between(now, p.lockedUntil());
        LOG.warn("Login locked for user " + LogText.of(name, LOGGED_NAME) + " from " + LogText.of(from, LOGGED_NAME)
                + " for " + lock.toSeconds() + " s (lock " + p.locks() + " in a row"
                + (threshold == 1 ? "; the name failed " + nameCount + " times from all addresses in "
                        + WINDOW.toMinutes() + " min, so each address gets one failure" : "")
                + "); other addresses are not locked");
        return lock;
    }

    void succeeded(String name, String from) {
        synchronized (pairs) {
            pairs.remove(pairKey(name, from));
        }
    }

    /** Entries held now in the pair and name tables together. */
    int tracked() {
        synchronized (pairs) {
            synchronized (names) {
                return pairs.size() + names.size();
            }
        }
    }

    static Duration lockLength(int locksBefore) {
        Duration d = FIRST_LOCK.multipliedBy(1L << Math.min(locksBefore, 20));
        return d.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : d;
    }

    private int countName(String name, Instant now) {
        synchronized (names) {
            String key = name.toLowerCase(Locale.ROOT);
            Name old = names.get(key);
            Name n = old == null || Duration.between(old.first(), now).compareTo(WINDOW) > 0
                    ? new Name(1, now) : new Name(old.count() + 1, old.first());
            names.put(key, n);
            if (n.count() == NAME_FAILURES) {
                LOG.warn("Login failures for user " + LogText.of(name, LOGGED_NAME) + ": " + NAME_FAILURES + " in "
                        + WINDOW.toMinutes() + " min from all addresses; until the window ends, one failure locks "
                        + "the address it came from");
            }
            return n.count();
        }
    }

    private static String pairKey(String name, String from) {
        return name.toLowerCase(Locale.ROOT) + '\u0000' + from;
    }

    /** A map in access order that drops its least recently used entry beyond {@link #TRACKED}. */
    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > TRACKED;
            }
        };
    }
}
