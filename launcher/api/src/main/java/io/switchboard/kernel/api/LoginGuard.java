package io.switchboard.kernel.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one way in by password, for every protocol (HTTP Basic, the console's form, and the broker's CORE, AMQP, STOMP,
 * OpenWire and MQTT logins): checks the credentials against the {@link UserStore} and throttles guessing, with one
 * lockout shared by all of them. Failures count per (user name, client address): after a few, that pair waits, longer
 * each time it is locked again (up to a cap). A name that fails from many addresses is allowed fewer failures per
 * address, but never locked for an address that has not failed: a known name cannot be locked out for everyone.
 */
@ProviderType
public interface LoginGuard {

    /**
     * One login attempt.
     *
     * @param name     the user name as given (not trimmed or changed)
     * @param password the password as given
     * @param from     the client's address (host only, no port), e.g. {@code 127.0.0.1}; never null
     * @return what came of it; a wrong password is also recorded against the name and address
     */
    LoginAttempt attempt(String name, String password, String from);
}
