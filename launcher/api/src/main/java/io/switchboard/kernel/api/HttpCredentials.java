package io.switchboard.kernel.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's HTTP logins for requests served outside the console's and the API's servlet contexts (a bridge's
 * webhook with {@code auth = platform}): the same checks the API makes, offered by the console's bundle.
 */
@ProviderType
public interface HttpCredentials {

    /**
     * The account an {@code Authorization} header stands for: {@code Basic} (through {@link LoginGuard}, with its
     * lockout) or {@code Bearer} with an API token (acting with its user's current roles). Empty when the header is
     * missing, malformed, wrong, revoked or locked; the failure is recorded in the login-failures audit.
     *
     * @param authorization the header's value, or null
     * @param from the client's address (host only)
     * @param what what was asked, for the audit (e.g. {@code webhook /hooks/github})
     */
    Optional<Account> authenticate(String authorization, String from, String what);

    /**
     * Records a refused request that did not come with platform credentials (a webhook's wrong or stale signature)
     * in the login-failures audit, bounded like failed logins.
     *
     * @param what what was refused, e.g. {@code webhook /hooks/github: signature mismatch}
     * @param from the client's address (host only)
     * @param status the HTTP status answered
     */
    void refused(String what, String from, int status);
}
