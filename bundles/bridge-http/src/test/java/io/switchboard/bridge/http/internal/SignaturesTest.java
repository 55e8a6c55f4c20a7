package io.switchboard.bridge.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** GitHub's documented example ("Validating webhook deliveries"). */
    @Test
    void githubsDocumentedExample() {
        byte[] secret = utf8("It's a Secret to Everybody");
        byte[] body = utf8("Hello, World!");
        String header = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertEquals(header, Signatures.github(secret, body));
        assertNull(Signatures.checkGithub(secret, header, body));
        assertNotNull(Signatures.checkGithub(secret, header, utf8("Hello, World?")));
        assertNotNull(Signatures.checkGithub(utf8("another secret"), header, body));
        assertNotNull(Signatures.checkGithub(secret, null, body));
    }

    /** The test vector of the Standard Webhooks reference libraries. */
    @Test
    void standardWebhooksTestVector() {
        byte[] key = Signatures.standardKey("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        long ts = 1614265330;
        byte[] body = utf8("{\"test\": 2432232314}");
        String expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        assertEquals(expected, Signatures.standard(key, id, ts, body));
        Instant then = Instant.ofEpochSecond(ts + 10);
        Duration five = Duration.ofMinutes(5);
        assertNull(Signatures.checkStandard(key, id, "" + ts, "v1,bogus " + expected, body, five, then));
        assertNotNull(Signatures.checkStandard(key, id, "" + ts, expected, utf8("{\"test\": 1}"), five, then));
        assertNotNull(Signatures.checkStandard(key, "msg_other", "" + ts, expected, body, five, then));
        String stale = Signatures.checkStandard(key, id, "" + ts, expected, body, five, then.plus(Duration.ofMinutes(6)));
        assertTrue(stale.contains("stale"), stale);
        assertNotNull(Signatures.checkStandard(key, id, "yesterday", expected, body, five, then));
        assertNotNull(Signatures.checkStandard(key, null, "" + ts, expected, body, five, then));
    }
}
