package io.switchboard.kernel.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.kernel.api.Account;
import io.switchboard.kernel.api.LoginAttempt.Result;
import io.switchboard.kernel.api.UserStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.switchboard.kernel.api.LoginAttempt;
import org.junit.jupiter.api.Test;

/** The shared lockout on a clock the test moves, against a store that knows one user ("ops", password "right"). */
class LoginLockoutTest {

    private Instant now = Instant.parse("2026-11-26T12:00:00Z");
    private final AtomicInteger lookups = new AtomicInteger();
    /** Counted down by each lookup while a test holds the lookups at {@link #release}. */
    private CountDownLatch arrivals = new CountDownLatch(0);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean holding;
    private final UserStore store = new UserStore() {
        @Override
        public Optional<Account> authenticate(String name, String password) {
            lookups.incrementAndGet();
            if (holding) {
                arrivals.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return name.equals("ops") && password.equals("right")
                    ? Optional.of(new Account("ops", Set.of("operator"))) : Optional.empty();
        }

        @Override
        public Optional<Account> find(String name) {
            return Optional.empty();
        }
    };
    private final LoginLockout guard = new LoginLockout(() -> store, () -> now);

    private void advance(Duration d) {
        now = now.plus(d);
    }

    private void fail(String name, String from, int times) {
        for (int i = 0; i < times; i++) {
            assertEquals(Result.REFUSED, guard.attempt(name, "wrong", from).result());
        }
    }

    @Test
    void fiveFailuresLockTheNameFromThatAddressEvenForTheRightPassword() {
        fail("Ops", "10.0.0.1", LoginLockout.PAIR_FAILURES - 1);
        assertTrue(guard.lockedFor("ops", "10.0.0.1").isZero(), "four failures do not lock");
        assertEquals(LoginLockout.FIRST_LOCK, guard.attempt("ops", "wrong", "10.0.0.1").retryAfter(),
                "the fifth locks the pair, whatever the name's case");
        var locked = guard.attempt("OPS", "right", "10.0.0.1");
        assertEquals(Result.LOCKED, locked.result(), "the right password waits too");
        assertEquals(Result.ACCEPTED, guard.attempt("ops", "right", "10.0.0.2").result(),
                "an address that has not failed still logs in: a known name is not locked for everyone");
        advance(LoginLockout.FIRST_LOCK.plusSeconds(1));
        assertEquals(Result.ACCEPTED, guard.attempt("ops", "right", "10.0.0.1").result(), "the lock ends");
    }

    @Test
    void eachNewLockOfThePairLastsTwiceAsLongUpToTheCap() {
        Duration expected = LoginLockout.FIRST_LOCK;
        for (int round = 0; round < 6; round++) {
            fail("ops", "10.0.0.9", LoginLockout.PAIR_FAILURES - 1);
            Duration lock = guard.attempt("ops", "wrong", "10.0.0.9").retryAfter();
            assertEquals(expected, lock, "round " + round);
            advance(lock.plusSeconds(1));
            expected = expected.multipliedBy(2).compareTo(LoginLockout.MAX_LOCK) > 0 ? LoginLockout.MAX_LOCK
                    : expected.multipliedBy(2);
        }
        assertEquals(LoginLockout.MAX_LOCK, LoginLockout.lockLength(60), "capped: never a permanent lockout");
        advance(LoginLockout.WINDOW.plusSeconds(1));
        fail("ops", "10.0.0.9", LoginLockout.PAIR_FAILURES - 1);
        assertEquals(LoginLockout.FIRST_LOCK, guard.attempt("ops", "wrong", "10.0.0.9").retryAfter(),
                "a quiet window forgets the backoff");
    }

    @Test
    void aSuccessClearsThePairsCountAndOldFailuresAreForgotten() {
        fail("ops", "x", 4);
        assertEquals(Result.ACCEPTED, guard.attempt("ops", "right", "x").result());
        fail("ops", "x", 4);
        assertTrue(guard.lockedFor("ops", "x").isZero());
        advance(LoginLockout.WINDOW.plusSeconds(1));
        fail("ops", "x", 1);
        assertTrue(guard.lockedFor("ops", "x").isZero(), "failures outside the window do not add up");
    }

    @Test
    void aNameGuessedFromManyAddressesGivesEachFailingAddressOneTryButNeverLocksACleanOne() {
        for (int i = 0; i < LoginLockout.NAME_FAILURES; i++) {
            guard.attempt("ops", "wrong", "10.1.0." + i);
        }
        assertTrue(guard.attempt("ops", "wrong", "10.2.0.1").locked(), "under attack: one failure locks the address");
        assertEquals(Result.ACCEPTED, guard.attempt("ops", "right", "10.2.0.2").result(),
                "the right password from a clean address still works");
    }

    @Test
    void oversizedCredentialsAreRefusedBeforeAnyLookupAndLeaveNothingBehind() {
        String huge = "a".repeat(200_000);
        assertEquals(Result.OVERSIZED, guard.attempt(huge, "x", "10.0.0.1").result());
        assertEquals(Result.OVERSIZED, guard.attempt("ops", huge, "10.0.0.1").result());
        assertEquals(0, lookups.get(), "no lookup, no hashing");
        assertEquals(0, guard.tracked(), "and nothing recorded");
        assertEquals(Result.REFUSED, guard.attempt("a".repeat(UserStore.MAX_NAME_LENGTH), "x", "1").result(),
                "the longest allowed name is checked as usual");
    }

    @Test
    void madeUpNamesFromManyAddressesDoNotGrowTheTablesBeyondTheirBound() {
        for (int i = 0; i < LoginLockout.TRACKED + 5_000; i++) {
            guard.attempt("guess" + i, "wrong", "10.0." + (i % 250) + "." + (i / 250 % 250));
        }
        assertEquals(2 * LoginLockout.TRACKED, guard.tracked(), "each table holds at most its bound");
    }

    @Test
    void guessesSentInParallelGetNoMoreTriesThanOneAfterAnother() throws Exception {
        int guesses = 20;
        holding = true;
        arrivals = new CountDownLatch(guesses);
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        try {
            List<Future<LoginAttempt>> answers = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                answers.add(pool.submit(() -> {
                    LoginAttempt a = guard.attempt("ops", "wrong", "10.9.9.9");
                    arrivals.countDown(); // a guess turned away before its lookup
                    return a;
                }));
            }
            assertTrue(arrivals.await(10, TimeUnit.SECONDS), "every guess either looked up or was turned away");
            assertEquals(LoginLockout.PAIR_FAILURES, lookups.get(), "only as many lookups as lock the pair");
            release.countDown();
            int waited = 0;
            for (Future<LoginAttempt> a : answers) {
                LoginAttempt answer = a.get(10, TimeUnit.SECONDS);
                waited += answer.result() == Result.LOCKED ? 1 : 0;
                assertTrue(answer.locked(), "each is told to wait: turned away, or failed and the pair locked");
            }
            assertEquals(guesses - LoginLockout.PAIR_FAILURES, waited, "the rest were turned away");
            assertEquals(Result.LOCKED, guard.attempt("ops", "right", "10.9.9.9").result());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aFloodOfMadeUpNamesDoesNotPushOutARunningLock() {
        fail("ops", "10.0.0.1", LoginLockout.PAIR_FAILURES);
        for (int i = 0; i < LoginLockout.TRACKED + 5_000; i++) {
            guard.attempt("guess" + i, "wrong", "10.3." + (i % 250) + "." + (i / 250 % 250));
        }
        assertEquals(Result.LOCKED, guard.attempt("ops", "right", "10.0.0.1").result(), "still locked");
    }
}
