package dev.partita.devicetree;

/** Constants of the flattened device tree format (Devicetree Specification v0.4, chapter 5). */
final class Fdt {
    private Fdt() {}

    static final int MAGIC = 0xD00DFEED;
    static final int VERSION = 17;
    static final int LAST_COMP_VERSION = 16;
    /** Size of the version 17 header: ten big-endian 32-bit fields. */
    static final int HEADER_SIZE = 40;

    static final int BEGIN_NODE = 1;
    static final int END_NODE = 2;
    static final int PROP = 3;
    static final int NOP = 4;
    static final int END = 9;

    /** Deepest node nesting accepted (Linux's unflatten_dt_nodes stops at 64 too). */
    static final int MAX_DEPTH = 64;
}
