package io.switchboard.routing.internal;

import static io.switchboard.routing.internal.YamlNodes.scalar;

import io.switchboard.routing.internal.YamlNodes.Invalid;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** A route's {@code from: uri}: a queue or topic on the broker with its options, a timer, or a bridge's scheme. */
final class RouteSources {

    private static final Set<String> JMS_OPTIONS = Set.of("concurrentConsumers", "durableSubscriptionName");

    private RouteSources() {
    }

    static RouteDefinition.Source parse(Node node) throws Invalid {
        String uri = scalar(node);
        UriQuery query = UriQuery.parse(uri);
        if (uri.startsWith("timer:")) {
            return timer(node, uri, query);
        }
        String scheme = uri.contains(":") ? uri.substring(0, uri.indexOf(':')) : "";
        if (!scheme.equals("jms") && scheme.matches("[a-z][a-z0-9+.\\-]*") && uri.length() > scheme.length() + 1) {
            return new RouteDefinition.Source(uri, false, scheme, 1, null, 0, 0, true); // a bridge's source
        }
        String[] p = query.path().split(":", 3);
        if (p.length != 3 || !p[0].equals("jms") || !(p[1].equals("queue") || p[1].equals("topic")) || p[2].isBlank()) {
            throw new Invalid(node, "unknown source '" + uri + "' (jms:queue:NAME, jms:topic:NAME, timer:NAME or a "
                    + "bridge's scheme:...)");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (UriQuery.Option o : query.options()) {
            if (o.value() == null || !JMS_OPTIONS.contains(o.name())) {
                throw new Invalid(node, "unknown option '" + o.text() + "' in '" + uri
                        + "' (concurrentConsumers=N, durableSubscriptionName=NAME for a topic)");
            }
            options.put(o.name(), o.value());
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

    private static RouteDefinition.Source timer(Node node, String uri, UriQuery query) throws Invalid {
        String name = query.path().substring("timer:".length());
        if (!name.matches("[A-Za-z0-9_.\\-]+")) {
            throw new Invalid(node, "timer '" + uri + "' needs a name: timer:NAME?period=1000");
        }
        long period = 1000;
        long repeat = 0;
        for (UriQuery.Option o : query.options()) {
            long v;
            try {
                v = o.value() != null ? Long.parseLong(o.value()) : -1;
            } catch (NumberFormatException e) {
                v = -1;
            }
            if (o.name().equals("period") && v >= 10) {
                period = v;
            } else if (o.name().equals("repeatCount") && v >= 0) {
                repeat = v;
            } else {
                throw new Invalid(node, "bad option '" + o.text() + "' in '" + uri
                        + "' (period=MILLISECONDS, at least 10; repeatCount=N, 0 for ever)");
            }
        }
        return new RouteDefinition.Source(uri, false, name, 1, null, period, repeat, false);
    }
}
