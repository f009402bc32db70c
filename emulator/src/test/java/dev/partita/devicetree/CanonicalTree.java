package dev.partita.devicetree;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Renders a tree as lines that do not depend on phandle values: every phandle reference
 * (interrupt-parent, fsl,msi, gpios, the parent in each interrupt-map entry) is replaced by the
 * path of the node it points to, and phandle properties themselves by a marker. Two trees with
 * equal line lists have the same nodes, properties and order, and references to the same nodes.
 */
public final class CanonicalTree {
    private CanonicalTree() {}

    /**
     * @param lengthOnly "path:property" entries whose value is rendered by its length only
     *                   (for values that are random, such as /chosen:rng-seed)
     */
    public static List<String> lines(Node root, Set<String> lengthOnly) {
        List<String> out = new ArrayList<>();
        root.walk(n -> {
            out.add(n.path() + " {");
            for (Property p : n.properties()) {
                out.add(n.path() + ":" + render(root, n, p, lengthOnly));
            }
        });
        return out;
    }

    private static String render(Node root, Node n, Property p, Set<String> lengthOnly) {
        String name = p.name();
        if (lengthOnly.contains(n.path() + ":" + name)) {
            return name + " (" + p.length() + " bytes)";
        }
        switch (name) {
            case "phandle", "linux,phandle" -> {
                return name + " (phandle of this node: " + (p.asCell() == n.phandle()) + ")";
            }
            case "interrupt-parent", "fsl,msi" -> {
                return name + " -> " + target(root, p.asCell());
            }
            case "gpios" -> {
                int[] c = p.asCells();
                StringBuilder sb = new StringBuilder(name).append(" -> ").append(target(root, c[0]));
                for (int i = 1; i < c.length; i++) {
                    sb.append(" 0x").append(Integer.toHexString(c[i]));
                }
                return sb.toString();
            }
            case "interrupt-map" -> {
                return name + " = " + interruptMap(root, n, p);
            }
            default -> {
                return p.toString();
            }
        }
    }

    private static String target(Node root, int phandle) {
        Node t = root.findByPhandle(phandle);
        return t == null ? "<unresolved 0x" + Integer.toHexString(phandle) + ">" : t.path();
    }

    private static int cells(Node n, String prop, int dflt) {
        Property p = n.property(prop);
        return p == null ? dflt : p.asCell();
    }

    /** Entries as "(child unit address, child specifier) -> parent path (parent address, specifier)". */
    private static String interruptMap(Node root, Node n, Property p) {
        int[] c = p.asCells();
        int childCells = cells(n, "#address-cells", 2) + cells(n, "#interrupt-cells", 1);
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < c.length) {
            sb.append('(');
            for (int k = 0; k < childCells; k++) {
                sb.append(k == 0 ? "" : " ").append(Integer.toHexString(c[i++]));
            }
            Node parent = root.findByPhandle(c[i++]);
            if (parent == null) {
                return sb.append(") -> <unresolved>").toString();
            }
            int parentCells = cells(parent, "#address-cells", 0) + cells(parent, "#interrupt-cells", 1);
            sb.append(") -> ").append(parent.path()).append(" (");
            for (int k = 0; k < parentCells; k++) {
                sb.append(k == 0 ? "" : " ").append(Integer.toHexString(c[i++]));
            }
            sb.append(") ");
        }
        return sb.toString();
    }
}
