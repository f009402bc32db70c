package dev.partita.devicetree;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** FdtWriter and FdtReader against each other, against the DTB format rules and against dtc. */
class FdtRoundTripTest {

    /** A tree with every kind of property, nesting, empty nodes and shared property names. */
    static Node sampleTree() {
        Node root = Node.root();
        root.setCells("#address-cells", 2).setCells("#size-cells", 2);
        root.setString("model", "partita test board");
        root.setStrings("compatible", "partita,test", "simple-bus");
        Node chosen = root.addChild("chosen");
        chosen.setString("bootargs", "console=ttyS0,115200 root=/dev/ram");
        chosen.setBytes("rng-seed", new byte[] {1, 2, 3, 4, 5, 6, 7});       // not a multiple of 4
        Node soc = root.addChild("soc@fe0000000");
        soc.setCells("#address-cells", 1).setCells("#size-cells", 1);
        soc.setCells("ranges", 0, 0xF, 0xE000_0000, 0x10_0000);
        Node pic = soc.addChild("pic@40000");
        pic.assignPhandle(new PhandleAllocator(7));
        pic.setEmpty("interrupt-controller");
        Node deep = soc.addChild("bus@1000").addChild("dev@2").addChild("leaf");
        deep.setU64("u64-pair", 0x1_2345_6789_ABCDL, -1L);
        deep.setCells("interrupt-parent", 7);
        root.addChild("empty");
        root.addChild("memory@0").setString("device_type", "memory").setU64("reg", 0, 256L << 20);
        return root;
    }

    private static int u32(byte[] b, int off) {
        return ByteBuffer.wrap(b).getInt(off);
    }

    @Test
    void writeThenReadGivesTheSameTreeReservationsAndBootCpu() {
        FlatDeviceTree tree = new FlatDeviceTree(sampleTree(),
                List.of(new Reservation(0x1000_0000L, 0x10_0000L), new Reservation(0xF_FFFF_F000L, 0x1000)), 3);
        byte[] dtb = FdtWriter.write(tree);
        FlatDeviceTree back = FdtReader.read(dtb);
        assertEquals(tree, back);
        assertEquals(tree.root().toString(), back.root().toString());
        assertArrayEquals(dtb, FdtWriter.write(back));
    }

    @Test
    void headerFollowsTheVersion17Layout() {
        FlatDeviceTree tree = new FlatDeviceTree(sampleTree(), List.of(new Reservation(0x2000, 0x3000)), 5);
        byte[] dtb = FdtWriter.write(tree);
        assertEquals(0xD00DFEED, u32(dtb, 0));
        assertEquals(dtb.length, u32(dtb, 4));                        // totalsize
        int offStruct = u32(dtb, 8), offStrings = u32(dtb, 12), offRsv = u32(dtb, 16);
        assertEquals(17, u32(dtb, 20));
        assertEquals(16, u32(dtb, 24));
        assertEquals(5, u32(dtb, 28));                                // boot_cpuid_phys
        int sizeStrings = u32(dtb, 32), sizeStruct = u32(dtb, 36);
        assertEquals(40, offRsv);
        assertEquals(0, offRsv % 8);
        assertEquals(0, offStruct % 4);
        assertEquals(offRsv + 2 * 16, offStruct);                     // one entry + terminator
        assertEquals(0x2000L, ByteBuffer.wrap(dtb).getLong(offRsv));
        assertEquals(0x3000L, ByteBuffer.wrap(dtb).getLong(offRsv + 8));
        assertEquals(0L, ByteBuffer.wrap(dtb).getLong(offRsv + 16));
        assertEquals(0L, ByteBuffer.wrap(dtb).getLong(offRsv + 24));
        assertEquals(offStruct + sizeStruct, offStrings);
        assertEquals(offStrings + sizeStrings, dtb.length);
        assertEquals(1, u32(dtb, offStruct));                         // FDT_BEGIN_NODE
        assertEquals(0, u32(dtb, offStruct + 4));                     // root name "" padded
        assertEquals(9, u32(dtb, offStruct + sizeStruct - 4));        // FDT_END
        assertEquals(2, u32(dtb, offStruct + sizeStruct - 8));        // root's FDT_END_NODE
    }

    @Test
    void stringsBlockHoldsEachPropertyNameOnce() {
        Node root = sampleTree();
        byte[] dtb = FdtWriter.write(root);
        int offStrings = u32(dtb, 12), sizeStrings = u32(dtb, 32);
        String block = new String(dtb, offStrings, sizeStrings, StandardCharsets.ISO_8859_1);
        assertTrue(block.endsWith("\0"));
        List<String> stored = List.of(block.substring(0, block.length() - 1).split("\0"));
        Set<String> used = new HashSet<>();
        root.walk(n -> n.properties().forEach(p -> used.add(p.name())));
        assertEquals(used.size(), stored.size(), "no duplicates: " + stored);
        assertEquals(used, new HashSet<>(stored));
    }

    @Test
    void version16BlobsWithoutStructSizeAreRead() {
        byte[] dtb = FdtWriter.write(sampleTree());
        ByteBuffer.wrap(dtb).putInt(20, 16).putInt(36, 0);            // v16 has no size_dt_struct
        assertEquals(sampleTree(), FdtReader.read(dtb).root());
    }

    @Test
    void nopTokensAreSkipped() {
        Node root = Node.root();
        root.addChild("a").setCells("x", 1);
        byte[] dtb = FdtWriter.write(root);
        int offStruct = u32(dtb, 8);
        // struct = BEGIN "\0\0\0\0" | BEGIN "a\0\0\0" | PROP len nameoff value | END_NODE | END_NODE | END
        ByteBuffer b = ByteBuffer.wrap(dtb);
        for (int i = 0; i < 4; i++) {
            b.putInt(offStruct + 16 + 4 * i, 4);                       // the property's four words -> FDT_NOP
        }
        Node expected = Node.root();
        expected.addChild("a");
        assertEquals(expected, FdtReader.read(dtb).root());
    }

    @Test
    void dtcReadsOurBlobsAndWeReadDtcs() throws Exception {
        assumeTrue(Dtc.available(), "dtc not installed");
        FlatDeviceTree tree = new FlatDeviceTree(sampleTree(),
                List.of(new Reservation(0x1000_0000L, 0x10_0000L), new Reservation(0x8_0000_0000L, 0x4000)), 0);
        Dtc.Result dts = Dtc.run("dtb", "dts", FdtWriter.write(tree));
        assertFalse(dts.hasErrors(), dts.stderr());
        String text = dts.outputText();
        assertTrue(text.contains("/memreserve/\t0x0000000010000000 0x0000000000100000;"), text);
        assertTrue(text.contains("/memreserve/\t0x0000000800000000 0x0000000000004000;"), text);
        assertTrue(text.contains("bootargs = \"console=ttyS0,115200 root=/dev/ram\";"), text);
        assertTrue(text.contains("rng-seed = [01 02 03 04 05 06 07];"), text);
        assertTrue(text.contains("u64-pair = <0x12345 0x6789abcd 0xffffffff 0xffffffff>;"), text);
        Dtc.Result dtb = Dtc.run("dts", "dtb", dts.output());
        assertFalse(dtb.hasErrors(), dtb.stderr());
        assertEquals(tree, FdtReader.read(dtb.output()));
    }

    @Test
    void propertyAccessorsDecodeAndRejectWrongShapes() {
        assertEquals(List.of("a", "bc"), Property.strings("p", "a", "bc").asStrings());
        assertEquals("", Property.string("p", "").asString());
        assertArrayEquals(new byte[] {0}, Property.string("p", "").value());
        assertEquals(0x1_0000_0002L, Property.u64("p", 0x1_0000_0002L).asU64());
        assertArrayEquals(new int[] {1, 2}, Property.u64("p", 0x1_0000_0002L).asCells());
        assertEquals(0, Property.empty("p").length());
        assertThrows(DeviceTreeException.class, () -> Property.bytes("p", new byte[3]).asCells());
        assertThrows(DeviceTreeException.class, () -> Property.cells("p", 1, 2).asCell());
        assertThrows(DeviceTreeException.class, () -> Property.cells("p", 0x41424344).asString());
        assertThrows(DeviceTreeException.class, () -> Property.strings("p", "a", "b").asString());
        assertThrows(IllegalArgumentException.class, () -> Property.string("p", "a\0b"));
        assertThrows(IllegalArgumentException.class, () -> Property.empty(""));
    }

    @Test
    void nodeModelKeepsOrderReplacesInPlaceAndResolvesPaths() {
        Node root = sampleTree();
        Node chosen = root.find("/chosen");
        List<String> before = names(chosen.properties());
        chosen.setString("bootargs", "quiet");                        // replaced in place
        assertEquals(before, names(chosen.properties()));
        assertEquals("quiet", chosen.property("bootargs").asString());
        Node leaf = root.find("/soc@fe0000000/bus@1000/dev@2/leaf");
        assertEquals("/soc@fe0000000/bus@1000/dev@2/leaf", leaf.path());
        assertSame(leaf, root.find("soc@fe0000000").find("bus@1000/dev@2/leaf"));
        assertSame(leaf, leaf.find("/soc@fe0000000/bus@1000/dev@2/leaf"));
        assertNull(root.find("/soc@fe0000000/nothing"));
        assertSame(root.find("/soc@fe0000000/pic@40000"), root.findByPhandle(7));
        assertNull(root.findByPhandle(8));
        assertThrows(IllegalArgumentException.class, () -> root.addChild("chosen"));
        assertThrows(IllegalArgumentException.class, () -> root.addChild("a/b"));
        assertThrows(IllegalArgumentException.class, () -> root.addChild(""));
        assertTrue(root.removeChild("empty"));
        assertNull(root.child("empty"));
    }

    @Test
    void reverseOrderMirrorsLibfdtInsertion() {
        Node root = Node.root();
        root.setCells("first", 1).setCells("second", 2);
        Node a = root.addChild("a");
        a.setCells("x", 1).setCells("y", 2);
        root.addChild("b");
        root.reverseOrder();
        assertEquals(List.of("second", "first"), names(root.properties()));
        assertEquals(List.of("b", "a"), root.children().stream().map(Node::name).toList());
        assertEquals(List.of("y", "x"), names(root.child("a").properties()));
    }

    private static List<String> names(List<Property> props) {
        List<String> out = new ArrayList<>();
        props.forEach(p -> out.add(p.name()));
        return out;
    }
}
