package io.switchboard.routing.internal;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a {@code to} sends. On the platform's broker, inside the route's transaction: {@code jms:queue:NAME},
 * {@code jms:topic:NAME}, {@code deliver:ENDPOINT} (guaranteed delivery through the delivery store: the queue
 * {@code switchboard.deliver.ENDPOINT}) and {@code dispatch:TYPE[#OPERATION]} (the dispatcher, one way: the queue
 * {@code switchboard.dispatch} with {@code SB_TYPE} and {@code SB_OPERATION}, the wire convention). Any other
 * {@code scheme:...} is a bridge's target ({@link io.switchboard.routing.RouteTarget}).
 *
 * @param uri as the file has it
 * @param kind what it is
 * @param name the JMS destination name (broker kinds) or the scheme (bridge)
 * @param properties message properties the destination's convention needs (dispatch)
 */
record Target(String uri, Kind kind, String name, Map<String, String> properties) {

    enum Kind { QUEUE, TOPIC, BRIDGE }

    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.\\-]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final String FORMS = "jms:queue:NAME, jms:topic:NAME, deliver:ENDPOINT, dispatch:TYPE[#OPERATION] "
            + "or a bridge's scheme:...";

    boolean topic() {
        return kind == Kind.TOPIC;
    }

    /** Parses a target URI; the message names the forms there are. */
    static Target parse(String uri) {
        int colon = uri.indexOf(':');
        String scheme = colon < 1 ? "" : uri.substring(0, colon);
        String rest = colon < 1 ? "" : uri.substring(colon + 1);
        switch (scheme) {
            case "jms" -> {
                String[] p = rest.split(":", 2);
                if (p.length == 2 && (p[0].equals("queue") || p[0].equals("topic")) && NAME.matcher(p[1]).matches()) {
                    return new Target(uri, p[0].equals("topic") ? Kind.TOPIC : Kind.QUEUE, p[1], Map.of());
                }
            }
            case "deliver" -> {
                if (NAME.matcher(rest).matches()) {
                    return new Target(uri, Kind.QUEUE, "switchboard.deliver." + rest, Map.of());
                }
            }
            case "dispatch" -> {
                String[] p = rest.split("#", 2);
                if (NAME.matcher(p[0]).matches() && (p.length == 1 || NAME.matcher(p[1]).matches())) {
                    return new Target(uri, Kind.QUEUE, "switchboard.dispatch", p.length == 1
                            ? Map.of("SB_TYPE", p[0]) : Map.of("SB_TYPE", p[0], "SB_OPERATION", p[1]));
                }
            }
            default -> {
                if (SCHEME.matcher(scheme).matches() && !rest.isBlank()) {
                    return new Target(uri, Kind.BRIDGE, scheme, Map.of());
                }
            }
        }
        throw new IllegalArgumentException("unknown target '" + uri + "' (" + FORMS + ")");
    }
}
