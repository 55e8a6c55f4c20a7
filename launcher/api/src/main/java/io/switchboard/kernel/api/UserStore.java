package io.switchboard.kernel.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform user store: the broker, HTTP and the console authenticate against it.
 * Passwords are stored only as salted KDF hashes.
 */
@ProviderType
public interface UserStore {

    /**
     * @return the account when the name exists and the password matches; empty otherwise (never says which)
     */
    Optional<Account> authenticate(String name, String password);
}
