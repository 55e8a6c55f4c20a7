package io.switchboard.routing.internal;

import io.switchboard.routing.internal.YamlNodes.Invalid;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The bounds a route file's YAML is read within. SnakeYAML composes an alias as the anchored node itself, shared: an
 * alias inside its own anchor ({@code steps: &s [{filter: {steps: *s}}]}) makes a cycle that a walk of the tree never
 * leaves, and a few nested aliases ("billion laughs": 665 bytes made 59,049 steps) make a small file stand for a huge
 * tree. Both are refused before the route parser walks the tree, by a walk that keeps its own stack (no recursion, so
 * no file can overflow the thread's).
 */
final class YamlLimits {

    /** The most YAML nodes a file may stand for once its aliases are expanded. */
    static final int MAX_EXPANDED_NODES = 50_000;
    /**
     * SnakeYAML's own bounds (aliases of collections, nesting, characters per file): its 2.5 defaults, pinned here so
     * that an upgrade cannot loosen them. They do not catch either attack above; {@link #check} does.
     */
    static final int MAX_ALIASES = 50;
    static final int MAX_NESTING = 50;
    static final int MAX_CODE_POINTS = 3 * 1024 * 1024;

    private YamlLimits() {
    }

    /** How SnakeYAML reads route files: no recursive keys, and the bounds above. */
    static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_CODE_POINTS);
        return options;
    }

    /** One node on the walk's stack: its children, the next to visit, and the expanded size of those visited. */
    private static final class Visit {
        final Node node;
        final List<Node> children;
        /** Where each child is written: a mapping value at its key (an alias has no node of its own). */
        final List<Node> places;
        int next;
        long size = 1;

        Visit(Node node) {
            this.node = node;
            this.children = new ArrayList<>();
            this.places = new ArrayList<>();
            if (node instanceof SequenceNode s) {
                for (Node item : s.getValue()) {
                    children.add(item);
                    places.add(node);
                }
            } else if (node instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    children.add(t.getKeyNode());
                    places.add(t.getKeyNode());
                    children.add(t.getValueNode());
                    places.add(t.getKeyNode());
                }
            }
        }
    }

    /**
     * Refuses a recursive alias, and a tree of more than {@value #MAX_EXPANDED_NODES} nodes with its aliases expanded.
     * Each shared node is walked once; its expanded size is remembered.
     */
    static void check(Node root) throws Invalid {
        Map<Node, Long> done = new IdentityHashMap<>();
        Map<Node, Boolean> onPath = new IdentityHashMap<>();
        Deque<Visit> path = new ArrayDeque<>();
        path.push(new Visit(root));
        onPath.put(root, true);
        while (!path.isEmpty()) {
            Visit v = path.peek();
            if (v.next < v.children.size()) {
                Node child = v.children.get(v.next);
                Node place = v.places.get(v.next);
                v.next++;
                if (onPath.containsKey(child)) {
                    throw new Invalid(place, "alias *" + child.getAnchor() + " is inside its own anchor &"
                            + child.getAnchor() + " (line " + (child.getStartMark().getLine() + 1)
                            + "): a recursive alias, refused");
                }
                Long size = done.get(child);
                if (size != null) {
                    v.size = add(v.node, v.size, size);
                } else {
                    path.push(new Visit(child));
                    onPath.put(child, true);
                }
                continue;
            }
            path.pop();
            onPath.remove(v.node);
            done.put(v.node, v.size);
            if (!path.isEmpty()) {
                Visit parent = path.peek();
                parent.size = add(parent.node, parent.size, v.size);
            }
        }
    }

    private static long add(Node at, long size, long more) throws Invalid {
        long total = size + more;
        if (total > MAX_EXPANDED_NODES) {
            throw new Invalid(at, "with its aliases expanded this part of the file stands for more than "
                    + MAX_EXPANDED_NODES + " YAML nodes (an alias bomb?), refused");
        }
        return total;
    }
}
