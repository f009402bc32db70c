package dev.partita.machine;

import dev.partita.devicetree.CanonicalTree;
import dev.partita.devicetree.Dtc;
import dev.partita.devicetree.FdtReader;
import dev.partita.devicetree.FlatDeviceTree;
import dev.partita.devicetree.Node;
import dev.partita.devicetree.Property;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The generated ppce500 tree against device trees dumped from QEMU 7.2's ppce500 (the shared
 * reference for "-m 256", and two dumps with more cpus, a second serial port, -kernel, -initrd and
 * -append stored as test resources), compiled by dtc and read back with our reader.
 */
class Ppce500DeviceTreeTest {
    private static final Path REFERENCE_DTS = Path.of("/work/shared/reference/qemu-ppce500-m256.dts");
    private static final long MIB = 1 << 20;
    /** The only value QEMU randomises. */
    private static final Set<String> RANDOM = Set.of("/chosen:rng-seed");

    private static final BoardLayout M256 = new BoardLayout(256 * MIB, 1, "", -1, 0, -1, 0);

    private static byte[] compileDts(byte[] dts) throws Exception {
        assumeTrue(Dtc.available(), "dtc not installed");
        Dtc.Result r = Dtc.run("dts", "dtb", dts);
        assertFalse(r.hasErrors(), r.stderr());
        return r.output();
    }

    private static Node referenceTree(byte[] dts) throws Exception {
        return FdtReader.read(compileDts(dts)).root();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Ppce500DeviceTreeTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    /** Same nodes, properties, values, order and phandle targets; and, as we use QEMU's phandles, equal models. */
    private static void assertSameTree(Node expected, Node actual) {
        assertEquals(String.join("\n", CanonicalTree.lines(expected, RANDOM)),
                String.join("\n", CanonicalTree.lines(actual, RANDOM)));
        Property seed = actual.find("/chosen").property("rng-seed");
        assertEquals(32, seed.length());
        expected.find("/chosen").remove("rng-seed");
        actual.find("/chosen").remove("rng-seed");
        assertEquals(expected, actual);
    }

    /** dtc decompiles our blob without errors and warns about nothing QEMU's own tree does not. */
    private static void assertDtcAccepts(byte[] ours, byte[] qemuDtb) throws Exception {
        Dtc.Result r = Dtc.run("dtb", "dts", ours);
        assertFalse(r.hasErrors(), r.stderr());
        assertTrue(r.outputText().contains("fsl,qemu-e500"));
        Set<String> qemuWarnings = new HashSet<>(Dtc.run("dtb", "dts", qemuDtb).warnings());
        for (String w : r.warnings()) {
            assertTrue(qemuWarnings.contains(w), "dtc warns about our tree only: " + w);
        }
    }

    @Test
    void defaultTreeMatchesQemuReferenceForM256() throws Exception {
        byte[] qemuDtb = compileDts(Files.readAllBytes(REFERENCE_DTS));
        byte[] ours = Ppce500DeviceTree.dtb(M256);
        Path tmp = Files.createTempFile("ppce500", ".dtb");
        try {
            Files.write(tmp, ours);
            assertDtcAccepts(Files.readAllBytes(tmp), qemuDtb);
        } finally {
            Files.delete(tmp);
        }
        assertSameTree(FdtReader.read(qemuDtb).root(), FdtReader.read(ours).root());
    }

    @Test
    void twoCpusSecondSerialKernelInitrdAndBootargsMatchQemu() throws Exception {
        byte[] qemuDtb = compileDts(resource("qemu-ppce500-m256-smp2-serial2-kernel-initrd.dts"));
        // The dump's command line: -m 256 -smp 2, kernel.bin of 100000 bytes loaded at 32 MiB,
        // initrd.bin of 5000 bytes at 64 MiB, two serial ports.
        BoardLayout layout = new BoardLayout(256 * MIB, 2, "console=ttyS0 root=/dev/ram",
                0x400_0000L, 0x400_0000L + 5000, 0x200_0000L, 100_000);
        Ppce500DeviceTree.Options options = Ppce500DeviceTree.Options.DEFAULT.withDevices(Ppce500DeviceTree.ALL_DEVICES);
        byte[] ours = Ppce500DeviceTree.dtb(layout, options);
        assertDtcAccepts(ours, qemuDtb);
        assertSameTree(FdtReader.read(qemuDtb).root(), FdtReader.read(ours).root());
    }

    @Test
    void fourCpusAndKernelMatchQemu() throws Exception {
        byte[] qemuDtb = compileDts(resource("qemu-ppce500-m1024-smp4-kernel.dts"));
        BoardLayout layout = new BoardLayout(1024 * MIB, 4, "", -1, 0, 0x200_0000L, 100_000);
        byte[] ours = Ppce500DeviceTree.dtb(layout);
        assertDtcAccepts(ours, qemuDtb);
        assertSameTree(FdtReader.read(qemuDtb).root(), FdtReader.read(ours).root());
    }

    @Test
    void pciInterruptMapEqualsQemusTable() throws Exception {
        Node ref = referenceTree(Files.readAllBytes(REFERENCE_DTS));
        int mpic = ref.find("/soc@fe0000000/pic@40000").phandle();
        int[] expected = ref.find("/pci@fe0008000").property("interrupt-map").asCells();
        assertArrayEquals(expected, Ppce500DeviceTree.pciInterruptMap(mpic));
        // Slot 1 INTA goes to MPIC source 2, slot 4 INTA wraps around to source 1.
        assertEquals(2, expected[5]);
        assertEquals(1, expected[3 * 4 * 7 + 5]);
    }

    @Test
    void secondaryCpusSpinOnTheirSpinTableEntry() {
        Node root = Ppce500DeviceTree.build(new BoardLayout(512 * MIB, 4, "", -1, 0, -1, 0));
        List<Node> cpus = root.find("/cpus").children();
        assertEquals(4, cpus.size());
        for (int n = 0; n < 4; n++) {
            Node cpu = cpus.get(n);                         // cpu 0 first: Linux boots on the first
            assertEquals("PowerPC,8544@" + n, cpu.name());
            assertEquals(n, cpu.property("reg").asCell());
            if (n == 0) {
                assertEquals("okay", cpu.property("status").asString());
                assertNull(cpu.property("cpu-release-addr"));
            } else {
                assertEquals("disabled", cpu.property("status").asString());
                assertEquals("spin-table", cpu.property("enable-method").asString());
                assertEquals(0xF_EF00_0000L + 0x20L * n, cpu.property("cpu-release-addr").asU64());
            }
        }
        assertEquals(512 * MIB, root.find("/memory").property("reg").asCells()[3] & 0xFFFF_FFFFL);
    }

    @Test
    void memoryRegIsTwoSixtyFourBitCells() {
        Node root = Ppce500DeviceTree.build(new BoardLayout(6L << 30, 1, "", -1, 0, -1, 0));
        assertArrayEquals(new int[] {0, 0, 1, 0x8000_0000}, root.find("/memory").property("reg").asCells());
    }

    @Test
    void rngSeedIsDeterministicPerSeed() {
        Ppce500DeviceTree.Options a = Ppce500DeviceTree.Options.DEFAULT;
        assertArrayEquals(Ppce500DeviceTree.dtb(M256, a), Ppce500DeviceTree.dtb(M256, a));
        byte[] s1 = Ppce500DeviceTree.build(M256, a.withRngSeed(1)).find("/chosen").property("rng-seed").value();
        byte[] s2 = Ppce500DeviceTree.build(M256, a.withRngSeed(2)).find("/chosen").property("rng-seed").value();
        assertEquals(32, s1.length);
        assertFalse(java.util.Arrays.equals(s1, s2));
        assertFalse(java.util.Arrays.equals(s1, new byte[32]));
    }

    @Test
    void omittedDevicesLeaveNoNodesAliasesOrDanglingReferences() throws Exception {
        Ppce500DeviceTree.Options opts = Ppce500DeviceTree.Options.DEFAULT.without(
                Ppce500DeviceTree.I2C, Ppce500DeviceTree.MSI, Ppce500DeviceTree.PLATFORM);
        byte[] dtb = Ppce500DeviceTree.dtb(M256, opts);
        Node root = FdtReader.read(dtb).root();
        assertNull(root.find("/soc@fe0000000/i2c@3000"));
        assertNull(root.find("/soc@fe0000000/msi@41600"));
        assertNull(root.find("/platform@f00000000"));
        Node aliases = root.find("/aliases");
        assertNull(aliases.property("i2c"));
        assertNull(aliases.property("rtc"));
        assertNull(root.find("/pci@fe0008000").property("fsl,msi"));
        // The gpio controller now gets the second phandle; power-off still points at it.
        Node gpio = root.find("/soc@fe0000000/gpio@ff000");
        assertEquals(0x8004, gpio.phandle());
        assertEquals(gpio, root.findByPhandle(root.find("/soc@fe0000000/power-off").property("gpios").asCells()[0]));
        assertAllReferencesResolve(root);
        if (Dtc.available()) {
            assertFalse(Dtc.run("dtb", "dts", dtb).hasErrors());
        }
    }

    @Test
    void withoutGpioThereIsNoPowerOffAndWithoutSerialNoConsole() {
        Node root = Ppce500DeviceTree.build(M256, Ppce500DeviceTree.Options.DEFAULT.without(
                Ppce500DeviceTree.GPIO, Ppce500DeviceTree.SERIAL0));
        assertNull(root.find("/soc@fe0000000/gpio@ff000"));
        assertNull(root.find("/soc@fe0000000/power-off"));
        assertNull(root.find("/soc@fe0000000/serial@4500"));
        assertNull(root.find("/chosen").property("stdout-path"));
        assertNull(root.find("/aliases").property("serial0"));
        assertAllReferencesResolve(root);
    }

    @Test
    void unknownDeviceNamesAndImpossibleLayoutsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Ppce500DeviceTree.Options.DEFAULT.withDevices(Set.of("serial0", "ethernet")));
        assertThrows(IllegalArgumentException.class,
                () -> Ppce500DeviceTree.build(new BoardLayout(256 * MIB, 0, "", -1, 0, -1, 0)));
    }

    @Test
    void consolePathsAndAliasesNameExistingNodes() {
        Node root = Ppce500DeviceTree.build(M256);
        Node chosen = root.find("/chosen");
        assertNotNull(root.find(chosen.property("stdout-path").asString()));
        assertEquals(chosen.property("stdout-path"), Property.string("stdout-path", "/soc@fe0000000/serial@4500"));
        Node aliases = root.find("/aliases");
        for (Property p : aliases.properties()) {
            String path = p.asString();
            // QEMU writes the rtc alias relative to the i2c alias, which Linux resolves the same way.
            Node target = path.startsWith("/") ? root.find(path)
                    : root.find(aliases.property(path.substring(0, path.indexOf('/'))).asString())
                            .find(path.substring(path.indexOf('/') + 1));
            assertNotNull(target, p.toString());
        }
    }

    @Test
    void chosenCarriesBootargsInitrdAndKernel() {
        Node chosen = Ppce500DeviceTree.build(new BoardLayout(256 * MIB, 1, "root=/dev/ram rw",
                0x300_0000L, 0x312_3456L, 0x1_2345_6000L, 0x1_0000_0010L)).find("/chosen");
        assertEquals("root=/dev/ram rw", chosen.property("bootargs").asString());
        assertEquals(0x300_0000, chosen.property("linux,initrd-start").asCell());
        assertEquals(0x312_3456, chosen.property("linux,initrd-end").asCell());
        assertArrayEquals(new int[] {1, 0x2345_6000, 1, 0x10}, chosen.property("qemu,boot-kernel").asCells());
    }

    private static void assertAllReferencesResolve(Node root) {
        root.walk(n -> {
            for (String ref : List.of("interrupt-parent", "fsl,msi")) {
                Property p = n.property(ref);
                if (p != null) {
                    assertNotNull(root.findByPhandle(p.asCell()), n.path() + ":" + ref);
                }
            }
        });
        FlatDeviceTree t = FdtReader.read(dev.partita.devicetree.FdtWriter.write(root));
        assertEquals(root, t.root());
    }
}
