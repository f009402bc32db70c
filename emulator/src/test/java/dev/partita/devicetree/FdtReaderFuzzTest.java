package dev.partita.devicetree;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The reader on malformed input: specific defects give specific one-line messages, and random and
 * mutated blobs (fixed seeds) give either a tree that survives a write/read round trip or a
 * {@link DeviceTreeException}, never another exception.
 */
class FdtReaderFuzzTest {

    private static byte[] valid() {
        return FdtWriter.write(new FlatDeviceTree(FdtRoundTripTest.sampleTree(),
                List.of(new Reservation(0x1000, 0x2000)), 0));
    }

    private static int u32(byte[] b, int off) {
        return ByteBuffer.wrap(b).getInt(off);
    }

    private static byte[] with(byte[] b, int off, int value) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).putInt(off, value);
        return c;
    }

    private static String failure(byte[] blob) {
        DeviceTreeException e = assertThrows(DeviceTreeException.class, () -> FdtReader.read(blob));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    private static void assertFails(byte[] blob, String expected) {
        String msg = failure(blob);
        assertTrue(msg.contains(expected), "message \"" + msg + "\" lacks \"" + expected + "\"");
    }

    /** Offset in the structure block of the first property token of node "/chosen". */
    private static int firstPropOfChosen(byte[] dtb) {
        int off = u32(dtb, 8);
        // root: BEGIN + name word, then its 4 properties, then BEGIN "chosen"
        int p = off + 8;
        while (u32(dtb, p) == 3) {
            int len = u32(dtb, p + 4);
            p += 12 + ((len + 3) & ~3);
        }
        assertEquals(1, u32(dtb, p));                                 // BEGIN_NODE "chosen\0\0"
        return p + 4 + 8;
    }

    @Test
    void headerDefects() {
        byte[] ok = valid();
        int total = ok.length;
        assertFails(null, "malformed DTB: no data");
        assertFails(new byte[0], "malformed DTB: file too short for a header (0 bytes)");
        assertFails(Arrays.copyOf(ok, 39), "file too short for a header");
        assertFails(with(ok, 0, 0xD00DFEEE), "malformed DTB: bad magic 0xd00dfeee");
        assertFails(with(ok, 4, total + 1), "totalsize " + (total + 1) + " exceeds the file size " + total);
        assertFails(Arrays.copyOf(ok, total - 1), "exceeds the file size");
        assertFails(with(ok, 4, 39), "totalsize 39 is smaller than the header");
        assertFails(with(ok, 36, total - u32(ok, 8) + 1), "malformed DTB: structure block extends past end of file");
        assertFails(with(ok, 36, -1), "structure block extends past end of file");
        assertFails(with(ok, 8, u32(ok, 8) + 2), "not 4-byte aligned");
        assertFails(with(ok, 8, 8), "structure block offset 8 outside the file");
        assertFails(with(ok, 32, u32(ok, 32) + 1), "strings block extends past end of file");
        assertFails(with(ok, 12, -8), "strings block extends past end of file");
        assertFails(with(ok, 16, 44), "memory reservation block offset 44 is not 8-byte aligned");
        assertFails(with(ok, 16, total), "memory reservation block offset " + total + " outside the file");
        assertFails(with(ok, 20, 15), "unsupported DTB version 15");
        assertFails(with(ok, 24, 18), "last compatible version 18");
        // A huge claimed size with a tiny blob allocates nothing.
        assertFails(with(Arrays.copyOf(ok, 40), 4, -1), "exceeds the file size");
    }

    @Test
    void reservationBlockMustBeTerminated() {
        byte[] ok = valid();
        // Point the reservation block at the last 16 bytes of the file (strings, not zeros).
        int off = (ok.length - 16) & ~7;
        assertFails(with(ok, 16, off), "memory reservation block not terminated");
    }

    @Test
    void structureDefects() {
        byte[] ok = valid();
        int s = u32(ok, 8);
        int size = u32(ok, 36);
        int chosenProp = firstPropOfChosen(ok);
        assertFails(with(ok, s, 3), "property outside any node");
        assertFails(with(ok, s, 2), "FDT_END_NODE outside any node");
        assertFails(with(ok, s, 9), "structure block has no root node");
        assertFails(with(ok, s, 0x42), "malformed DTB: unknown token 0x00000042 at offset " + s);
        assertFails(with(ok, s + 4, 0x2F000000), "root node has the name \"/\"");
        assertFails(with(ok, s + size - 4, 4), "structure block ends without FDT_END");      // END -> NOP
        assertFails(with(ok, s + size - 8, 9), "FDT_END inside node /");                      // root END_NODE -> END
        assertFails(with(ok, s + size - 4, 2), "FDT_END_NODE outside any node");
        assertFails(with(ok, s + size - 4, 1), "node name not terminated in structure block");
        assertFails(with(ok, chosenProp + 4, 0x10000), "property value extends past the structure block");
        assertFails(with(ok, chosenProp + 8, u32(ok, 32)), "property name offset " + u32(ok, 32) + " outside the strings block");
        assertFails(with(ok, chosenProp + 8, u32(ok, 32) - 1), "empty property name");
    }

    @Test
    void namingAndNestingDefects() {
        Node root = Node.root();
        Node a = root.addChild("a");
        a.setCells("x", 1);
        a.setCells("y", 2);
        root.addChild("b");
        byte[] ok = FdtWriter.write(root);
        int s = u32(ok, 8);
        // struct: BEGIN "" | BEGIN "a" | PROP x | PROP y | END_NODE | BEGIN "b" | END_NODE | END_NODE | END
        int propY = s + 16 + 16;
        int beginB = propY + 16 + 4;
        assertFails(with(ok, beginB + 4, 0x61000000), "duplicate node a in /");
        assertFails(with(ok, beginB + 4, 0x612F6200), "invalid node name \"a/b\" in /");
        assertFails(with(ok, propY + 8, u32(ok, s + 16 + 8)), "duplicate property x in /a");
        // Property names longer than the limit.
        Node longName = Node.root();
        longName.setEmpty("p".repeat(FdtReader.MAX_PROPERTY_NAME + 1));
        assertFails(FdtWriter.write(longName), "property name longer than 255 bytes");
        Node limit = Node.root();
        limit.setEmpty("p".repeat(FdtReader.MAX_PROPERTY_NAME));
        assertEquals(limit, FdtReader.read(FdtWriter.write(limit)).root());
        // END_NODE of "a" dropped (a NOP): "b" nests inside "a" and the root is never closed.
        assertFails(with(ok, propY + 16, 4), "FDT_END inside node /");
        // Nesting: 64 levels are fine, 65 are not.
        assertEquals(64, depthOf(FdtReader.read(FdtWriter.write(chain(63)))));
        assertFails(FdtWriter.write(chain(64)), "nodes nested deeper than 64 levels");
    }

    @Test
    void propertyAfterSubnodeIsRejected() {
        Node root = Node.root();
        root.addChild("a");
        root.setCells("late", 1);                                     // written before the child...
        byte[] ok = FdtWriter.write(root);
        int s = u32(ok, 8);
        // ...so move it: struct = BEGIN "" | PROP late(12+4) | BEGIN "a" | END_NODE | END_NODE | END
        byte[] prop = Arrays.copyOfRange(ok, s + 8, s + 24);
        byte[] child = Arrays.copyOfRange(ok, s + 24, s + 36);
        byte[] moved = ok.clone();
        System.arraycopy(child, 0, moved, s + 8, 12);
        System.arraycopy(prop, 0, moved, s + 20, 16);
        assertFails(moved, "property after a subnode in /");
    }

    private static Node chain(int levels) {
        Node root = Node.root();
        Node n = root;
        for (int i = 0; i < levels; i++) {
            n = n.addChild("n" + i);
        }
        return root;
    }

    private static int depthOf(FlatDeviceTree t) {
        int d = 1;
        for (Node n = t.root(); !n.children().isEmpty(); n = n.children().getFirst()) {
            d++;
        }
        return d;
    }

    /** Parses one input; returns whether it was accepted, failing on any exception but DeviceTreeException. */
    private static boolean check(byte[] input, String what) {
        FlatDeviceTree tree;
        try {
            tree = FdtReader.read(input);
        } catch (DeviceTreeException e) {
            String m = e.getMessage();
            if (m == null || m.isEmpty() || m.contains("\n")) {
                fail(what + ": message is not one line: " + m);
            }
            return false;
        } catch (Throwable t) {
            throw new AssertionError(what + ": " + t, t);
        }
        byte[] again = FdtWriter.write(tree);
        assertEquals(tree, FdtReader.read(again), what + ": round trip");
        return true;
    }

    @Test
    void randomBytesNeverEscapeAsOtherExceptions() {
        Random r = new Random(0x5EED_0001L);
        for (int i = 0; i < 4000; i++) {
            byte[] b = new byte[r.nextInt(300)];
            r.nextBytes(b);
            check(b, "random #" + i);
        }
        // Random bodies behind a plausible header, so that parsing goes past the header checks.
        for (int i = 0; i < 6000; i++) {
            int len = 40 + r.nextInt(400);
            byte[] b = new byte[len];
            r.nextBytes(b);
            ByteBuffer h = ByteBuffer.wrap(b);
            int offRsv = 40 + 8 * r.nextInt(3);
            int offStruct = Math.min(len, offRsv + 16 * (1 + r.nextInt(2))) & ~3;
            int sizeStruct = r.nextInt(len - offStruct + 1);
            int offStrings = Math.min(len, offStruct + sizeStruct);
            h.putInt(0, 0xD00DFEED).putInt(4, len).putInt(8, offStruct).putInt(12, offStrings)
                    .putInt(16, offRsv).putInt(20, 17).putInt(24, 16).putInt(32, len - offStrings)
                    .putInt(36, sizeStruct);
            for (int k = offRsv; k + 16 <= offStruct && k + 16 <= len; k += 16) {
                if (r.nextBoolean()) {
                    h.putLong(k, 0).putLong(k + 8, 0);
                }
            }
            if (offStruct + 8 <= len && r.nextInt(4) != 0) {
                h.putInt(offStruct, 1).putInt(offStruct + 4, 0);    // a root BEGIN_NODE ""
                for (int k = offStruct + 8; k + 4 <= offStruct + sizeStruct; k += 4) {
                    if (r.nextInt(3) == 0) {
                        h.putInt(k, 1 + r.nextInt(9));                 // sprinkle valid-looking tokens
                    }
                }
            }
            check(b, "header+random #" + i);
        }
    }

    @Test
    void mutatedValidBlobsNeverEscapeAsOtherExceptions() {
        byte[][] bases = {valid(), FdtWriter.write(Node.root()), FdtWriter.write(chain(5))};
        Random r = new Random(0x5EED_0002L);
        int accepted = 0, rejected = 0;
        for (int i = 0; i < 12000; i++) {
            byte[] base = bases[i % bases.length];
            byte[] b = base.clone();
            switch (r.nextInt(6)) {
                case 0 -> {                                           // flip a few bytes anywhere
                    for (int k = 1 + r.nextInt(8); k > 0; k--) {
                        b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                    }
                }
                case 1 -> {                                           // a header field set to a nasty value
                    int field = 4 * (1 + r.nextInt(9));
                    int[] nasty = {0, 1, 3, 4, 39, 40, 41, b.length - 1, b.length, b.length + 1,
                            Integer.MAX_VALUE, Integer.MIN_VALUE, -1, -4, r.nextInt()};
                    ByteBuffer.wrap(b).putInt(field, nasty[r.nextInt(nasty.length)]);
                }
                case 2 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1));      // truncated
                case 3 -> {                                           // a structure word set to a token or junk
                    int s = u32(base, 8), size = u32(base, 36);
                    int word = s + 4 * r.nextInt(size / 4);
                    int[] values = {0, 1, 2, 3, 4, 9, 10, -1, 0x10000, r.nextInt()};
                    ByteBuffer.wrap(b).putInt(word, values[r.nextInt(values.length)]);
                }
                case 4 -> {                                           // a chunk of the structure deleted
                    int s = u32(base, 8), size = u32(base, 36);
                    int from = s + 4 * r.nextInt(size / 4);
                    int len = 4 * (1 + r.nextInt(4));
                    if (from + len <= b.length) {
                        byte[] c = new byte[b.length - len];
                        System.arraycopy(b, 0, c, 0, from);
                        System.arraycopy(b, from + len, c, from, b.length - from - len);
                        b = c;
                        ByteBuffer.wrap(b).putInt(4, b.length);
                    }
                }
                default -> {                                          // random bytes spliced into the strings
                    int off = u32(base, 12) + r.nextInt(Math.max(1, u32(base, 32)));
                    for (int k = 0; k < 1 + r.nextInt(6) && off + k < b.length; k++) {
                        b[off + k] = (byte) r.nextInt(256);
                    }
                }
            }
            if (check(b, "mutation #" + i)) {
                accepted++;
            } else {
                rejected++;
            }
        }
        // The mutations exercise both outcomes.
        assertTrue(accepted > 100, "accepted " + accepted);
        assertTrue(rejected > 1000, "rejected " + rejected);
    }
}
