package dev.partita.devicetree;

import java.util.List;

/**
 * Everything a DTB carries: the node tree, the memory reservations and the boot CPU's physical id.
 *
 * @param root          the root node (name "")
 * @param reservations  memory reservation block entries, in order
 * @param bootCpuidPhys the header's boot_cpuid_phys
 */
public record FlatDeviceTree(Node root, List<Reservation> reservations, int bootCpuidPhys) {
    public FlatDeviceTree {
        if (root == null || !root.name().isEmpty()) {
            throw new IllegalArgumentException("the root node must have the empty name");
        }
        reservations = List.copyOf(reservations);
    }

    /** A tree without reservations, booting CPU 0. */
    public FlatDeviceTree(Node root) {
        this(root, List.of(), 0);
    }
}
