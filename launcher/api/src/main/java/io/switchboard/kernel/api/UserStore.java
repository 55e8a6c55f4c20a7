package io.switchboard.kernel.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform user store: the broker, HTTP and the console authenticate against it.
 * Passwords are stored only as salted KDF hashes. Logins from outside go through {@link LoginGuard}, which throttles
 * guessing; this interface is the store itself.
 */
@ProviderType
public interface UserStore {

    /** The longest user name that can log in (characters): anything longer is refused before any lookup. */
    int MAX_NAME_LENGTH = 256;
    /** The longest password that can log in (characters): anything longer is refused before any hashing. */
    int MAX_PASSWORD_LENGTH = 1024;

    /**
     * @return the account when the name exists and the password matches; empty otherwise (never says which), and
     *         always empty for a name or password over {@link #MAX_NAME_LENGTH} / {@link #MAX_PASSWORD_LENGTH}
     */
    Optional<Account> authenticate(String name, String password);

    /**
     * The account as the store holds it now, with its current roles, without a password: what an earlier login
     * (an API token, a console session) may still act as. Empty when there is no such user (any more).
     */
    Optional<Account> find(String name);

    /** True when a name or password is too long to be a credential of this store (or missing). */
    static boolean oversized(String name, String password) {
        return name == null || password == null || name.length() > MAX_NAME_LENGTH
                || password.length() > MAX_PASSWORD_LENGTH;
    }
}
