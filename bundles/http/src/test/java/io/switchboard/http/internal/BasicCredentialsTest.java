package io.switchboard.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    private static String basic(String text) {
        return "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void splitsAtTheFirstColonSoPasswordsMayContainColons() {
        BasicCredentials c = BasicCredentials.parse(basic("admin:pa:ss")).orElseThrow();
        assertEquals("admin", c.user());
        assertEquals("pa:ss", c.password());
    }

    @Test
    void theSchemeIsCaseInsensitiveAndUtf8Decoded() {
        assertEquals("zoë", BasicCredentials.parse("basic " + basic("zoë:x").substring(6)).orElseThrow().user());
    }

    @Test
    void anythingElseIsNoCredentials() {
        assertTrue(BasicCredentials.parse(null).isEmpty());
        assertTrue(BasicCredentials.parse("Bearer abc").isEmpty());
        assertTrue(BasicCredentials.parse("Basic !!!notbase64").isEmpty());
        assertTrue(BasicCredentials.parse(basic("no-colon")).isEmpty());
    }
}
