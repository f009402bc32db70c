package dev.partita.devicetree;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates a DTB (version 16 or later, last compatible version at most 17) into the
 * node model. Anything malformed (bad magic, blocks outside the blob, misalignment, unterminated
 * names, unknown tokens, broken nesting, duplicate names, nesting deeper than 64, property names
 * longer than 255 bytes, properties after subnodes) ends in a
 * {@link DeviceTreeException} with a one-line message; no other exception escapes for any input
 * bytes, and memory use is bounded by the input size.
 */
public final class FdtReader {
    /**
     * Longest property name accepted. The specification allows 31 characters; the limit keeps the
     * names' memory bounded when many properties point at one long run in the strings block.
     */
    static final int MAX_PROPERTY_NAME = 255;

    private final byte[] blob;
    private long structStart;
    private long structEnd;
    private long stringsStart;
    private long stringsEnd;
    private final Map<Long, String> names = new HashMap<>();

    private FdtReader(byte[] blob) {
        this.blob = blob;
    }

    /** Parses {@code blob}; bytes after the header's totalsize are ignored. */
    public static FlatDeviceTree read(byte[] blob) {
        if (blob == null) {
            throw malformed("no data");
        }
        return new FdtReader(blob).parse();
    }

    private static DeviceTreeException malformed(String what) {
        return new DeviceTreeException("malformed DTB: " + what);
    }

    private long u32(long off) {
        return Property.getInt(blob, (int) off) & 0xFFFF_FFFFL;
    }

    private FlatDeviceTree parse() {
        if (blob.length < Fdt.HEADER_SIZE) {
            throw malformed("file too short for a header (" + blob.length + " bytes)");
        }
        if ((int) u32(0) != Fdt.MAGIC) {
            throw malformed(String.format("bad magic 0x%08x", u32(0)));
        }
        long total = u32(4);
        long offStruct = u32(8);
        long offStrings = u32(12);
        long offRsv = u32(16);
        long version = u32(20);
        long lastComp = u32(24);
        int bootCpuid = (int) u32(28);
        long sizeStrings = u32(32);
        if (version < 16) {
            throw new DeviceTreeException("unsupported DTB version " + version + " (need 16 or later)");
        }
        if (lastComp > Fdt.VERSION) {
            throw new DeviceTreeException("unsupported DTB: last compatible version " + lastComp + " is newer than 17");
        }
        if (total < Fdt.HEADER_SIZE) {
            throw malformed("totalsize " + total + " is smaller than the header");
        }
        if (total > blob.length) {
            throw malformed("totalsize " + total + " exceeds the file size " + blob.length);
        }
        if (offStruct < Fdt.HEADER_SIZE || offStruct > total) {
            throw malformed("structure block offset " + offStruct + " outside the file");
        }
        long sizeStruct = version >= 17 ? u32(36) : total - offStruct;
        if ((offStruct & 3) != 0) {
            throw malformed("structure block offset " + offStruct + " is not 4-byte aligned");
        }
        if (offStruct + sizeStruct > total) {
            throw malformed("structure block extends past end of file");
        }
        if (offStrings < Fdt.HEADER_SIZE || offStrings + sizeStrings > total) {
            throw malformed("strings block extends past end of file");
        }
        if (offRsv < Fdt.HEADER_SIZE || offRsv >= total) {
            throw malformed("memory reservation block offset " + offRsv + " outside the file");
        }
        if ((offRsv & 7) != 0) {
            throw malformed("memory reservation block offset " + offRsv + " is not 8-byte aligned");
        }
        structStart = offStruct;
        structEnd = offStruct + sizeStruct;
        stringsStart = offStrings;
        stringsEnd = offStrings + sizeStrings;
        List<Reservation> reservations = reservations(offRsv, total);
        return new FlatDeviceTree(structure(), reservations, bootCpuid);
    }

    private List<Reservation> reservations(long off, long total) {
        List<Reservation> out = new ArrayList<>();
        for (long p = off; p + 16 <= total; p += 16) {
            long address = u32(p) << 32 | u32(p + 4);
            long size = u32(p + 8) << 32 | u32(p + 12);
            if (address == 0 && size == 0) {
                return out;
            }
            out.add(new Reservation(address, size));
        }
        throw malformed("memory reservation block not terminated");
    }

    private Node structure() {
        long p = structStart;
        Node root = null;
        Node current = null;
        int depth = 0;
        while (true) {
            if (p + 4 > structEnd) {
                throw malformed("structure block ends without FDT_END");
            }
            int token = (int) u32(p);
            p += 4;
            switch (token) {
                case Fdt.BEGIN_NODE -> {
                    long nul = findNul(p, structEnd);
                    if (nul < 0) {
                        throw malformed("node name not terminated in structure block");
                    }
                    String name = new String(blob, (int) p, (int) (nul - p), StandardCharsets.ISO_8859_1);
                    p = align4(nul + 1);
                    if (current == null) {
                        if (root != null) {
                            throw malformed("more than one root node");
                        }
                        if (!name.isEmpty()) {
                            throw malformed("root node has the name \"" + printable(name) + "\"");
                        }
                        root = current = Node.root();
                    } else {
                        if (depth >= Fdt.MAX_DEPTH) {
                            throw malformed("nodes nested deeper than " + Fdt.MAX_DEPTH + " levels");
                        }
                        if (name.isEmpty() || name.indexOf('/') >= 0) {
                            throw malformed("invalid node name \"" + printable(name) + "\" in " + current.path());
                        }
                        if (current.hasChild(name)) {
                            throw malformed("duplicate node " + printable(name) + " in " + current.path());
                        }
                        current = current.addChild(name);
                    }
                    depth++;
                }
                case Fdt.END_NODE -> {
                    if (current == null) {
                        throw malformed("FDT_END_NODE outside any node");
                    }
                    current = current.parent();
                    depth--;
                }
                case Fdt.PROP -> {
                    if (current == null) {
                        throw malformed("property outside any node");
                    }
                    if (p + 8 > structEnd) {
                        throw malformed("property header extends past the structure block");
                    }
                    long len = u32(p);
                    long nameOff = u32(p + 4);
                    p += 8;
                    if (p + len > structEnd) {
                        throw malformed("property value extends past the structure block");
                    }
                    if (current.hasChildren()) {
                        throw malformed("property after a subnode in " + current.path());
                    }
                    String name = propertyName(nameOff);
                    if (current.hasProperty(name)) {
                        throw malformed("duplicate property " + printable(name) + " in " + current.path());
                    }
                    byte[] value = Arrays.copyOfRange(blob, (int) p, (int) (p + len));
                    current.set(Property.adopt(name, value));
                    p = align4(p + len);
                }
                case Fdt.NOP -> { }
                case Fdt.END -> {
                    if (current != null) {
                        throw malformed("FDT_END inside node " + current.path());
                    }
                    if (root == null) {
                        throw malformed("structure block has no root node");
                    }
                    return root;
                }
                default -> throw malformed(String.format("unknown token 0x%08x at offset %d", token, p - 4));
            }
        }
    }

    private String propertyName(long nameOff) {
        String cached = names.get(nameOff);
        if (cached != null) {
            return cached;
        }
        long start = stringsStart + nameOff;
        if (nameOff >= stringsEnd - stringsStart) {
            throw malformed("property name offset " + nameOff + " outside the strings block");
        }
        long nul = findNul(start, Math.min(stringsEnd, start + MAX_PROPERTY_NAME + 1));
        if (nul < 0) {
            throw malformed(start + MAX_PROPERTY_NAME + 1 < stringsEnd
                    ? "property name longer than " + MAX_PROPERTY_NAME + " bytes"
                    : "property name not terminated in strings block");
        }
        if (nul == start) {
            throw malformed("empty property name");
        }
        String name = new String(blob, (int) start, (int) (nul - start), StandardCharsets.ISO_8859_1);
        names.put(nameOff, name);
        return name;
    }

    /** Offset of the first NUL in [from, end), or -1. */
    private long findNul(long from, long end) {
        for (long i = from; i < end; i++) {
            if (blob[(int) i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static long align4(long p) {
        return (p + 3) & ~3L;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return s.length() > 64 ? sb + "..." : sb.toString();
    }
}
