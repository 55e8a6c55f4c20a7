package io.switchboard.kernel.api;

import java.time.Duration;
import java.util.Optional;

/**
 * What came of a {@link LoginGuard#attempt}.
 *
 * @param result     accepted, or why not
 * @param account    the account, when accepted; null otherwise
 * @param retryAfter when the name is locked for this address (now or by this very failure): how long until the next
 *                   attempt is considered; zero otherwise
 */
public record LoginAttempt(Result result, Account account, Duration retryAfter) {

    /** The outcomes of an attempt. */
    public enum Result {
        /** The password is right and the name not locked for this address. */
        ACCEPTED,
        /** Wrong name or password (never says which). */
        REFUSED,
        /** Not checked: too many failures of this name from this address; see {@code retryAfter}. */
        LOCKED,
        /** Not checked: the name or password is longer than any credential ({@link UserStore#MAX_NAME_LENGTH}). */
        OVERSIZED
    }

    public LoginAttempt {
        retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
    }

    public Optional<Account> accepted() {
        return result == Result.ACCEPTED ? Optional.of(account) : Optional.empty();
    }

    public boolean locked() {
        return !retryAfter.isZero();
    }
}
