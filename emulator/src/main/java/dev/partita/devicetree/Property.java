package dev.partita.devicetree;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A device tree property: a name and an untyped big-endian value. The factories give the usual
 * encodings (strings, string lists, 32-bit cells, 64-bit values, raw bytes, empty); the
 * accessors decode them again and throw {@link DeviceTreeException} when the value has the wrong shape.
 * Immutable.
 */
public final class Property {
    private final String name;
    private final byte[] value;

    private Property(String name, byte[] value) {
        Node.checkName(name, "property");
        this.name = name;
        this.value = value;
    }

    /** A NUL-terminated string ({@code name = "value"}). */
    public static Property string(String name, String value) {
        return strings(name, value);
    }

    /** A list of NUL-terminated strings ({@code name = "a", "b"}). */
    public static Property strings(String name, String... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String s : values) {
            if (s.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("string value of " + name + " contains NUL");
            }
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return new Property(name, out.toByteArray());
    }

    /** Big-endian 32-bit cells ({@code name = <a b c>}). */
    public static Property cells(String name, int... cells) {
        byte[] v = new byte[cells.length * 4];
        for (int i = 0; i < cells.length; i++) {
            putInt(v, i * 4, cells[i]);
        }
        return new Property(name, v);
    }

    /** Big-endian 64-bit values, each two cells ({@code name = /bits/ 64 <a>}). */
    public static Property u64(String name, long... values) {
        byte[] v = new byte[values.length * 8];
        for (int i = 0; i < values.length; i++) {
            putInt(v, i * 8, (int) (values[i] >>> 32));
            putInt(v, i * 8 + 4, (int) values[i]);
        }
        return new Property(name, v);
    }

    /** Raw bytes (copied). */
    public static Property bytes(String name, byte[] value) {
        return new Property(name, value.clone());
    }

    /** A property without a value ({@code name;}), a boolean flag. */
    public static Property empty(String name) {
        return new Property(name, new byte[0]);
    }

    /** Wraps bytes the caller hands over (the reader's copies). */
    static Property adopt(String name, byte[] value) {
        return new Property(name, value);
    }

    public String name() {
        return name;
    }

    /** A copy of the value. */
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    byte[] rawValue() {
        return value;
    }

    /** The value as 32-bit cells. */
    public int[] asCells() {
        if (value.length % 4 != 0) {
            throw new DeviceTreeException("property " + name + " is not a list of cells (" + value.length + " bytes)");
        }
        int[] c = new int[value.length / 4];
        for (int i = 0; i < c.length; i++) {
            c[i] = getInt(value, i * 4);
        }
        return c;
    }

    /** The value as exactly one cell. */
    public int asCell() {
        if (value.length != 4) {
            throw new DeviceTreeException("property " + name + " is not one cell (" + value.length + " bytes)");
        }
        return getInt(value, 0);
    }

    /** The value as exactly one 64-bit number (two cells). */
    public long asU64() {
        if (value.length != 8) {
            throw new DeviceTreeException("property " + name + " is not a 64-bit value (" + value.length + " bytes)");
        }
        return ((long) getInt(value, 0) << 32) | (getInt(value, 4) & 0xFFFF_FFFFL);
    }

    /** The value as a list of NUL-terminated strings. */
    public List<String> asStrings() {
        if (value.length == 0 || value[value.length - 1] != 0) {
            throw new DeviceTreeException("property " + name + " is not a NUL-terminated string list");
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length; i++) {
            if (value[i] == 0) {
                out.add(new String(value, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return out;
    }

    /** The value as exactly one NUL-terminated string. */
    public String asString() {
        List<String> s = asStrings();
        if (s.size() != 1) {
            throw new DeviceTreeException("property " + name + " holds " + s.size() + " strings, not one");
        }
        return s.getFirst();
    }

    private boolean looksLikeStrings() {
        if (value[value.length - 1] != 0 || value[0] == 0) {
            return false;
        }
        for (int i = 0; i < value.length; i++) {
            int b = value[i] & 0xFF;
            if (b == 0 ? value[i - 1] == 0 : b < 0x20 || b > 0x7E || b == '"' || b == '\\') {
                return false;
            }
        }
        return true;
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static int getInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Property p && name.equals(p.name) && Arrays.equals(value, p.value);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(value);
    }

    /** DTS-like rendering: strings when printable, cells when the length is a multiple of 4, else bytes. */
    @Override
    public String toString() {
        if (value.length == 0) {
            return name + ";";
        }
        if (looksLikeStrings()) {
            StringBuilder sb = new StringBuilder(name).append(" = ");
            List<String> list = asStrings();
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "\"" : ", \"").append(list.get(i)).append('"');
            }
            return sb.append(';').toString();
        }
        if (value.length % 4 == 0) {
            StringBuilder sb = new StringBuilder(name).append(" = <");
            for (int i = 0; i < value.length; i += 4) {
                sb.append(i == 0 ? "" : " ").append("0x").append(Integer.toHexString(getInt(value, i)));
            }
            return sb.append(">;").toString();
        }
        return name + " = [" + HexFormat.ofDelimiter(" ").formatHex(value) + "];";
    }
}
