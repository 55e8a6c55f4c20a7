package io.switchboard.bridge.exec.internal;

import io.switchboard.bridge.BridgeHeaders;
import io.switchboard.dispatch.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The environment a program runs in: nothing of the platform's own (which holds its passwords) but {@code PATH},
 * {@code HOME}, {@code LANG} and the names the configuration allows; then the message's type, operation, ids and
 * content type as {@code SB_*} variables, and each of its headers as {@code SB_HEADER_<NAME>} (upper case, every
 * character other than a letter or digit an underscore: {@code X-Request-Id} → {@code SB_HEADER_X_REQUEST_ID}).
 */
final class Environment {

    static final List<String> ALWAYS = List.of("PATH", "HOME", "LANG");
    static final String HEADER_PREFIX = "SB_HEADER_";

    private final Map<String, String> base;

    /**
     * @param platform the platform's environment
     * @param allowed further names passed from it
     */
    Environment(Map<String, String> platform, List<String> allowed) {
        Map<String, String> b = new LinkedHashMap<>();
        for (List<String> names : List.of(ALWAYS, allowed)) {
            for (String name : names) {
                String value = platform.get(name);
                if (value != null) {
                    b.put(name, value);
                }
            }
        }
        this.base = Map.copyOf(b);
    }

    /** The platform's {@code PATH}, where program names are looked up. */
    String path() {
        return base.get("PATH");
    }

    /** The variables for one message's run. */
    Map<String, String> of(Message message) {
        Map<String, String> env = new LinkedHashMap<>(base);
        message.headers().forEach((name, value) -> env.put(headerVariable(BridgeHeaders.unescape(name)), value));
        put(env, BridgeHeaders.TYPE, message.type());
        put(env, BridgeHeaders.OPERATION, message.operation());
        put(env, BridgeHeaders.MESSAGE_ID, message.id());
        put(env, BridgeHeaders.CORRELATION_ID, message.correlationId());
        put(env, BridgeHeaders.CONTENT_TYPE, message.contentType());
        return env;
    }

    static String headerVariable(String header) {
        StringBuilder b = new StringBuilder(HEADER_PREFIX.length() + header.length()).append(HEADER_PREFIX);
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            b.append(c < 128 && Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }

    private static void put(Map<String, String> env, String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
    }
}
