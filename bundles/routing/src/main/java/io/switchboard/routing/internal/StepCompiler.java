package io.switchboard.routing.internal;

import static io.switchboard.routing.internal.YamlNodes.integer;
import static io.switchboard.routing.internal.YamlNodes.mapping;
import static io.switchboard.routing.internal.YamlNodes.optional;
import static io.switchboard.routing.internal.YamlNodes.required;
import static io.switchboard.routing.internal.YamlNodes.scalar;
import static io.switchboard.routing.internal.YamlNodes.with;

import io.switchboard.kernel.api.Durations;
import io.switchboard.routing.internal.YamlNodes.Invalid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Compiles one route's steps ({@code to}, {@code filter}, {@code choice}, {@code split}, {@code aggregate}, ...) from
 * their YAML nodes into a {@link Pipeline}, with their expressions compiled and their targets parsed; it remembers
 * the bridge schemes the route sends to.
 */
final class StepCompiler {

    /** How one kind of step is compiled from its node: the registry below holds one per step name. */
    @FunctionalInterface
    private interface StepKind {
        Pipeline.Counted compile(StepCompiler compiler, String kind, Node v, String path) throws Invalid;
    }

    /** The step compilers by the name route files give the step: the one list of step names. */
    private static final Map<String, StepKind> COMPILERS = compilers();
    /** The step names, sorted. */
    static final Set<String> STEPS = Collections.unmodifiableSet(COMPILERS.keySet());

    private static Map<String, StepKind> compilers() {
        Map<String, StepKind> compilers = new TreeMap<>();
        compilers.put("to", StepCompiler::to);
        compilers.put("filter", StepCompiler::filter);
        compilers.put("choice", StepCompiler::choice);
        compilers.put("setHeader", StepCompiler::setHeader);
        compilers.put("wireTap", StepCompiler::wireTap);
        compilers.put("recipientList", StepCompiler::recipientList);
        compilers.put("setBody", StepCompiler::setBody);
        compilers.put("transform", StepCompiler::setBody);
        compilers.put("split", StepCompiler::split);
        compilers.put("aggregate", StepCompiler::aggregate);
        compilers.put("enrich", StepCompiler::enrich);
        compilers.put("jsonToXml", StepCompiler::jsonToXml);
        compilers.put("xmlToJson", StepCompiler::xmlToJson);
        compilers.put("validate", StepCompiler::validate);
        compilers.put("delay", StepCompiler::delay);
        compilers.put("throttle", StepCompiler::throttle);
        compilers.put("idempotentConsumer", StepCompiler::idempotentConsumer);
        return compilers;
    }

    /** The languages of a value. */
    private static final Set<String> VALUES = Set.of("constant", "header", "jsonpath", "xpath", "template");
    /** The languages of a key taken from a message (to correlate, throttle or recognise it). */
    private static final Set<String> KEYS = Set.of("header", "jsonpath", "xpath");

    private final String routeId;
    /** Where relative paths in the file (schemas) start: the route file's folder. */
    private final Path baseDir;
    private final Set<String> bridgeSchemes = new HashSet<>();

    StepCompiler(String routeId, Path baseDir) {
        this.routeId = routeId;
        this.baseDir = baseDir;
    }

    /** The bridge schemes of the targets compiled so far. */
    Set<String> bridgeSchemes() {
        return bridgeSchemes;
    }

    Pipeline pipeline(Node node, String prefix, Node parent) throws Invalid {
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
            throw new Invalid(node, "a step is one of " + new TreeSet<>(STEPS) + " with its settings");
        }
        NodeTuple t = m.getValue().get(0);
        String kind = scalar(t.getKeyNode());
        StepKind compiler = COMPILERS.get(kind);
        if (compiler == null) {
            throw new Invalid(t.getKeyNode(), "unknown step '" + kind + "' (one of " + new TreeSet<>(STEPS) + ")");
        }
        return compiler.compile(this, kind, t.getValueNode(), path);
    }

    private Pipeline.Counted to(String kind, Node v, String path) throws Invalid {
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
        return new Pipeline.Counted(path, kind, String.join(", ", targets.stream().map(Target::uri).toList()),
                new Steps.To(targets));
    }

    private Pipeline.Counted filter(String kind, Node v, String path) throws Invalid {
        Map<String, NodeTuple> f = mapping(v, with(Expressions.LANGUAGES, "steps"));
        Expression e = predicate(f, v);
        Pipeline then = pipeline(optional(f, "steps"), path + ".", v);
        String selector = f.containsKey("selector") ? scalar(f.get("selector").getValueNode()) : null;
        return new Pipeline.Counted(path, kind, e.text, new Steps.Filter(e.predicate, selector, then));
    }

    private Pipeline.Counted choice(String kind, Node v, String path) throws Invalid {
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
            list.add(new Steps.When(e.predicate,
                    pipeline(optional(wm, "steps"), path + ".when" + w + ".", wn)));
            w++;
        }
        Pipeline otherwise = null;
        if (c.containsKey("otherwise")) {
            Node on = c.get("otherwise").getValueNode();
            Map<String, NodeTuple> om = mapping(on, Set.of("steps"));
            otherwise = pipeline(optional(om, "steps"), path + ".otherwise.", on);
        }
        return new Pipeline.Counted(path, kind, String.join(" | ", texts), new Steps.Choice(list, otherwise));
    }

    private Pipeline.Counted setHeader(String kind, Node v, String path) throws Invalid {
        Map<String, NodeTuple> h = mapping(v, with(List.copyOf(VALUES), "name"));
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
        return new Pipeline.Counted(path, kind, name + " = " + language + " " + scalar(exprNode),
                new Steps.SetHeader(name, value));
    }

    private Pipeline.Counted wireTap(String kind, Node v, String path) throws Invalid {
        Target target = target(required(mapping(v, Set.of("uri")), "uri", v));
        return new Pipeline.Counted(path, kind, target.uri(), new Steps.WireTap(target));
    }

    private Pipeline.Counted recipientList(String kind, Node v, String path) throws Invalid {
        Map<String, NodeTuple> r = mapping(v, with(List.copyOf(VALUES), "delimiter"));
        Value e = value(r, v, VALUES);
        String delimiter = r.containsKey("delimiter") ? scalar(r.get("delimiter").getValueNode()) : ",";
        return new Pipeline.Counted(path, kind, e.text, new Steps.RecipientList(e.function, delimiter));
    }

    private Pipeline.Counted setBody(String kind, Node v, String path) throws Invalid {
        Value e = value(mapping(v, VALUES), v, VALUES);
        return new Pipeline.Counted(path, kind, e.text, new Steps.SetBody(e.function));
    }

    private Pipeline.Counted split(String kind, Node v, String path) throws Invalid {
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
        Pipeline each = pipeline(optional(sp, "steps"), path + ".", v);
        return new Pipeline.Counted(path, kind, found.get(0) + " " + scalar(en), new Steps.Split(parts, each));
    }

    private Pipeline.Counted aggregate(String kind, Node v, String path) throws Invalid {
        Map<String, NodeTuple> ag = mapping(v, Set.of("correlationExpression", "completionSize",
                "completionTimeout", "completionPredicate", "aggregationStrategy", "steps"));
        Node cn = required(ag, "correlationExpression", v);
        Value key = value(mapping(cn, KEYS), cn, KEYS);
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
        Pipeline then = pipeline(optional(ag, "steps"), path + ".", v);
        return new Pipeline.Counted(path, kind, "by " + key.text + (size > 0 ? ", " + size + " messages" : "")
                + (timeout > 0 ? ", " + timeout + " ms" : "") + (done == null ? "" : ", until " + done.text),
                new Aggregator(routeId, path, key.function, size, timeout, done == null ? null : done.predicate,
                        strategy.equals("jsonArray"), then));
    }

    private Pipeline.Counted enrich(String kind, Node v, String path) throws Invalid {
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
        return new Pipeline.Counted(path, kind, target.uri() + (header == null ? "" : " into " + header),
                new Steps.Enrich(target, timeout, header));
    }

    private Pipeline.Counted jsonToXml(String kind, Node v, String path) throws Invalid {
        Map<String, NodeTuple> j = mapping(v, Set.of("root"));
        String root = j.containsKey("root") ? scalar(j.get("root").getValueNode()) : "root";
        return new Pipeline.Counted(path, kind, "root " + root, JsonXml.jsonToXml(root));
    }

    private Pipeline.Counted xmlToJson(String kind, Node v, String path) throws Invalid {
        mapping(v, Set.of());
        return new Pipeline.Counted(path, kind, "", JsonXml.xmlToJson());
    }

    private Pipeline.Counted validate(String kind, Node v, String path) throws Invalid {
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
        return new Pipeline.Counted(path, kind, check.what(), check);
    }

    private Pipeline.Counted delay(String kind, Node v, String path) throws Invalid {
        Value e = value(mapping(v, VALUES), v, VALUES);
        return new Pipeline.Counted(path, kind, e.text + " ms", new Steps.Delay(e.function));
    }

    private Pipeline.Counted throttle(String kind, Node v, String path) throws Invalid {
        Map<String, NodeTuple> th = mapping(v, with(List.copyOf(KEYS), "maximumRequestsPerPeriod",
                "timePeriodMillis"));
        int max = integer(required(th, "maximumRequestsPerPeriod", v), 1, 1_000_000);
        int period = th.containsKey("timePeriodMillis")
                ? integer(th.get("timePeriodMillis").getValueNode(), 1, 86_400_000) : 1000;
        Value key = KEYS.stream().anyMatch(th::containsKey) ? value(th, v, KEYS) : null;
        return new Pipeline.Counted(path, kind, max + " per " + period + " ms"
                + (key == null ? "" : " per " + key.text), new Steps.Throttle(max, period,
                key == null ? null : key.function));
    }

    private Pipeline.Counted idempotentConsumer(String kind, Node v, String path) throws Invalid {
        Map<String, NodeTuple> ic = mapping(v, with(List.copyOf(KEYS), "keepFor", "steps"));
        Value key = value(ic, v, KEYS);
        Duration keepFor = Duration.ofDays(7);
        if (ic.containsKey("keepFor")) {
            Node kn = ic.get("keepFor").getValueNode();
            try {
                keepFor = Durations.parse("keepFor", scalar(kn));
            } catch (IllegalArgumentException e) {
                throw new Invalid(kn, e.getMessage());
            }
        }
        Pipeline then = pipeline(optional(ic, "steps"), path + ".", v);
        return new Pipeline.Counted(path, kind, key.text, new Steps.IdempotentConsumer(routeId, key.function,
                keepFor, then));
    }

    private record Expression(String text, Predicate<Exchange> predicate) {
    }

    private record Value(String text, Function<Exchange, Object> function) {
    }

    /** Exactly one of {@code languages} in {@code m}, compiled as a value. */
    private Value value(Map<String, NodeTuple> m, Node at, Set<String> languages) throws Invalid {
        List<String> found = languages.stream().filter(m::containsKey).sorted().toList();
        if (found.size() != 1) {
            throw new Invalid(at, "expected one of " + new TreeSet<>(languages));
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

    Target target(Node node) throws Invalid {
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
}
