package io.switchboard.routing.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a route file: YAML shaped as Camel's YAML DSL ({@code - route: {id, from: {uri, steps}}}, with
 * {@code filter}, {@code choice}/{@code when}/{@code otherwise}, {@code setHeader} and {@code to}). SnakeYAML parses;
 * this class walks its node tree, so every error names {@code file:line:column} and what is wrong there.
 */
final class RouteParser {

    static final Set<String> STEPS = Set.of("aggregate", "choice", "delay", "enrich", "filter", "idempotentConsumer",
            "jsonToXml",
            "recipientList", "setBody", "setHeader", "split", "throttle", "to", "transform", "validate", "wireTap",
            "xmlToJson");
    private static final Set<String> VALUES = Set.of("constant", "header", "jsonpath", "xpath", "template");

    /** A route file that cannot be deployed: the message says where and why. */
    static final class InvalidRouteFile extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidRouteFile(String message) {
            super(message);
        }
    }

    private final String file;
    /** Where relative paths in the file (schemas) start: the route file's folder. */
    private final Path baseDir;
    /** The id of the route being read. */
    private String routeId;
    /** The bridge schemes of the route being read. */
    private final java.util.Set<String> bridgeSchemes = new java.util.HashSet<>();

    private RouteParser(String file, Path baseDir) {
        this.file = file;
        this.baseDir = baseDir;
    }

    /** The routes of {@code path}; {@code name} is how errors name the file (e.g. {@code deploy/x.route.yaml}). */
    static List<RouteDefinition> parse(Path path, String name) throws InvalidRouteFile {
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(r, name, path.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new InvalidRouteFile(name + ": cannot be read: " + e.getMessage());
        }
    }

    static List<RouteDefinition> parse(Reader reader, String name) throws InvalidRouteFile {
        return parse(reader, name, Path.of("").toAbsolutePath());
    }

    static List<RouteDefinition> parse(Reader reader, String name, Path baseDir) throws InvalidRouteFile {
        RouteParser p = new RouteParser(name, baseDir);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(YamlLimits.loaderOptions())).compose(reader);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw new InvalidRouteFile(name + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1)
                    + ": not YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new InvalidRouteFile(name + ": not YAML: " + e.getMessage());
        } catch (StackOverflowError e) {
            throw new InvalidRouteFile(name + ": not read: nested too deeply");
        }
        if (root == null) {
            throw new InvalidRouteFile(name + ":1:1: the file is empty (expected a list of '- route:' entries)");
        }
        try {
            YamlLimits.check(root);
            return p.routes(root);
        } catch (YamlLimits.Refused e) {
            throw invalid(name, e.at, e.getMessage());
        } catch (Invalid e) {
            throw invalid(name, e.node, e.getMessage());
        } catch (StackOverflowError e) {
            // the tree is bounded above; this is the last line of defence, never a thread's end
            throw new InvalidRouteFile(name + ": not read: its steps are nested too deeply");
        }
    }

    private static InvalidRouteFile invalid(String name, Node at, String message) {
        return new InvalidRouteFile(name + ":" + (at.getStartMark().getLine() + 1) + ":"
                + (at.getStartMark().getColumn() + 1) + ": " + message);
    }

    /** An error at a node of the file. */
    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Node node;

        Invalid(Node node, String message) {
            super(message, null, false, false);
            this.node = node;
        }
    }

    private List<RouteDefinition> routes(Node root) throws Invalid {
        if (!(root instanceof SequenceNode list)) {
            throw new Invalid(root, "expected a list of '- route:' entries");
        }
        List<RouteDefinition> routes = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (Node item : list.getValue()) {
            Map<String, NodeTuple> entry = mapping(item, Set.of("route"));
            NodeTuple route = entry.get("route");
            if (route == null) {
                throw new Invalid(item, "expected 'route:'");
            }
            RouteDefinition r = route(route.getValueNode());
            if (!ids.add(r.id())) {
                throw new Invalid(route.getValueNode(), "route id '" + r.id() + "' appears twice in this file");
            }
            routes.add(r);
        }
        if (routes.isEmpty()) {
            throw new Invalid(root, "no routes in the file");
        }
        return routes;
    }

    private RouteDefinition route(Node node) throws Invalid {
        Map<String, NodeTuple> m = mapping(node, Set.of("id", "from", "errorHandler", "description"));
        String id = scalar(required(m, "id", node));
        routeId = id;
        if (!id.matches("[A-Za-z0-9_.\\-]{1,100}")) {
            throw new Invalid(m.get("id").getValueNode(), "route id '" + id + "' must be letters, digits, '.', '_' or '-'");
        }
        Node fromNode = required(m, "from", node);
        Map<String, NodeTuple> from = mapping(fromNode, Set.of("uri", "steps"));
        Node uriNode = required(from, "uri", fromNode);
        RouteDefinition.Source source = source(uriNode);
        Pipeline pipeline = pipeline(from.get("steps") == null ? null : from.get("steps").getValueNode(), "", fromNode);
        RouteDefinition.Redelivery redelivery = RouteDefinition.Redelivery.DEFAULT;
        Target deadLetter = Target.parse("jms:queue:DLQ");
        if (m.containsKey("errorHandler")) {
            Node eh = m.get("errorHandler").getValueNode();
            Node dlcNode = required(mapping(eh, Set.of("deadLetterChannel")), "deadLetterChannel", eh);
            Map<String, NodeTuple> dlc = mapping(dlcNode, Set.of("deadLetterUri", "redeliveryPolicy"));
            if (dlc.containsKey("deadLetterUri")) {
                Node dn = dlc.get("deadLetterUri").getValueNode();
                deadLetter = target(dn);
                if (deadLetter.kind() == Target.Kind.BRIDGE) {
                    throw new Invalid(dn, "deadLetterUri must be on the broker (jms:queue:NAME, jms:topic:NAME or "
                            + "deliver:ENDPOINT), not '" + deadLetter.uri() + "'");
                }
            }
            if (dlc.containsKey("redeliveryPolicy")) {
                Node rp = dlc.get("redeliveryPolicy").getValueNode();
                Map<String, NodeTuple> policy = mapping(rp, Set.of("maximumRedeliveries", "redeliveryDelay",
                        "backOffMultiplier", "maximumRedeliveryDelay"));
                RouteDefinition.Redelivery d = RouteDefinition.Redelivery.DEFAULT;
                int max = policy.containsKey("maximumRedeliveries")
                        ? integer(policy.get("maximumRedeliveries").getValueNode(), 0, 1000) : d.maximumRedeliveries();
                long delay = policy.containsKey("redeliveryDelay")
                        ? integer(policy.get("redeliveryDelay").getValueNode(), 0, 86_400_000) : d.redeliveryDelay();
                double multiplier = d.backOffMultiplier();
                if (policy.containsKey("backOffMultiplier")) {
                    Node mn = policy.get("backOffMultiplier").getValueNode();
                    try {
                        multiplier = Double.parseDouble(scalar(mn));
                    } catch (NumberFormatException e) {
                        multiplier = -1;
                    }
                    if (!(multiplier >= 1 && multiplier <= 100)) {
                        throw new Invalid(mn, "backOffMultiplier must be a number from 1 to 100");
                    }
                }
                long maxDelay = policy.containsKey("maximumRedeliveryDelay")
                        ? integer(policy.get("maximumRedeliveryDelay").getValueNode(), 0, 86_400_000)
                        : Math.max(delay, d.maximumRedeliveryDelay());
                redelivery = new RouteDefinition.Redelivery(max, delay, multiplier, maxDelay);
            }
        }
        java.util.SortedSet<String> schemes = new java.util.TreeSet<>(bridgeSchemes);
        bridgeSchemes.clear();
        return new RouteDefinition(id, source, pipeline, redelivery, deadLetter, node.getStartMark().getLine() + 1,
                schemes);
    }

    private RouteDefinition.Source source(Node node) throws Invalid {
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

    private RouteDefinition.Source timer(Node node, String uri, String[] parts) throws Invalid {
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

    private Pipeline pipeline(Node node, String prefix, Node parent) throws Invalid {
        if (node == null) {
            throw new Invalid(parent, "'steps' is missing: a route needs at least one step");
        }
        if (!(node instanceof SequenceNode list) || list.getValue().isEmpty()) {
            throw new Invalid(node, "'steps' must be a non-empty list of steps");
        }
        List<Pipeline.Counted> steps = new ArrayList<>();
        int i = 0;
        for (Node item : list.getValue()) {
            i++;
            steps.add(step(item, prefix + i));
        }
        return new Pipeline(steps);
    }

    private Pipeline.Counted step(Node node, String path) throws Invalid {
        if (!(node instanceof MappingNode m) || m.getValue().size() != 1) {
            throw new Invalid(node, "a step is one of " + new java.util.TreeSet<>(STEPS) + " with its settings");
        }
        NodeTuple t = m.getValue().get(0);
        String kind = scalar(t.getKeyNode());
        Node v = t.getValueNode();
        return switch (kind) {
            case "to" -> {
                List<Target> targets = new ArrayList<>();
                if (v instanceof SequenceNode many) {
                    for (Node n : many.getValue()) {
                        targets.add(target(n));
                    }
                } else if (v instanceof MappingNode) {
                    targets.add(target(required(mapping(v, Set.of("uri")), "uri", v)));
                } else {
                    targets.add(target(v));
                }
                yield new Pipeline.Counted(path, kind, String.join(", ", targets.stream().map(Target::uri).toList()),
                        new Steps.To(targets));
            }
            case "filter" -> {
                Map<String, NodeTuple> f = mapping(v, with(Expressions.LANGUAGES, "steps"));
                Expression e = predicate(f, v);
                Pipeline then = pipeline(f.get("steps") == null ? null : f.get("steps").getValueNode(), path + ".", v);
                String selector = f.containsKey("selector") ? scalar(f.get("selector").getValueNode()) : null;
                yield new Pipeline.Counted(path, kind, e.text, new Steps.Filter(e.predicate, selector, then));
            }
            case "choice" -> {
                Map<String, NodeTuple> c = mapping(v, Set.of("when", "otherwise"));
                Node whensNode = required(c, "when", v);
                if (!(whensNode instanceof SequenceNode whens) || whens.getValue().isEmpty()) {
                    throw new Invalid(whensNode, "'when' must be a non-empty list");
                }
                List<Steps.When> list = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                int w = 0;
                for (Node wn : whens.getValue()) {
                    Map<String, NodeTuple> wm = mapping(wn, with(Expressions.LANGUAGES, "steps"));
                    Expression e = predicate(wm, wn);
                    texts.add(e.text);
                    list.add(new Steps.When(e.predicate, pipeline(wm.get("steps") == null ? null
                            : wm.get("steps").getValueNode(), path + ".when" + w + ".", wn)));
                    w++;
                }
                Pipeline otherwise = null;
                if (c.containsKey("otherwise")) {
                    Node on = c.get("otherwise").getValueNode();
                    Map<String, NodeTuple> om = mapping(on, Set.of("steps"));
                    otherwise = pipeline(om.get("steps") == null ? null : om.get("steps").getValueNode(),
                            path + ".otherwise.", on);
                }
                yield new Pipeline.Counted(path, kind, String.join(" | ", texts), new Steps.Choice(list, otherwise));
            }
            case "setHeader" -> {
                Map<String, NodeTuple> h = mapping(v, Set.of("name", "constant", "header", "jsonpath", "xpath",
                        "template"));
                String name = scalar(required(h, "name", v));
                List<String> languages = h.keySet().stream().filter(k -> !k.equals("name")).toList();
                if (languages.size() != 1) {
                    throw new Invalid(v, "setHeader needs 'name' and one of constant, header, jsonpath, xpath, template");
                }
                String language = languages.get(0);
                Node exprNode = h.get(language).getValueNode();
                Function<Exchange, Object> value;
                try {
                    value = Expressions.value(language, scalar(exprNode));
                } catch (IllegalArgumentException e) {
                    throw new Invalid(exprNode, e.getMessage());
                }
                yield new Pipeline.Counted(path, kind, name + " = " + language + " " + scalar(exprNode),
                        new Steps.SetHeader(name, value));
            }
            case "wireTap" -> {
                Target target = target(required(mapping(v, Set.of("uri")), "uri", v));
                yield new Pipeline.Counted(path, kind, target.uri(), new Steps.WireTap(target));
            }
            case "recipientList" -> {
                Map<String, NodeTuple> r = mapping(v, with(List.copyOf(VALUES), "delimiter"));
                Value e = value(r, v, VALUES);
                String delimiter = r.containsKey("delimiter") ? scalar(r.get("delimiter").getValueNode()) : ",";
                yield new Pipeline.Counted(path, kind, e.text, new Steps.RecipientList(e.function, delimiter));
            }
            case "setBody", "transform" -> {
                Value e = value(mapping(v, VALUES), v, VALUES);
                yield new Pipeline.Counted(path, kind, e.text, new Steps.SetBody(e.function));
            }
            case "split" -> {
                Map<String, NodeTuple> sp = mapping(v, Set.of("jsonpath", "xpath", "tokenize", "steps"));
                List<String> found = sp.keySet().stream().filter(k -> !k.equals("steps")).toList();
                if (found.size() != 1) {
                    throw new Invalid(v, "split needs one of jsonpath, xpath, tokenize, and steps");
                }
                Node en = sp.get(found.get(0)).getValueNode();
                Function<Exchange, List<Exchange>> parts;
                try {
                    parts = Expressions.parts(found.get(0), scalar(en));
                } catch (IllegalArgumentException e) {
                    throw new Invalid(en, e.getMessage());
                }
                Pipeline each = pipeline(sp.get("steps") == null ? null : sp.get("steps").getValueNode(), path + ".",
                        v);
                yield new Pipeline.Counted(path, kind, found.get(0) + " " + scalar(en), new Steps.Split(parts, each));
            }
            case "aggregate" -> {
                Map<String, NodeTuple> ag = mapping(v, Set.of("correlationExpression", "completionSize",
                        "completionTimeout", "completionPredicate", "aggregationStrategy", "steps"));
                Node cn = required(ag, "correlationExpression", v);
                Value key = value(mapping(cn, Set.of("header", "jsonpath", "xpath")), cn,
                        Set.of("header", "jsonpath", "xpath"));
                int size = ag.containsKey("completionSize")
                        ? integer(ag.get("completionSize").getValueNode(), 1, 1_000_000) : 0;
                long timeout = ag.containsKey("completionTimeout")
                        ? integer(ag.get("completionTimeout").getValueNode(), 10, 86_400_000) : 0;
                Expression done = null;
                if (ag.containsKey("completionPredicate")) {
                    Node pn = ag.get("completionPredicate").getValueNode();
                    done = predicate(mapping(pn, Set.copyOf(Expressions.LANGUAGES)), pn);
                }
                if (size == 0 && timeout == 0 && done == null) {
                    throw new Invalid(v, "aggregate needs completionSize, completionTimeout or completionPredicate");
                }
                String strategy = ag.containsKey("aggregationStrategy")
                        ? scalar(ag.get("aggregationStrategy").getValueNode()) : "jsonArray";
                if (!strategy.equals("jsonArray") && !strategy.equals("lines")) {
                    throw new Invalid(ag.get("aggregationStrategy").getValueNode(),
                            "aggregationStrategy is jsonArray (a JSON array of the bodies) or lines");
                }
                Pipeline then = pipeline(ag.get("steps") == null ? null : ag.get("steps").getValueNode(), path + ".",
                        v);
                yield new Pipeline.Counted(path, kind, "by " + key.text + (size > 0 ? ", " + size + " messages" : "")
                        + (timeout > 0 ? ", " + timeout + " ms" : "") + (done == null ? "" : ", until " + done.text),
                        new Aggregator(routeId, path, key.function, size, timeout, done == null ? null : done.predicate,
                                strategy.equals("jsonArray"), then));
            }
            case "enrich" -> {
                Map<String, NodeTuple> en = mapping(v, Set.of("uri", "timeout", "header"));
                Node un = required(en, "uri", v);
                Target target = target(un);
                if (target.kind() == Target.Kind.BRIDGE) {
                    throw new Invalid(un, "enrich asks the broker: dispatch:TYPE#OPERATION, jms:queue:NAME or "
                            + "jms:topic:NAME, not '" + target.uri() + "'");
                }
                long timeout = en.containsKey("timeout") ? integer(en.get("timeout").getValueNode(), 1, 3_600_000)
                        : 10_000;
                String header = en.containsKey("header") ? scalar(en.get("header").getValueNode()) : null;
                yield new Pipeline.Counted(path, kind, target.uri() + (header == null ? "" : " into " + header),
                        new Steps.Enrich(target, timeout, header));
            }
            case "jsonToXml" -> {
                Map<String, NodeTuple> j = mapping(v, Set.of("root"));
                String root = j.containsKey("root") ? scalar(j.get("root").getValueNode()) : "root";
                yield new Pipeline.Counted(path, kind, "root " + root, JsonXml.jsonToXml(root));
            }
            case "xmlToJson" -> {
                mapping(v, Set.of());
                yield new Pipeline.Counted(path, kind, "", JsonXml.xmlToJson());
            }
            case "validate" -> {
                Map<String, NodeTuple> va = mapping(v, Set.of("jsonSchema", "xsd"));
                if (va.size() != 1) {
                    throw new Invalid(v, "validate needs one of jsonSchema, xsd: a schema file, relative to the route file");
                }
                String language = va.keySet().iterator().next();
                Node fn = va.get(language).getValueNode();
                Path schema = baseDir.resolve(scalar(fn)).normalize();
                if (!Files.isRegularFile(schema)) {
                    throw new Invalid(fn, "schema file " + schema + " not found");
                }
                Steps.Validate check;
                try {
                    check = language.equals("xsd") ? Validation.xsd(schema) : Validation.jsonSchema(schema);
                } catch (IllegalArgumentException e) {
                    throw new Invalid(fn, e.getMessage());
                }
                yield new Pipeline.Counted(path, kind, check.what(), check);
            }
            case "delay" -> {
                Value e = value(mapping(v, VALUES), v, VALUES);
                yield new Pipeline.Counted(path, kind, e.text + " ms", new Steps.Delay(e.function));
            }
            case "throttle" -> {
                Set<String> keys = Set.of("header", "jsonpath", "xpath");
                Map<String, NodeTuple> th = mapping(v, with(List.copyOf(keys), "maximumRequestsPerPeriod",
                        "timePeriodMillis"));
                int max = integer(required(th, "maximumRequestsPerPeriod", v), 1, 1_000_000);
                int period = th.containsKey("timePeriodMillis")
                        ? integer(th.get("timePeriodMillis").getValueNode(), 1, 86_400_000) : 1000;
                Value key = keys.stream().anyMatch(th::containsKey) ? value(th, v, keys) : null;
                yield new Pipeline.Counted(path, kind, max + " per " + period + " ms"
                        + (key == null ? "" : " per " + key.text), new Steps.Throttle(max, period,
                        key == null ? null : key.function));
            }
            case "idempotentConsumer" -> {
                Set<String> keys = Set.of("header", "jsonpath", "xpath");
                Map<String, NodeTuple> ic = mapping(v, with(List.copyOf(keys), "keepFor", "steps"));
                Value key = value(ic, v, keys);
                java.time.Duration keepFor = java.time.Duration.ofDays(7);
                if (ic.containsKey("keepFor")) {
                    Node kn = ic.get("keepFor").getValueNode();
                    try {
                        keepFor = io.switchboard.kernel.api.Durations.parse("keepFor", scalar(kn));
                    } catch (IllegalArgumentException e) {
                        throw new Invalid(kn, e.getMessage());
                    }
                }
                Pipeline then = pipeline(ic.get("steps") == null ? null : ic.get("steps").getValueNode(), path + ".",
                        v);
                yield new Pipeline.Counted(path, kind, key.text, new Steps.IdempotentConsumer(routeId, key.function,
                        keepFor, then));
            }
            default -> throw new Invalid(t.getKeyNode(), "unknown step '" + kind + "' (one of "
                    + new java.util.TreeSet<>(STEPS) + ")");
        };
    }

    private record Expression(String text, Predicate<Exchange> predicate) {
    }

    private record Value(String text, Function<Exchange, Object> function) {
    }

    /** Exactly one of {@code languages} in {@code m}, compiled as a value. */
    private Value value(Map<String, NodeTuple> m, Node at, Set<String> languages) throws Invalid {
        List<String> found = languages.stream().filter(m::containsKey).sorted().toList();
        if (found.size() != 1) {
            throw new Invalid(at, "expected one of " + new java.util.TreeSet<>(languages));
        }
        Node n = m.get(found.get(0)).getValueNode();
        String text = scalar(n);
        try {
            return new Value(found.get(0) + " " + text, Expressions.value(found.get(0), text));
        } catch (IllegalArgumentException e) {
            throw new Invalid(n, e.getMessage());
        }
    }

    /** Exactly one of the expression languages in {@code m}, compiled. */
    private Expression predicate(Map<String, NodeTuple> m, Node at) throws Invalid {
        List<String> found = Expressions.LANGUAGES.stream().filter(m::containsKey).toList();
        if (found.size() != 1) {
            throw new Invalid(at, "expected one expression: " + String.join(", ", Expressions.LANGUAGES));
        }
        Node n = m.get(found.get(0)).getValueNode();
        String text = scalar(n);
        try {
            return new Expression(found.get(0) + " " + text, Expressions.predicate(found.get(0), text));
        } catch (IllegalArgumentException e) {
            throw new Invalid(n, e.getMessage());
        }
    }

    private Target target(Node node) throws Invalid {
        try {
            Target t = Target.parse(scalar(node));
            if (t.kind() == Target.Kind.BRIDGE) {
                bridgeSchemes.add(t.name());
            }
            return t;
        } catch (IllegalArgumentException e) {
            throw new Invalid(node, e.getMessage());
        }
    }

    private static Set<String> with(List<String> a, String... b) {
        Set<String> s = new java.util.HashSet<>(a);
        s.addAll(List.of(b));
        return s;
    }

    private Map<String, NodeTuple> mapping(Node node, Set<String> allowed) throws Invalid {
        if (!(node instanceof MappingNode m)) {
            throw new Invalid(node, "expected a mapping with " + new java.util.TreeSet<>(allowed));
        }
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = scalar(t.getKeyNode());
            if (!allowed.contains(key)) {
                throw new Invalid(t.getKeyNode(), "unknown field '" + key + "' (expected "
                        + new java.util.TreeSet<>(allowed) + ")");
            }
            if (out.put(key, t) != null) {
                throw new Invalid(t.getKeyNode(), "'" + key + "' appears twice");
            }
        }
        return out;
    }

    private static Node required(Map<String, NodeTuple> m, String key, Node at) throws Invalid {
        NodeTuple t = m.get(key);
        if (t == null) {
            throw new Invalid(at, "'" + key + "' is missing");
        }
        return t.getValueNode();
    }

    private static String scalar(Node node) throws Invalid {
        if (!(node instanceof ScalarNode s) || s.getValue().isBlank()) {
            throw new Invalid(node, "expected a value");
        }
        return s.getValue();
    }

    private static int integer(Node node, int min, int max) throws Invalid {
        try {
            int v = Integer.parseInt(scalar(node));
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new Invalid(node, "expected a whole number from " + min + " to " + max);
    }
}
