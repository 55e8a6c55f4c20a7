package io.switchboard.kernel.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = PasswordHash.hash("s3cret");
        assertTrue(hash.startsWith("pbkdf2-sha256:600000:"), hash);
        assertTrue(PasswordHash.verify("s3cret", hash));
        assertFalse(PasswordHash.verify("s3cret ", hash));
    }

    @Test
    void saltsEveryHash() {
        assertNotEquals(PasswordHash.hash("same"), PasswordHash.hash("same"));
    }

    @Test
    void refusesPlainTextAsAHash() {
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.verify("admin", "admin"));
    }
}
