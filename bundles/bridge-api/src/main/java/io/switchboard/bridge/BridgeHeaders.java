package io.switchboard.bridge;

import java.util.Locale;
import java.util.Set;

/**
 * The one header convention of all bridges. Inside the platform a message's headers are JMS properties; the six that
 * every protocol knows in some form have fixed names (the dispatch wire convention's {@code SB_*}), and each bridge
 * maps them to its protocol's own (HTTP: {@code X-Switchboard-Type}, {@code Content-Type}, ...). Every other header
 * keeps its name when that name is a JMS property name, and is otherwise escaped reversibly ({@link #escape}):
 * JMS property names must be Java identifiers, and Artemis refuses {@code X-B3-TraceId} (AMQ139012).
 */
public final class BridgeHeaders {

    /** The message type, as dispatch reads it. */
    public static final String TYPE = "SB_TYPE";
    /** The operation, as dispatch reads it. */
    public static final String OPERATION = "SB_OPERATION";
    /** The sender's id for the message, the same on every send of it (dedup keys on it). */
    public static final String MESSAGE_ID = "SB_MESSAGE_ID";
    /** What the message answers or belongs to. */
    public static final String CORRELATION_ID = "SB_CORRELATION_ID";
    /** Where an answer should go, as the far side names it. */
    public static final String REPLY_TO = "SB_REPLY_TO";
    /** The body's media type; absent means {@code application/json}. */
    public static final String CONTENT_TYPE = "SB_CONTENT_TYPE";
    /** Which bridge instance took the message in ({@code http.in~github}). */
    public static final String SOURCE = "SB_BRIDGE";

    /** The HTTP names of the convention's headers. */
    public static final String HTTP_TYPE = "X-Switchboard-Type";
    public static final String HTTP_OPERATION = "X-Switchboard-Operation";
    public static final String HTTP_MESSAGE_ID = "X-Switchboard-Message-Id";
    public static final String HTTP_CORRELATION_ID = "X-Correlation-Id";
    public static final String HTTP_REPLY_TO = "X-Reply-To";

    private static final Set<String> RESERVED = Set.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE",
            "IN", "IS", "ESCAPE");

    private BridgeHeaders() {
    }

    /**
     * A header name as a JMS property name: the name itself when it is one (a Java identifier, not starting with
     * {@code JMS} or {@code __}, not a selector keyword); otherwise {@code __} and the name encoded, where letters and
     * digits stay, {@code _} becomes {@code __}, {@code -} {@code _h}, {@code .} {@code _d} and any other character
     * {@code _u} with its four hex digits. {@code X-B3-TraceId} becomes {@code __X_hB3_hTraceId}; {@link #unescape}
     * gives every name back.
     *
     * @throws IllegalArgumentException when the name is null or empty
     */
    public static String escape(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a header name must not be empty");
        }
        if (isPropertyName(name) && !name.startsWith("__")) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length() + 8).append("__");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 128 && Character.isLetterOrDigit(c)) {
                out.append(c);
            } else if (c == '_') {
                out.append("__");
            } else if (c == '-') {
                out.append("_h");
            } else if (c == '.') {
                out.append("_d");
            } else {
                out.append("_u").append(String.format("%04x", (int) c));
            }
        }
        return out.toString();
    }

    /**
     * The header name a property name stands for: the inverse of {@link #escape}. A property that does not start with
     * {@code __} (a header that needed no escape, a property a route set) is its own header name, as is one that is not
     * a well-formed escape.
     */
    public static String unescape(String property) {
        if (property == null || !property.startsWith("__") || property.length() == 2) {
            return property;
        }
        StringBuilder out = new StringBuilder(property.length());
        for (int i = 2; i < property.length(); i++) {
            char c = property.charAt(i);
            if (c != '_') {
                out.append(c);
                continue;
            }
            char n = i + 1 < property.length() ? property.charAt(i + 1) : 0;
            if (n == '_') {
                out.append('_');
                i++;
            } else if (n == 'h') {
                out.append('-');
                i++;
            } else if (n == 'd') {
                out.append('.');
                i++;
            } else if (n == 'u' && hex(property, i + 2)) {
                out.append((char) Integer.parseInt(property.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                return property; // not an escaped name
            }
        }
        return out.toString();
    }

    private static boolean hex(String s, int from) {
        if (from + 4 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 4; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code name} can be a JMS property name as it is. */
    public static boolean isPropertyName(String name) {
        if (name == null || name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))
                || name.startsWith("JMS") || RESERVED.contains(name.toUpperCase(Locale.ROOT))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
