package io.switchboard.bridge.http.internal;

import io.switchboard.kernel.api.Durations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One webhook's configuration, checked: every refusal names the field.
 *
 * @param instance the instance's name
 * @param path served at {@code /hooks/<path>}
 * @param to the target URI its route sends to, or null when route files take it ({@code from: hook:<instance>})
 * @param auth who may call
 * @param secret the signing key bytes (hmac-sha256: the secret's UTF-8; standard-webhooks: the decoded key)
 * @param tolerance Standard Webhooks' timestamp tolerance
 * @param maxBytes the largest body
 * @param deliveryIdHeader the delivery id's header, or null for the usual ones
 * @param dedupFor how long delivery ids are remembered
 * @param contentTypes the media types taken (lower case, no parameters); empty: any
 * @param replyType the dispatch type to wait for a reply from, or null
 * @param replyOperation its operation, or null
 * @param replyTimeout how long to wait for a reply (zero: no waiting)
 * @param roles who may call with platform logins
 * @param required whether the platform waits for it to be ready
 */
record HookSettings(String instance, String path, String to, Auth auth, byte[] secret, Duration tolerance,
        long maxBytes, String deliveryIdHeader, Duration dedupFor, Set<String> contentTypes, String replyType,
        String replyOperation, Duration replyTimeout, Set<String> roles, boolean required) {

    /** Who may call a webhook. */
    enum Auth {
        PLATFORM, HMAC_SHA256, STANDARD_WEBHOOKS, NONE;

        static Auth of(String value) {
            for (Auth a : values()) {
                if (a.name().replace('_', '-').equalsIgnoreCase(value.trim())) {
                    return a;
                }
            }
            throw new IllegalArgumentException("auth = '" + value
                    + "' is not one of platform, hmac-sha256, standard-webhooks, none");
        }
    }

    static final Pattern PATH = Pattern.compile("[A-Za-z0-9._\\-]+(/[A-Za-z0-9._\\-]+)*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Pattern TARGET = Pattern.compile("[a-z][a-z0-9+.\\-]*:\\S+");
    /** The usual delivery id headers: GitHub's, Standard Webhooks', and the IETF draft's. */
    static final List<String> DELIVERY_ID_HEADERS = List.of("X-GitHub-Delivery", "webhook-id", "Idempotency-Key");

    /** @throws IllegalArgumentException naming the field that does not check out */
    static HookSettings of(String instance, HookConfiguration c) {
        String path = trim(c.path());
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path is required: the webhook is served at /hooks/<path>");
        }
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.isEmpty() || !PATH.matcher(path).matches() || path.contains("..")) {
            throw new IllegalArgumentException("path = '" + c.path() + "' must be segments of letters, digits, "
                    + "'.', '_' and '-' separated by '/' (served at /hooks/<path>)");
        }
        String type = trim(c.type());
        String operation = trim(c.operation());
        String to = trim(c.to());
        if (!type.isEmpty() && !to.isEmpty()) {
            throw new IllegalArgumentException("to and type are both set: give one (type = T is to = dispatch:T)");
        }
        if (!type.isEmpty()) {
            if (!NAME.matcher(type).matches() || !(operation.isEmpty() || NAME.matcher(operation).matches())) {
                throw new IllegalArgumentException("type = '" + type + "' / operation = '" + operation
                        + "' must be letters, digits, '.', '_' and '-'");
            }
            to = "dispatch:" + type + (operation.isEmpty() ? "" : "#" + operation);
        } else if (!operation.isEmpty()) {
            throw new IllegalArgumentException("operation = '" + operation + "' needs a type");
        }
        if (!to.isEmpty() && !TARGET.matcher(to).matches()) {
            throw new IllegalArgumentException("to = '" + to + "' is not a target URI (jms:queue:NAME, jms:topic:NAME, "
                    + "deliver:ENDPOINT, dispatch:TYPE[#OPERATION] or a bridge's scheme:...)");
        }
        Auth auth = Auth.of(trim(c.auth()).isEmpty() ? "platform" : c.auth());
        String secret = c.secret() == null ? "" : c.secret();
        byte[] key = null;
        if (auth == Auth.HMAC_SHA256 || auth == Auth.STANDARD_WEBHOOKS) {
            if (secret.isBlank()) {
                throw new IllegalArgumentException("secret is required with auth = " + c.auth().trim());
            }
            if (auth == Auth.HMAC_SHA256) {
                key = secret.getBytes(StandardCharsets.UTF_8);
            } else {
                try {
                    key = Signatures.standardKey(secret.trim());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("secret must be whsec_ followed by base64 with auth = "
                            + "standard-webhooks");
                }
            }
        }
        if (c.maxBytes() < 1 || c.maxBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBytes = " + c.maxBytes() + " must be 1 to " + (Integer.MAX_VALUE - 8));
        }
        Duration replyTimeout = Durations.parse("replyTimeout", c.replyTimeout());
        if (!replyTimeout.isZero() && type.isEmpty()) {
            throw new IllegalArgumentException("replyTimeout = " + c.replyTimeout() + " needs a dispatch type (type = ...)");
        }
        String idHeader = trim(c.deliveryIdHeader());
        return new HookSettings(instance, path, to.isEmpty() ? null : to, auth, key,
                Durations.parse("tolerance", c.tolerance()), c.maxBytes(), idHeader.isEmpty() ? null : idHeader,
                Durations.parse("dedupFor", c.dedupFor()), mediaTypes(c.contentTypes()), type.isEmpty() ? null : type,
                operation.isEmpty() ? null : operation, replyTimeout, Set.of(c.roles()), c.required());
    }

    /** The media type of a Content-Type value: lower case, without parameters. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    private static Set<String> mediaTypes(String[] values) {
        return java.util.Arrays.stream(values == null ? new String[0] : values).flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(HookSettings::mediaType).filter(s -> !s.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
