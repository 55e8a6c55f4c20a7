package io.switchboard.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A route built in Java, the same route a route file would hold: the builder writes the structure of the file's
 * {@code - route:} entry, and the platform reads it with the same rules.
 *
 * <pre>{@code
 * RouteSpec.route("orders")
 *     .from("jms:queue:orders.in")
 *     .steps(s -> s
 *         .setHeader("country", "jsonpath", "$.country")
 *         .choice(c -> c
 *             .when("selector", "country = 'DE'", w -> w.to("jms:queue:orders.de"))
 *             .otherwise(o -> o.to("jms:queue:orders.other"))))
 *     .build();
 * }</pre>
 */
public final class RouteSpec {

    private final Map<String, Object> route;

    private RouteSpec(Map<String, Object> route) {
        this.route = route;
    }

    public static Builder route(String id) {
        return new Builder(id);
    }

    public String id() {
        return (String) route.get("id");
    }

    /** The route as a route file's {@code route:} entry (maps, lists and strings). */
    public Map<String, Object> asMap() {
        return route;
    }

    /** Builds a {@link RouteSpec}. */
    public static final class Builder {
        private final Map<String, Object> route = new LinkedHashMap<>();
        private final Map<String, Object> from = new LinkedHashMap<>();

        private Builder(String id) {
            route.put("id", id);
        }

        /** The source URI, e.g. {@code jms:queue:orders.in?concurrentConsumers=2}. */
        public Builder from(String uri) {
            from.put("uri", uri);
            return this;
        }

        /** Where messages that cannot pass go, and how often a failing one is tried again first. */
        public Builder deadLetter(String uri, int maximumRedeliveries) {
            route.put("errorHandler", Map.of("deadLetterChannel", Map.of("deadLetterUri", uri,
                    "redeliveryPolicy", Map.of("maximumRedeliveries", String.valueOf(maximumRedeliveries)))));
            return this;
        }

        public Builder steps(Consumer<Steps> steps) {
            Steps s = new Steps();
            steps.accept(s);
            from.put("steps", s.list);
            return this;
        }

        public RouteSpec build() {
            route.put("from", from);
            return new RouteSpec(route);
        }
    }

    /** A list of steps, in order. */
    public static final class Steps {
        private final List<Object> list = new ArrayList<>();

        /** A step of any kind the route files know, with its settings as the file would have them. */
        public Steps step(String kind, Object settings) {
            list.add(Map.of(kind, settings));
            return this;
        }

        /** {@code to}: one target, or several (multicast). */
        public Steps to(String... uris) {
            return step("to", uris.length == 1 ? uris[0] : List.of(uris));
        }

        public Steps filter(String language, String expression, Consumer<Steps> then) {
            return step("filter", Map.of(language, expression, "steps", nested(then)));
        }

        public Steps setHeader(String name, String language, String expression) {
            return step("setHeader", Map.of("name", name, language, expression));
        }

        public Steps setBody(String language, String expression) {
            return step("setBody", Map.of(language, expression));
        }

        public Steps split(String language, String expression, Consumer<Steps> each) {
            return step("split", Map.of(language, expression, "steps", nested(each)));
        }

        public Steps wireTap(String uri) {
            return step("wireTap", Map.of("uri", uri));
        }

        public Steps choice(Consumer<Choice> choice) {
            Choice c = new Choice();
            choice.accept(c);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("when", c.whens);
            if (c.otherwise != null) {
                m.put("otherwise", Map.of("steps", c.otherwise));
            }
            return step("choice", m);
        }

        private static List<Object> nested(Consumer<Steps> steps) {
            Steps s = new Steps();
            steps.accept(s);
            return s.list;
        }
    }

    /** The branches of a {@code choice}. */
    public static final class Choice {
        private final List<Object> whens = new ArrayList<>();
        private List<Object> otherwise;

        public Choice when(String language, String expression, Consumer<Steps> then) {
            whens.add(Map.of(language, expression, "steps", Steps.nested(then)));
            return this;
        }

        public Choice otherwise(Consumer<Steps> then) {
            otherwise = Steps.nested(then);
            return this;
        }
    }
}
