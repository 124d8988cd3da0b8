package dev.pyprobe.server.cli;

import dev.pyprobe.reader.python.AsyncTask;
import dev.pyprobe.reader.python.PythonFrame;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pending tasks as a tree in the shape of {@code python3.14 -m asyncio pstree}, line for line: each task that no
 * pending task waits for is a root; under a task come its coroutine frames, outermost first, and
 * under the frame where it waits, the tasks it waits for. A task waited for by two tasks shows
 * under both.
 */
final class TaskTree {
    private final Node root = new Node("");

    private TaskTree() {
    }

    static List<String> lines(List<AsyncTask> tasks) {
        TaskTree tree = new TaskTree();
        tree.build(tasks);
        List<String> out = new ArrayList<>();
        List<Node> roots = new ArrayList<>(tree.root.children.values());
        for (int i = 0; i < roots.size(); i++) {
            render(roots.get(i), "", i == roots.size() - 1, new HashSet<>(), out);
        }
        return out;
    }

    /** A task or a coroutine frame; children keep their first-seen order and are unique by label. */
    private static final class Node {
        final String label;
        final Map<String, Node> children = new LinkedHashMap<>();
        /** For a task node: its id, to stop at a task already on the path (tasks waiting in a circle). */
        long task;

        Node(String label) {
            this.label = label;
        }

        Node child(String label) {
            return children.computeIfAbsent(label, Node::new);
        }
    }

    private void build(List<AsyncTask> tasks) {
        Map<Long, AsyncTask> byId = new LinkedHashMap<>();
        tasks.forEach(t -> byId.put(t.id(), t));
        Map<Long, Node> nodes = new LinkedHashMap<>();
        for (AsyncTask t : tasks) {
            Node node = new Node(taskLabel(t));
            node.task = t.id();
            nodes.put(t.id(), node);
        }
        Set<Long> waiting = new HashSet<>();
        Set<Long> waitedFor = new HashSet<>();
        for (AsyncTask child : tasks) {
            for (long parentId : child.awaitedBy()) {
                AsyncTask parent = byId.get(parentId);
                if (parent == null) {
                    continue; // finished, or not a pending task of this process
                }
                Node at = framesUnder(nodes.get(parentId), parent.frames());
                at.children.putIfAbsent(taskKey(child), nodes.get(child.id()));
                waiting.add(parentId);
                waitedFor.add(child.id());
            }
        }
        for (AsyncTask t : tasks) {
            if (!waiting.contains(t.id())) {
                framesUnder(nodes.get(t.id()), t.frames());
            }
            if (!waitedFor.contains(t.id())) {
                root.children.put(taskKey(t), nodes.get(t.id()));
            }
        }
        // Tasks that wait for each other in a circle have no root: show each circle from its first task.
        Set<Node> shown = new HashSet<>();
        reach(root, shown);
        for (AsyncTask t : tasks) {
            Node node = nodes.get(t.id());
            if (!shown.contains(node)) {
                root.children.put(taskKey(t), node);
                reach(node, shown);
            }
        }
    }

    private static void reach(Node node, Set<Node> shown) {
        List<Node> pending = new ArrayList<>(List.of(node));
        while (!pending.isEmpty()) {
            Node n = pending.remove(pending.size() - 1);
            if (shown.add(n)) {
                pending.addAll(n.children.values());
            }
        }
    }

    /** The node of the innermost frame, creating the path of frames (outermost first) under {@code task}. */
    private static Node framesUnder(Node task, List<PythonFrame> innermostFirst) {
        Node at = task;
        for (int i = innermostFirst.size() - 1; i >= 0; i--) {
            PythonFrame f = innermostFirst.get(i);
            // pstree writes a coroutine as its (empty) marker, a space and the frame: keep its lines.
            at = at.child(" " + f.function() + " " + f.file() + ":" + f.line());
        }
        return at;
    }

    private static String taskKey(AsyncTask t) {
        return "\0task " + t.id();
    }

    private static String taskLabel(AsyncTask t) {
        return "(T) " + t.name() + (t.consistent() ? "" : " [changed while read]");
    }

    private static void render(Node node, String prefix, boolean last, Set<Long> path, List<String> out) {
        boolean repeated = node.task != 0 && !path.add(node.task);
        out.add(prefix + (last ? "└── " : "├── ") + node.label + (repeated ? " (waits for a task above: cycle)" : ""));
        if (repeated) {
            return;
        }
        String inner = prefix + (last ? "    " : "│   ");
        List<Node> kids = new ArrayList<>(node.children.values());
        for (int i = 0; i < kids.size(); i++) {
            render(kids.get(i), inner, i == kids.size() - 1, path, out);
        }
        if (node.task != 0) {
            path.remove(node.task);
        }
    }
}
