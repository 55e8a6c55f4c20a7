package io.switchboard.delivery.internal.sinks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which of a message's headers go out on an HTTP request, and whether HTTP can carry a header value. A message is
 * data from whoever sent it; the endpoint's configuration is the operator's: a message never sets what the
 * configuration sets, nor the headers that carry credentials, steer the connection or that the sink sets itself.
 */
final class MessageHeaders {

    /** Headers a message never sets (lower case). */
    static final Set<String> RESERVED = Set.of(
            // credentials and sessions: the endpoint's configuration says who the platform is
            "authorization", "proxy-authorization", "cookie", "set-cookie",
            // hop-by-hop and framing: the client owns the connection
            "host", "content-length", "transfer-encoding", "connection", "keep-alive", "proxy-connection", "upgrade",
            "te", "trailer", "expect",
            // where a request came from: proxies add these, a message does not forge them
            "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip",
            // what the sink sets itself
            "content-type", "idempotency-key", "x-switchboard-message-id", "x-switchboard-type",
            "x-switchboard-operation");

    /** Headers Java's HTTP client sets itself and refuses to take, from the configuration either. */
    private static final Set<String> CLIENT_SETS = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "content-type");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    private MessageHeaders() {
    }

    /**
     * The message headers the request carries: not reserved (case-insensitively), with names HTTP allows (others,
     * such as broker properties, are left out). The configured headers are set after these and replace them.
     *
     * @throws IllegalArgumentException naming the first header whose value HTTP cannot carry
     */
    static Map<String, String> sendable(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (isToken(name) && !RESERVED.contains(lower)) {
                out.put(name, value("header " + name, value));
            }
        });
        return out;
    }

    /** The value, checked. @throws IllegalArgumentException naming {@code what} when HTTP cannot carry it */
    static String value(String what, String value) {
        if (!isValue(value)) {
            throw new IllegalArgumentException(what + ": its value has a line break or another character an HTTP "
                    + "header cannot carry; not sent (the message is refused, the endpoint is not at fault)");
        }
        return value;
    }

    static boolean isToken(String name) {
        return name != null && TOKEN.matcher(name).matches();
    }

    /** Visible Latin-1 characters, spaces and tabs: what a header value may hold (RFC 9110 field-value). */
    static boolean isValue(String value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && (c < 0x20 || c == 0x7F || c > 0xFF)) {
                return false;
            }
        }
        return true;
    }

    static boolean clientSets(String name) {
        return CLIENT_SETS.contains(name.toLowerCase(Locale.ROOT));
    }
}
