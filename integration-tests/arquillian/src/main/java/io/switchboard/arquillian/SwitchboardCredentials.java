package io.switchboard.arquillian;

/**
 * The platform's admin account, injectable with {@code @ArquillianResource}: for the REST API (HTTP Basic) and
 * the broker.
 */
public record SwitchboardCredentials(String user, String password) {
}
