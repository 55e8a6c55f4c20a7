package io.switchboard.kernel.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void theSecretInsideAUrlIsMaskedAndTheRestStaysReadable() {
        assertEquals("https://orders:********@api.example.com:8443/in?x=1",
                Secrets.mask("https://orders:pa55@api.example.com:8443/in?x=1"));
        assertEquals("http://api.example.com:8080/path@v2", Secrets.mask("http://api.example.com:8080/path@v2"),
                "a port and an @ in the path are no password");
        assertEquals("https://h/cb?state=1&token=********&sig=********", Secrets.mask("https://h/cb?state=1&token=abc&sig=zz"));
    }

    @Test
    void passwordsInJdbcUrlsAreMaskedInEveryDialect() {
        assertEquals("jdbc:postgresql://db:5432/sb?user=sb&password=********&ssl=true",
                Secrets.mask("jdbc:postgresql://db:5432/sb?user=sb&password=s3cret&ssl=true"));
        assertEquals("jdbc:sqlserver://db;user=sa;password=********;encrypt=true",
                Secrets.mask("jdbc:sqlserver://db;user=sa;password=x!y;encrypt=true"));
        assertEquals("jdbc:h2:file:./data/x;PASSWORD=********", Secrets.mask("jdbc:h2:file:./data/x;PASSWORD=y"));
        assertEquals("jdbc:oracle:thin:scott/********@db:1521/orcl", Secrets.mask("jdbc:oracle:thin:scott/tiger@db:1521/orcl"));
        assertEquals("jdbc:postgresql://sb:********@db/sb", Secrets.mask("jdbc:postgresql://sb:pw@db/sb"));
    }

    @Test
    void credentialHeadersAreMaskedAloneAndInALists() {
        assertEquals("Authorization: ********", Secrets.mask("Authorization: Bearer eyJhbGciOi"));
        assertEquals("Authorization: ********, X-Api-Key: ********, X-Source: batch",
                Secrets.mask("Authorization: Basic dTpw, X-Api-Key: k-1, X-Source: batch"));
        assertEquals("X-Auth-Token: ********", Secrets.mask("X-Auth-Token: t"));
        assertEquals("Cookie: ********", Secrets.mask("Cookie: session=abc"));
        assertEquals("X-Source: batch", Secrets.mask("X-Source: batch"));
    }

    @Test
    void propertiesNamedSecretAreMaskedWholeOthersOnlyWhereTheyHoldASecret() {
        assertTrue(Secrets.isSecretName("broker.remote.password"));
        assertTrue(Secrets.isSecretName("apiToken"));
        assertFalse(Secrets.isSecretName("url"));
        assertEquals(Secrets.MASK, Secrets.mask("clientSecret", "abc"));
        assertEquals("plain", Secrets.mask("name", "plain"));
        assertNull(Secrets.mask(null));
        assertEquals("null", Secrets.masked(null));
    }
}
