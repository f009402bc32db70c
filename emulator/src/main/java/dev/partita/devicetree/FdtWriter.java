package dev.partita.devicetree;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flattens a node tree into a DTB: version 17, last compatible version 16, laid out as dtc does
 * (header, memory reservation block at offset 40, structure block, strings block), with each
 * property name stored once in the strings block.
 */
public final class FdtWriter {
    private final Buffer struct = new Buffer();
    private final Buffer strings = new Buffer();
    private final Map<String, Integer> stringOffsets = new LinkedHashMap<>();

    private FdtWriter() {}

    /** The DTB of a tree without reservations, booting CPU 0. */
    public static byte[] write(Node root) {
        return write(new FlatDeviceTree(root));
    }

    /** The DTB of {@code tree}. */
    public static byte[] write(FlatDeviceTree tree) {
        FdtWriter w = new FdtWriter();
        w.node(tree.root());
        w.struct.putInt(Fdt.END);

        int rsvOffset = Fdt.HEADER_SIZE;                        // 8-byte aligned
        int rsvSize = (tree.reservations().size() + 1) * 16;
        int structOffset = rsvOffset + rsvSize;                  // 4-byte aligned
        int stringsOffset = structOffset + w.struct.size;
        long total = (long) stringsOffset + w.strings.size;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("device tree too large: " + total + " bytes");
        }

        Buffer out = new Buffer();
        out.putInt(Fdt.MAGIC);
        out.putInt((int) total);
        out.putInt(structOffset);
        out.putInt(stringsOffset);
        out.putInt(rsvOffset);
        out.putInt(Fdt.VERSION);
        out.putInt(Fdt.LAST_COMP_VERSION);
        out.putInt(tree.bootCpuidPhys());
        out.putInt(w.strings.size);
        out.putInt(w.struct.size);
        for (Reservation r : tree.reservations()) {
            out.putLong(r.address());
            out.putLong(r.size());
        }
        out.putLong(0);
        out.putLong(0);
        out.put(w.struct.bytes, 0, w.struct.size);
        out.put(w.strings.bytes, 0, w.strings.size);
        return Arrays.copyOf(out.bytes, out.size);
    }

    private void node(Node n) {
        struct.putInt(Fdt.BEGIN_NODE);
        byte[] name = n.name().getBytes(StandardCharsets.ISO_8859_1);
        struct.put(name, 0, name.length);
        struct.putByte(0);
        struct.align4();
        for (Property p : n.properties()) {
            byte[] v = p.rawValue();
            struct.putInt(Fdt.PROP);
            struct.putInt(v.length);
            struct.putInt(nameOffset(p.name()));
            struct.put(v, 0, v.length);
            struct.align4();
        }
        for (Node c : n.children()) {
            node(c);
        }
        struct.putInt(Fdt.END_NODE);
    }

    private int nameOffset(String name) {
        Integer off = stringOffsets.get(name);
        if (off == null) {
            off = strings.size;
            byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
            strings.put(b, 0, b.length);
            strings.putByte(0);
            stringOffsets.put(name, off);
        }
        return off;
    }

    /** A growable big-endian byte buffer. */
    private static final class Buffer {
        byte[] bytes = new byte[256];
        int size;

        private void ensure(int extra) {
            if (size + extra > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
            }
        }

        void putByte(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        void putInt(int v) {
            ensure(4);
            Property.putInt(bytes, size, v);
            size += 4;
        }

        void putLong(long v) {
            putInt((int) (v >>> 32));
            putInt((int) v);
        }

        void put(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        void align4() {
            while ((size & 3) != 0) {
                putByte(0);
            }
        }
    }
}
