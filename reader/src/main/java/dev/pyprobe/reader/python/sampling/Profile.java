package dev.pyprobe.reader.python.sampling;

import dev.pyprobe.reader.python.PythonFrame;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples folded into a call tree: each node a frame (function, file and line) under its caller,
 * with the samples that passed through it ({@code total}) and those that ended in it
 * ({@code self}). Optionally each thread is a root of its own. Not thread-safe: one sampler fills
 * it, readers look at it after (or under the sampler's lock, see {@link Sampler}).
 */
public final class Profile {
    /**
     * One frame of a stack: a function at a line. A thread root has {@code file} null and both
     * lines 0, its name as the function.
     *
     * @param firstLine the function's first line, which tells same-named functions of a file apart
     */
    public record Frame(String function, String file, int line, int firstLine) {
        static Frame of(PythonFrame f) {
            return new Frame(f.function(), f.file(), f.line(), f.firstLine());
        }

        public boolean threadRoot() {
            return file == null;
        }
    }

    /** A node of the call tree; the root has no frame. */
    public static final class Node {
        private final Frame frame;
        private final Map<Frame, Node> children = new LinkedHashMap<>();
        private long total;
        private long self;

        private Node(Frame frame) {
            this.frame = frame;
        }

        public Frame frame() {
            return frame;
        }

        public long total() {
            return total;
        }

        public long self() {
            return self;
        }

        public Collection<Node> children() {
            return children.values();
        }
    }

    /** A distinct stack, root first, and how many samples ended in it. */
    public record Stack(List<Frame> frames, long count) {
    }

    private final boolean threadRoots;
    private final Node root = new Node(null);
    /** Frames are few and repeat in every sample: one instance each. */
    private final Map<Frame, Frame> interned = new HashMap<>();
    /**
     * Each thread's last stack and the nodes it passed through: a thread that waits, or runs in one
     * place, shows the same callers sample after sample, whose nodes are then found again without
     * a lookup; only the frames inside the part that changed are looked up.
     */
    private final Map<String, LastStack> lastByThread = new HashMap<>();

    private record LastStack(List<PythonFrame> frames, Node[] path) {
    }

    public Profile(boolean threadRoots) {
        this.threadRoots = threadRoots;
    }

    public boolean threadRoots() {
        return threadRoots;
    }

    /** Adds one thread's stack (innermost first, as the reader gives it). */
    public void add(String threadName, List<PythonFrame> innermostFirst) {
        LastStack last = lastByThread.get(threadName);
        Node[] path = last == null ? pathOf(threadName, innermostFirst, null, 0) : pathLike(last, threadName, innermostFirst);
        for (Node node : path) {
            node.total++;
        }
        path[path.length - 1].self++;
        if (last == null || last.path() != path) {
            lastByThread.put(threadName, new LastStack(innermostFirst, path));
        }
    }

    /** The path of a stack that shares its outermost frames with the thread's last one. */
    private Node[] pathLike(LastStack last, String threadName, List<PythonFrame> innermostFirst) {
        List<PythonFrame> before = last.frames();
        int shared = 0;
        int most = Math.min(before.size(), innermostFirst.size());
        while (shared < most && sameFrame(before.get(before.size() - 1 - shared), innermostFirst.get(innermostFirst.size() - 1 - shared))) {
            shared++;
        }
        if (shared == before.size() && shared == innermostFirst.size()) {
            return last.path();
        }
        return pathOf(threadName, innermostFirst, last.path(), shared);
    }

    /** Frames a reader gives again are often the same objects: no need to compare their fields. */
    private static boolean sameFrame(PythonFrame a, PythonFrame b) {
        return a == b || a.equals(b);
    }

    /**
     * The nodes a stack passes through, root first, made where they are new; the first nodes of
     * {@code known} stand for its {@code shared} outermost frames.
     */
    private Node[] pathOf(String threadName, List<PythonFrame> innermostFirst, Node[] known, int shared) {
        int roots = 1 + (threadRoots ? 1 : 0);
        Node[] path = new Node[roots + innermostFirst.size()];
        int at;
        Node node;
        if (known != null) {
            at = roots + shared;
            System.arraycopy(known, 0, path, 0, at);
            node = path[at - 1];
        } else {
            at = 0;
            node = root;
            path[at++] = node;
            if (threadRoots) {
                node = child(node, intern(new Frame(threadName, null, 0, 0)));
                path[at++] = node;
            }
        }
        for (int i = innermostFirst.size() - 1 - shared; i >= 0; i--) {
            node = child(node, intern(Frame.of(innermostFirst.get(i))));
            path[at++] = node;
        }
        return path;
    }

    /** Stacks recorded. */
    public long samples() {
        return root.total;
    }

    public Node root() {
        return root;
    }

    /** Every distinct stack with its count, in the order first seen. */
    public List<Stack> stacks() {
        List<Stack> out = new ArrayList<>();
        collect(root, new ArrayList<>(), out);
        return out;
    }

    private static void collect(Node node, List<Frame> path, List<Stack> out) {
        if (node.self > 0 && !path.isEmpty()) {
            out.add(new Stack(List.copyOf(path), node.self));
        }
        for (Node child : node.children.values()) {
            path.add(child.frame);
            collect(child, path, out);
            path.remove(path.size() - 1);
        }
    }

    private Frame intern(Frame frame) {
        Frame known = interned.putIfAbsent(frame, frame);
        return known != null ? known : frame;
    }

    private static Node child(Node parent, Frame frame) {
        return parent.children.computeIfAbsent(frame, Node::new);
    }
}
