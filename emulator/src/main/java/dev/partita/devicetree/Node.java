package dev.partita.devicetree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A device tree node: a name (with unit address, e.g. {@code serial@4500}; the root's name is ""),
 * properties and children, both kept in insertion order, which is the order they take in a DTB.
 *
 * <p>Setting a property that exists replaces its value in place. Equality is structural (names,
 * properties and children, in order); the parent is not part of it.
 */
public final class Node {
    private final String name;
    private Node parent;
    private final LinkedHashMap<String, Property> properties = new LinkedHashMap<>();
    private final LinkedHashMap<String, Node> children = new LinkedHashMap<>();

    private Node(String name) {
        this.name = name;
    }

    /** A new, empty root node. */
    public static Node root() {
        return new Node("");
    }

    static void checkName(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == 0 || ch > 0xFF || (ch == '/' && what.equals("node"))) {
                throw new IllegalArgumentException("bad character in " + what + " name \"" + name + "\"");
            }
        }
    }

    public String name() {
        return name;
    }

    /** The parent node, {@code null} for a root. */
    public Node parent() {
        return parent;
    }

    /** The full path from the root, e.g. {@code /soc@fe0000000/serial@4500}; "/" for the root. */
    public String path() {
        if (parent == null) {
            return "/";
        }
        List<String> parts = new ArrayList<>();
        for (Node n = this; n.parent != null; n = n.parent) {
            parts.add(n.name);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = parts.size() - 1; i >= 0; i--) {
            sb.append('/').append(parts.get(i));
        }
        return sb.toString();
    }

    /** The properties in order (an unmodifiable snapshot). */
    public List<Property> properties() {
        return List.copyOf(properties.values());
    }

    /** The children in order (an unmodifiable snapshot). */
    public List<Node> children() {
        return Collections.unmodifiableList(new ArrayList<>(children.values()));
    }

    /** Appends a new child; throws if the name is invalid or taken. */
    public Node addChild(String childName) {
        checkName(childName, "node");
        if (children.containsKey(childName)) {
            throw new IllegalArgumentException("node " + path() + " already has a child " + childName);
        }
        Node c = new Node(childName);
        c.parent = this;
        children.put(childName, c);
        return c;
    }

    /** Whether a child of that name exists (used by the reader to report duplicates). */
    boolean hasChild(String childName) {
        return children.containsKey(childName);
    }

    boolean hasChildren() {
        return !children.isEmpty();
    }

    /** The child of that exact name, or {@code null}. */
    public Node child(String childName) {
        return children.get(childName);
    }

    /**
     * The node at {@code path}: absolute ("/a/b", resolved from this node's root) or relative to
     * this node ("a/b"). {@code null} when there is none.
     */
    public Node find(String path) {
        Node n = this;
        if (path.startsWith("/")) {
            while (n.parent != null) {
                n = n.parent;
            }
        }
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            n = n.children.get(part);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    /** Removes a child; returns whether it existed. */
    public boolean removeChild(String childName) {
        Node c = children.remove(childName);
        if (c != null) {
            c.parent = null;
        }
        return c != null;
    }

    /** The property of that name, or {@code null}. */
    public Property property(String propName) {
        return properties.get(propName);
    }

    public boolean hasProperty(String propName) {
        return properties.containsKey(propName);
    }

    /** Adds a property, or replaces the value of the one of the same name in place. */
    public Node set(Property p) {
        properties.put(p.name(), p);
        return this;
    }

    public Node setString(String propName, String value) {
        return set(Property.string(propName, value));
    }

    public Node setStrings(String propName, String... values) {
        return set(Property.strings(propName, values));
    }

    public Node setCells(String propName, int... cells) {
        return set(Property.cells(propName, cells));
    }

    public Node setU64(String propName, long... values) {
        return set(Property.u64(propName, values));
    }

    public Node setBytes(String propName, byte[] value) {
        return set(Property.bytes(propName, value));
    }

    public Node setEmpty(String propName) {
        return set(Property.empty(propName));
    }

    /** Removes a property; returns whether it existed. */
    public boolean remove(String propName) {
        return properties.remove(propName) != null;
    }

    /**
     * Gives this node a fresh phandle from {@code allocator}, stored as {@code phandle} and, as QEMU
     * and older kernels expect, {@code linux,phandle}. Returns the value.
     */
    public int assignPhandle(PhandleAllocator allocator) {
        int p = allocator.allocate();
        setCells("phandle", p);
        setCells("linux,phandle", p);
        return p;
    }

    /** This node's phandle ({@code phandle}, else {@code linux,phandle}), or 0 when it has none. */
    public int phandle() {
        Property p = properties.get("phandle");
        if (p == null) {
            p = properties.get("linux,phandle");
        }
        return p != null && p.length() == 4 ? p.asCell() : 0;
    }

    /** The node in this subtree whose phandle is {@code phandle}, or {@code null}. */
    public Node findByPhandle(int phandle) {
        if (phandle == 0 || phandle == -1) {
            return null;
        }
        Node[] found = new Node[1];
        walk(n -> {
            if (found[0] == null && n.phandle() == phandle) {
                found[0] = n;
            }
        });
        return found[0];
    }

    /** Visits this node and its descendants depth-first, parents before children, in order. */
    public void walk(Consumer<Node> visitor) {
        visitor.accept(this);
        for (Node c : children.values()) {
            c.walk(visitor);
        }
    }

    /**
     * Reverses the order of the properties and children of this node and of all its descendants.
     * libfdt inserts every new property and subnode first, so a tree built in some order by
     * {@code fdt_setprop}/{@code fdt_add_subnode} (as QEMU does) ends up in the reverse order.
     */
    public void reverseOrder() {
        reverse(properties);
        reverse(children);
        for (Node c : children.values()) {
            c.reverseOrder();
        }
    }

    private static <V> void reverse(LinkedHashMap<String, V> map) {
        List<Map.Entry<String, V>> entries = new ArrayList<>(map.entrySet());
        map.clear();
        for (int i = entries.size() - 1; i >= 0; i--) {
            map.put(entries.get(i).getKey(), entries.get(i).getValue());
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Node other) || !name.equals(other.name)) {
            return false;
        }
        return List.copyOf(properties.values()).equals(List.copyOf(other.properties.values()))
                && List.copyOf(children.values()).equals(List.copyOf(other.children.values()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, List.copyOf(properties.values()));
    }

    /** A DTS-like rendering of this subtree. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        render(sb, 0);
        return sb.toString();
    }

    private void render(StringBuilder sb, int depth) {
        String indent = "\t".repeat(depth);
        sb.append(indent).append(parent == null && name.isEmpty() ? "/" : name).append(" {\n");
        for (Property p : properties.values()) {
            sb.append(indent).append('\t').append(p).append('\n');
        }
        for (Node c : children.values()) {
            c.render(sb, depth + 1);
        }
        sb.append(indent).append("};\n");
    }
}
