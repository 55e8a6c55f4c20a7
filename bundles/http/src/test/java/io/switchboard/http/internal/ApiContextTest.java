package io.switchboard.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.kernel.api.Account;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiContextTest {

    private final ApiContext context = new ApiContext((name, password) ->
            name.equals("admin") && password.equals("right") ? Optional.of(new Account("admin", Set.of("admin")))
                    : Optional.empty());

    private static String basic(String text) {
        return "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theUserStoreDecides() {
        assertEquals("admin", context.authenticate(basic("admin:right")).orElseThrow().name());
        assertTrue(context.authenticate(basic("admin:wrong")).isEmpty());
        assertTrue(context.authenticate(null).isEmpty());
    }
}
