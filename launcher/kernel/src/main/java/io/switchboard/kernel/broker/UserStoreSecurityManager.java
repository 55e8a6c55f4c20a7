package io.switchboard.kernel.broker;

import io.switchboard.kernel.api.Account;
import io.switchboard.kernel.api.UserStore;
import java.util.Optional;
import java.util.Set;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

/**
 * Authenticates broker clients against the platform user store; authorization uses the roles of the
 * account and the {@code security-settings} of {@code config/broker.xml} (Artemis's own format).
 */
final class UserStoreSecurityManager implements ActiveMQSecurityManager {

    private final UserStore users;

    UserStoreSecurityManager(UserStore users) {
        this.users = users;
    }

    @Override
    public boolean validateUser(String user, String password) {
        return users.authenticate(user, password).isPresent();
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        Optional<Account> account = users.authenticate(user, password);
        if (account.isEmpty()) {
            return false;
        }
        for (Role role : roles) {
            if (checkType.hasRole(role) && account.get().hasRole(role.getName())) {
                return true;
            }
        }
        return false;
    }
}
