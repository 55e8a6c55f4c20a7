package io.switchboard.bridge.http.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two webhook signature schemes, both HMAC-SHA256 over the raw body bytes as received, compared in constant time:
 * GitHub's {@code X-Hub-Signature-256: sha256=<hex>}, and Standard Webhooks' {@code webhook-signature: v1,<base64>}
 * over {@code <webhook-id>.<webhook-timestamp>.<body>} with a secret {@code whsec_<base64>} and a timestamp tolerance.
 */
final class Signatures {

    static final String GITHUB_HEADER = "X-Hub-Signature-256";
    static final String SW_ID = "webhook-id";
    static final String SW_TIMESTAMP = "webhook-timestamp";
    static final String SW_SIGNATURE = "webhook-signature";

    private Signatures() {
    }

    /** GitHub's header value for a body: {@code sha256=<hex>}. */
    static String github(byte[] secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, body));
    }

    /** Null when the header matches the body, else why not. */
    static String checkGithub(byte[] secret, String header, byte[] body) {
        if (header == null || header.isBlank()) {
            return "no " + GITHUB_HEADER + " header";
        }
        byte[] expected = github(secret, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, header.trim().getBytes(StandardCharsets.US_ASCII)) ? null
                : GITHUB_HEADER + " does not match the body";
    }

    /** The key of a Standard Webhooks secret: the base64 after {@code whsec_} (or the whole value without it). */
    static byte[] standardKey(String secret) {
        String b64 = secret.startsWith("whsec_") ? secret.substring(6) : secret;
        return Base64.getDecoder().decode(b64);
    }

    /** Standard Webhooks' signature for a message: {@code v1,<base64>}. */
    static String standard(byte[] key, String id, long timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, signed));
    }

    /**
     * Null when one of the space-separated signatures matches and the timestamp is within the tolerance of now, else
     * why not.
     */
    static String checkStandard(byte[] key, String id, String timestamp, String signatures, byte[] body,
            Duration tolerance, Instant now) {
        if (id == null || id.isBlank() || timestamp == null || signatures == null) {
            return "missing " + SW_ID + ", " + SW_TIMESTAMP + " or " + SW_SIGNATURE + " header";
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return SW_TIMESTAMP + " is not a number of seconds";
        }
        long skew = Math.abs(now.getEpochSecond() - ts);
        if (skew > tolerance.toSeconds()) {
            return SW_TIMESTAMP + " is " + skew + " s away from now (tolerance " + tolerance.toSeconds() + " s): stale or replayed";
        }
        byte[] expected = standard(key, id, ts, body).getBytes(StandardCharsets.US_ASCII);
        for (String candidate : signatures.trim().split("\\s+")) {
            if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII))) {
                return null;
            }
        }
        return SW_SIGNATURE + " does not match the body";
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available: " + e, e);
        }
    }
}
