package io.switchboard.routing.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * How a route file's YAML nodes are read: a mapping with known fields, a required or optional field, a value, a
 * bounded whole number. Each refusal is an {@link Invalid} at the node, so the file's error names its line and
 * column ({@link Invalid#in}).
 */
final class YamlNodes {

    private YamlNodes() {
    }

    /** An error at a node of the file. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Node node;

        Invalid(Node node, String message) {
            super(message, null, false, false);
            this.node = node;
        }

        /** The error as the file's reader sees it: {@code file:line:column: message}. */
        String in(String file) {
            return at(file, node.getStartMark()) + ": " + getMessage();
        }
    }

    /** {@code file:line:column} of {@code mark}, counted from 1 as editors count. */
    static String at(String file, Mark mark) {
        return file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    static Set<String> with(List<String> a, String... b) {
        Set<String> s = new HashSet<>(a);
        s.addAll(List.of(b));
        return s;
    }

    /** The fields of a mapping, each allowed and once. */
    static Map<String, NodeTuple> mapping(Node node, Set<String> allowed) throws Invalid {
        if (!(node instanceof MappingNode m)) {
            throw new Invalid(node, "expected a mapping with " + new TreeSet<>(allowed));
        }
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = scalar(t.getKeyNode());
            if (!allowed.contains(key)) {
                throw new Invalid(t.getKeyNode(), "unknown field '" + key + "' (expected " + new TreeSet<>(allowed)
                        + ")");
            }
            if (out.put(key, t) != null) {
                throw new Invalid(t.getKeyNode(), "'" + key + "' appears twice");
            }
        }
        return out;
    }

    static Node required(Map<String, NodeTuple> m, String key, Node at) throws Invalid {
        NodeTuple t = m.get(key);
        if (t == null) {
            throw new Invalid(at, "'" + key + "' is missing");
        }
        return t.getValueNode();
    }

    /** The field's value node, or null when the mapping has no such field. */
    static Node optional(Map<String, NodeTuple> m, String key) {
        NodeTuple t = m.get(key);
        return t == null ? null : t.getValueNode();
    }

    static String scalar(Node node) throws Invalid {
        if (!(node instanceof ScalarNode s) || s.getValue().isBlank()) {
            throw new Invalid(node, "expected a value");
        }
        return s.getValue();
    }

    static int integer(Node node, int min, int max) throws Invalid {
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
