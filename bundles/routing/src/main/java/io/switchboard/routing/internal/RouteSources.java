package io.switchboard.routing.internal;

import static io.switchboard.routing.internal.YamlNodes.scalar;

import io.switchboard.routing.internal.YamlNodes.Invalid;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** A route's {@code from: uri}: a queue or topic on the broker with its options, a timer, or a bridge's scheme. */
final class RouteSources {

    private RouteSources() {
    }

    static RouteDefinition.Source parse(Node node) throws Invalid {
        String uri = scalar(node);
        String[] parts = uri.split("\\?", 2);
        if (uri.startsWith("timer:")) {
            return timer(node, uri, parts);
        }
        String scheme = uri.contains(":") ? uri.substring(0, uri.indexOf(':')) : "";
        if (!scheme.equals("jms") && scheme.matches("[a-z][a-z0-9+.\\-]*") && uri.length() > scheme.length() + 1) {
            return new RouteDefinition.Source(uri, false, scheme, 1, null, 0, 0, true); // a bridge's source
        }
        String[] p = parts[0].split(":", 3);
        if (p.length != 3 || !p[0].equals("jms") || !(p[1].equals("queue") || p[1].equals("topic")) || p[2].isBlank()) {
            throw new Invalid(node, "unknown source '" + uri + "' (jms:queue:NAME, jms:topic:NAME, timer:NAME or a "
                    + "bridge's scheme:...)");
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (parts.length == 2) {
            for (String kv : parts[1].split("&")) {
                String[] o = kv.split("=", 2);
                if (o.length != 2 || !Set.of("concurrentConsumers", "durableSubscriptionName").contains(o[0])) {
                    throw new Invalid(node, "unknown option '" + kv + "' in '" + uri
                            + "' (concurrentConsumers=N, durableSubscriptionName=NAME for a topic)");
                }
                options.put(o[0], o[1]);
            }
        }
        int consumers;
        try {
            consumers = Integer.parseInt(options.getOrDefault("concurrentConsumers", "1"));
        } catch (NumberFormatException e) {
            consumers = -1;
        }
        if (consumers < 1 || consumers > 64) {
            throw new Invalid(node, "concurrentConsumers in '" + uri + "' must be 1 to 64");
        }
        boolean topic = p[1].equals("topic");
        String durable = options.get("durableSubscriptionName");
        if (durable != null && !topic) {
            throw new Invalid(node, "durableSubscriptionName is for topics, not '" + uri + "'");
        }
        return new RouteDefinition.Source(uri, topic, p[2], topic && durable == null ? 1 : consumers, durable, 0, 0,
                false);
    }

    private static RouteDefinition.Source timer(Node node, String uri, String[] parts) throws Invalid {
        String name = parts[0].substring("timer:".length());
        if (!name.matches("[A-Za-z0-9_.\\-]+")) {
            throw new Invalid(node, "timer '" + uri + "' needs a name: timer:NAME?period=1000");
        }
        long period = 1000;
        long repeat = 0;
        if (parts.length == 2) {
            for (String kv : parts[1].split("&")) {
                String[] o = kv.split("=", 2);
                long v;
                try {
                    v = o.length == 2 ? Long.parseLong(o[1]) : -1;
                } catch (NumberFormatException e) {
                    v = -1;
                }
                if (o[0].equals("period") && v >= 10) {
                    period = v;
                } else if (o[0].equals("repeatCount") && v >= 0) {
                    repeat = v;
                } else {
                    throw new Invalid(node, "bad option '" + kv + "' in '" + uri
                            + "' (period=MILLISECONDS, at least 10; repeatCount=N, 0 for ever)");
                }
            }
        }
        return new RouteDefinition.Source(uri, false, name, 1, null, period, repeat, false);
    }
}
