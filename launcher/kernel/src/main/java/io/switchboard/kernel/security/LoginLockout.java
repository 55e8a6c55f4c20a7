package io.switchboard.kernel.security;

import io.switchboard.kernel.api.Account;
import io.switchboard.kernel.api.LogText;
import io.switchboard.kernel.api.LoginAttempt;
import io.switchboard.kernel.api.LoginGuard;
import io.switchboard.kernel.api.UserStore;
import java.time.InstantSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's one lockout, shared by HTTP and the broker. Failures are counted per (name, address) pair: after
 * {@link #PAIR_FAILURES} within {@link #WINDOW} the pair is locked for {@link #FIRST_LOCK}, doubling each time the
 * same pair is locked again, up to {@link #MAX_LOCK}. A name with {@link #NAME_FAILURES} failures in the window (a
 * guesser rotating addresses) is "under attack": then one failure locks its address. An address that has not failed
 * is never locked, so a known name cannot be kept out for everyone; the right password from a locked pair waits like
 * a wrong one. An attempt is counted before its password is checked, so parallel guesses get no more tries than
 * sequential ones. Everything an unauthenticated caller can put here is bounded: oversized credentials are refused
 * before any lookup or record, and each table holds {@link #TRACKED} entries (the least recently used go first, but
 * not a running lock) up to a hard {@link #HARD_LIMIT}.
 */
public final class LoginLockout implements LoginGuard {

    private static final Logger LOG = LoggerFactory.getLogger(LoginLockout.class);
    static final int PAIR_FAILURES = 5;
    static final int NAME_FAILURES = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    static final int TRACKED = 10_000;
    /** How many of the oldest entries a full table looks through for one it may drop. */
    static final int SCANNED = 64;
    /** Beyond this even a running lock is dropped: the tables stay bounded whatever an attacker manages. */
    static final int HARD_LIMIT = 4 * TRACKED;
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
    private final Map<String, Pair> pairs = lru((p, now) -> !left(p, now).isZero());
    private final Map<String, Name> names = lru((n, now) -> n.count() >= NAME_FAILURES
            && Duration.between(n.first(), now).compareTo(WINDOW) <= 0);

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
        Duration locked = reserve(name, from);
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
        return p == null ? Duration.ZERO : left(p, clock.instant());
    }

    /**
     * Counts an attempt against its pair before its password is checked, so that guesses sent in parallel cannot all
     * pass before the failure that locks the pair is recorded: once as many attempts as lock it are counted (checked or
     * still being checked), the next waits. A success clears the count again.
     *
     * @return zero when the attempt may go on, else how long the pair waits
     */
    private Duration reserve(String name, String from) {
        Instant now = clock.instant();
        int threshold = underAttack(name, now) ? 1 : PAIR_FAILURES;
        synchronized (pairs) {
            String key = pairKey(name, from);
            Pair old = pairs.get(key);
            Duration left = old == null ? Duration.ZERO : left(old, now);
            if (!left.isZero()) {
                return left;
            }
            boolean fresh = old == null || Duration.between(old.first(), now).compareTo(WINDOW) > 0;
            int locks = old == null || Duration.between(old.last(), now).compareTo(WINDOW) > 0 ? 0 : old.locks();
            if (!fresh && old.count() >= threshold) {
                return lockLength(locks); // attempts enough to lock the pair are being checked now
            }
            pairs.put(key, fresh ? new Pair(1, now, null, locks, now)
                    : new Pair(old.count() + 1, old.first(), null, locks, now));
            return Duration.ZERO;
        }
    }

    /** Records that a counted attempt failed; returns how long the pair is locked by it (zero when it is not). */
    Duration failed(String name, String from) {
        Instant now = clock.instant();
        int nameCount = countName(name, now);
        int threshold = nameCount >= NAME_FAILURES ? 1 : PAIR_FAILURES;
        Pair p;
        synchronized (pairs) {
            String key = pairKey(name, from);
            Pair old = pairs.get(key);
            if (old == null) {
                old = new Pair(1, now, null, 0, now); // a success from elsewhere cleared it meanwhile: this one counts
            }
            Duration left = left(old, now);
            if (!left.isZero()) {
                return left; // a failure checked at the same time locked it already
            }
            if (old.count() < threshold) {
                pairs.put(key, old);
                return Duration.ZERO;
            }
            Instant until = now.plus(lockLength(old.locks()));
            // "last" is when the pair was last active: the end of its lock, so the backoff outlives the lock
            p = new Pair(0, now, until, old.locks() + 1, until);
            pairs.put(key, p);
        }
        Duration lock = Duration.between(now, p.lockedUntil());
        LOG.warn("Login locked for user " + LogText.of(name, LOGGED_NAME) + " from " + LogText.of(from, LOGGED_NAME)
                + " for " + lock.toSeconds() + " s (lock " + p.locks() + " in a row"
                + (threshold == 1 ? "; the name failed " + nameCount + " times from all addresses in "
                        + WINDOW.toMinutes() + " min, so each address gets one failure" : "")
                + "); other addresses are not locked");
        return lock;
    }

    private static Duration left(Pair p, Instant now) {
        if (p.lockedUntil() == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, p.lockedUntil());
        return left.isNegative() || left.isZero() ? Duration.ZERO : left;
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

    private boolean underAttack(String name, Instant now) {
        synchronized (names) {
            Name n = names.get(name.toLowerCase(Locale.ROOT));
            return n != null && n.count() >= NAME_FAILURES && Duration.between(n.first(), now).compareTo(WINDOW) <= 0;
        }
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

    /**
     * A map in access order that, beyond {@link #TRACKED} entries, drops the least recently used one that is not
     * {@code live} (among the {@link #SCANNED} oldest): a flood of made-up names must not push out a running lock or an
     * "under attack" count. Only past {@link #HARD_LIMIT} does the oldest go whatever it holds.
     */
    private <V> Map<String, V> lru(BiPredicate<V, Instant> live) {
        return new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                if (size() <= TRACKED) {
                    return false;
                }
                Instant now = clock.instant();
                Iterator<V> oldest = values().iterator();
                for (int i = 0; i < SCANNED && oldest.hasNext(); i++) {
                    if (!live.test(oldest.next(), now)) {
                        oldest.remove();
                        return false;
                    }
                }
                return size() > HARD_LIMIT;
            }
        };
    }
}
