package io.switchboard.kernel.api;

import java.util.Set;

/**
 * An authenticated user of the platform.
 *
 * @param name  the user name
 * @param roles the roles granted: {@code admin}, {@code operator}, {@code producer}, {@code consumer},
 *              {@code viewer}, or roles an operator defined
 */
public record Account(String name, Set<String> roles) {
    public Account {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
