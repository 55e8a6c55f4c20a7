package io.switchboard.routing.internal;

import static io.switchboard.routing.internal.YamlNodes.integer;
import static io.switchboard.routing.internal.YamlNodes.mapping;
import static io.switchboard.routing.internal.YamlNodes.optional;
import static io.switchboard.routing.internal.YamlNodes.required;
import static io.switchboard.routing.internal.YamlNodes.scalar;

import io.switchboard.routing.internal.YamlNodes.Invalid;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a route file: YAML shaped as Camel's YAML DSL ({@code - route: {id, from: {uri, steps}}}, with
 * {@code filter}, {@code choice}/{@code when}/{@code otherwise}, {@code setHeader} and {@code to}). SnakeYAML parses;
 * this class walks its node tree, so every error names {@code file:line:column} and what is wrong there. The route
 * and its error handler are read here; its source by {@link RouteSources}, its steps by {@link StepCompiler}.
 */
final class RouteParser {

    /** A route file that cannot be deployed: the message says where and why. */
    static final class InvalidRouteFile extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidRouteFile(String message) {
            super(message);
        }
    }

    /** Where relative paths in the file (schemas) start: the route file's folder. */
    private final Path baseDir;

    private RouteParser(Path baseDir) {
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
        RouteParser p = new RouteParser(baseDir);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(YamlLimits.loaderOptions())).compose(reader);
        } catch (MarkedYAMLException e) {
            throw new InvalidRouteFile(YamlNodes.at(name, e.getProblemMark()) + ": not YAML: " + e.getProblem());
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
        } catch (Invalid e) {
            throw new InvalidRouteFile(e.in(name));
        } catch (StackOverflowError e) {
            // the tree is bounded above; this is the last line of defence, never a thread's end
            throw new InvalidRouteFile(name + ": not read: its steps are nested too deeply");
        }
    }

    private List<RouteDefinition> routes(Node root) throws Invalid {
        if (!(root instanceof SequenceNode list)) {
            throw new Invalid(root, "expected a list of '- route:' entries");
        }
        List<RouteDefinition> routes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
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
        if (!id.matches("[A-Za-z0-9_.\\-]{1,100}")) {
            throw new Invalid(m.get("id").getValueNode(), "route id '" + id + "' must be letters, digits, '.', '_' or '-'");
        }
        Node fromNode = required(m, "from", node);
        Map<String, NodeTuple> from = mapping(fromNode, Set.of("uri", "steps"));
        Node uriNode = required(from, "uri", fromNode);
        RouteDefinition.Source source = RouteSources.parse(uriNode);
        StepCompiler steps = new StepCompiler(id, baseDir);
        Pipeline pipeline = steps.pipeline(optional(from, "steps"), "", fromNode);
        RouteDefinition.Redelivery redelivery = RouteDefinition.Redelivery.DEFAULT;
        Target deadLetter = Target.parse("jms:queue:DLQ");
        if (m.containsKey("errorHandler")) {
            Node eh = m.get("errorHandler").getValueNode();
            Node dlcNode = required(mapping(eh, Set.of("deadLetterChannel")), "deadLetterChannel", eh);
            Map<String, NodeTuple> dlc = mapping(dlcNode, Set.of("deadLetterUri", "redeliveryPolicy"));
            if (dlc.containsKey("deadLetterUri")) {
                Node dn = dlc.get("deadLetterUri").getValueNode();
                deadLetter = steps.target(dn);
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
        return new RouteDefinition(id, source, pipeline, redelivery, deadLetter, node.getStartMark().getLine() + 1,
                new TreeSet<>(steps.bridgeSchemes()));
    }
}
