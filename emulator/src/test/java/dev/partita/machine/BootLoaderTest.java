package dev.partita.machine;

import dev.partita.devicetree.FdtReader;
import dev.partita.devicetree.Node;
import dev.partita.machine.ElfImageFixture.Seg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Random;

import static dev.partita.machine.ElfImageFixture.*;
import static dev.partita.machine.MachineFixture.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Where -bios, -kernel, -initrd and -dtb end up (hw/ppc/e500.c ppce500_init; the /chosen values were
 * read from "qemu-system-ppc -machine dumpdtb=..." 7.2.22 runs on the same files), and one-line errors
 * naming the file for every kind of unusable file.
 */
class BootLoaderTest {
    @TempDir
    Path dir;

    private static final int B_SELF = 0x4800_0000;
    /** Enough for a program at 1 MiB and its tree at 25 MiB; used where the RAM size does not matter. */
    private static final long SMALL = 32 * MIB;

    private Path elf() {
        return write(dir, "prog.elf", program(0x10_0000, 0x3860_0000, B_SELF));
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Node chosen(Machine m) {
        return FdtReader.read(m.deviceTreeBlob()).root().child("chosen");
    }

    @Test
    void biosWithKernelBlobAndInitrd() throws Exception {
        // QEMU 7.2.22, -bios prog.elf -kernel (5000 bytes) -initrd (1000 bytes):
        // qemu,boot-kernel = <0 0x2000000 0 0x1388>, linux,initrd-start = <0x4000000>, -end = <0x40003e8>
        byte[] kernel = random(5000, 1), initrd = random(1000, 2);
        MachineConfig c = config(128 * MIB);
        c.bios = elf();
        c.kernel = write(dir, "k.bin", kernel);
        c.initrd = write(dir, "rd.bin", initrd);
        Machine m = new Machine(c);
        assertEquals(0x0010_0000, m.cpu().pc, "U-Boot (the -bios) runs, not the kernel");
        assertArrayEquals(kernel, m.bus().readBytes(0x200_0000, kernel.length));
        assertEquals(0x400_0000L, qemuInitrdBase(0x200_0000L + kernel.length));
        assertArrayEquals(initrd, m.bus().readBytes(0x400_0000, initrd.length));
        Node chosen = chosen(m);
        assertArrayEquals(new int[] {0, 0x200_0000, 0, 5000}, chosen.property("qemu,boot-kernel").asCells());
        assertArrayEquals(new int[] {0x400_0000}, chosen.property("linux,initrd-start").asCells());
        assertArrayEquals(new int[] {0x400_03E8}, chosen.property("linux,initrd-end").asCells());
        assertEquals(0x0190_0000, m.cpu().gpr[3], "the tree still follows the -bios image");
    }

    @Test
    void initrdGoesAfterALargeKernelOnA16MiBBoundary() throws Exception {
        byte[] kernel = new byte[40 << 20];
        kernel[kernel.length - 1] = 0x5A;
        MachineConfig c = config(256 * MIB);
        c.bios = elf();
        c.kernel = write(dir, "k.bin", kernel);
        c.initrd = write(dir, "rd.bin", random(64, 3));
        Machine m = new Machine(c);
        long initrd = qemuInitrdBase(0x200_0000L + kernel.length);
        assertEquals(0x600_0000L, initrd);
        assertArrayEquals(new int[] {(int) initrd}, chosen(m).property("linux,initrd-start").asCells());
        assertArrayEquals(random(64, 3), m.bus().readBytes(initrd, 64));
        assertEquals(0x5A, m.bus().readBytes(0x200_0000L + kernel.length - 1, 1)[0]);
    }

    @Test
    void kernelAsPayloadWithInitrd() throws Exception {
        // QEMU 7.2.22, -kernel prog.elf -initrd (1000 bytes): qemu,boot-kernel = <0 0x100000 0 8> (the payload),
        // initrd at 0x4000000 (blobs start at 32 MiB even without a -bios)
        MachineConfig c = config(128 * MIB);
        c.kernel = elf();
        c.initrd = write(dir, "rd.bin", random(1000, 2));
        Machine m = new Machine(c);
        assertEquals(0x0010_0000, m.cpu().pc);
        Node chosen = chosen(m);
        assertArrayEquals(new int[] {0, 0x10_0000, 0, 8}, chosen.property("qemu,boot-kernel").asCells());
        assertArrayEquals(new int[] {0x400_0000}, chosen.property("linux,initrd-start").asCells());
        assertArrayEquals(new int[] {0x400_03E8}, chosen.property("linux,initrd-end").asCells());
    }

    @Test
    void emptyInitrdAndKernelBlob() throws Exception {
        // QEMU 7.2.22: an empty -initrd leaves out linux,initrd-*; an empty -kernel next to -bios is <0 0x2000000 0 0>
        Path empty = write(dir, "empty", new byte[0]);
        MachineConfig c = config(128 * MIB);
        c.kernel = elf();
        c.initrd = empty;
        Node chosen = chosen(new Machine(c));
        assertNull(chosen.property("linux,initrd-start"));
        assertNull(chosen.property("linux,initrd-end"));
        c = config(128 * MIB);
        c.bios = elf();
        c.kernel = empty;
        assertArrayEquals(new int[] {0, 0x200_0000, 0, 0}, chosen(new Machine(c)).property("qemu,boot-kernel").asCells());
    }

    @Test
    void biosAloneHasNoBootKernel() throws Exception {
        MachineConfig c = config(128 * MIB);
        c.bios = elf();
        c.append = "console=ttyS0";
        Node chosen = chosen(new Machine(c));
        assertNull(chosen.property("qemu,boot-kernel"));
        assertNull(chosen.property("linux,initrd-start"));
        assertEquals("console=ttyS0", chosen.property("bootargs").asString());
    }

    @Test
    void noImage() {
        rejects(config(SMALL), "no guest image", "-bios", "-kernel");
        MachineConfig c = config(SMALL);
        c.initrd = write(dir, "rd.bin", new byte[16]);
        rejects(c, "no guest image");
    }

    @Test
    void missingFiles() {
        Path missing = dir.resolve("missing.elf");
        for (String which : new String[] {"bios", "kernel", "initrd", "dtb"}) {
            MachineConfig c = config(SMALL);
            c.bios = elf();
            switch (which) {
                case "bios" -> c.bios = missing;
                case "kernel" -> c.kernel = missing;
                case "initrd" -> c.initrd = missing;
                default -> c.dtb = missing;
            }
            rejects(c, missing.toString(), "no such file");
        }
    }

    @Test
    void directories() {
        for (String which : new String[] {"bios", "kernel", "initrd", "dtb"}) {
            MachineConfig c = config(SMALL);
            c.bios = elf();
            switch (which) {
                case "bios" -> c.bios = dir;
                case "kernel" -> c.kernel = dir;
                case "initrd" -> c.initrd = dir;
                default -> c.dtb = dir;
            }
            rejects(c, dir.toString(), "directory");
        }
    }

    @Test
    void unreadableFiles() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads any file");
        Path p = write(dir, "secret.elf", program(0x10_0000, B_SELF));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
        MachineConfig c = config(SMALL);
        c.bios = p;
        rejects(c, p.toString(), "cannot read");
    }

    @Test
    void emptyAndGarbagePayloads() {
        MachineConfig c = config(SMALL);
        c.bios = write(dir, "empty.elf", new byte[0]);
        rejects(c, "empty.elf", "not an ELF or uImage");
        c.bios = write(dir, "text.elf", "hello, world\n".getBytes());
        rejects(c, "text.elf", "not an ELF or uImage");
        c.bios = null;
        c.kernel = write(dir, "noise", random(4096, 7));
        rejects(c, "noise", "not an ELF or uImage");
        c.kernel = write(dir, "short-uimage", Arrays.copyOf(uImage(0x10_0000, 0x10_0000, new byte[64], false), 63));
        rejects(c, "short-uimage", "not an ELF or uImage");
    }

    @Test
    void segmentsOutsideRam() {
        long[][] bad = {
            {0x800_0000, 4, 4},              // starts at the end of 128 MiB
            {0x7FF_FFFC, 8, 8},              // straddles the end
            {0x7FF_0000, 4, 0x2_0000},       // its .bss runs past the end
            {0xF000_0000L, 4, 4},            // high in the 32-bit space
            {0x10_0000, 4, 0xFFFF_FFF0L},    // an absurd .bss
        };
        for (long[] k : bad) {
            byte[] elf = builder().entry(k[0]).segment(Seg.load(k[0], new byte[(int) k[1]], k[2], PF_R | PF_X)).build();
            MachineConfig c = config(128 * MIB);
            c.bios = write(dir, "far.elf", elf);
            String m = rejects(c, "far.elf", "does not fit in RAM", "128 MiB");
            assertFalse(m.isEmpty());
        }
    }

    @Test
    void blobsThatDoNotFit() {
        MachineConfig c = config(32 * MIB);
        c.bios = write(dir, "small.elf", program(0x1000, B_SELF));
        c.kernel = write(dir, "k.bin", new byte[1]);
        rejects(c, "k.bin", "does not fit in RAM");
        c = config(64 * MIB);
        c.bios = write(dir, "small.elf", program(0x1000, B_SELF));
        c.initrd = write(dir, "rd.bin", new byte[16]);
        rejects(c, "rd.bin", "does not fit in RAM"); // initrd at 64 MiB
        // the tree at (0x800000 + 4 + 0x1800000) & ~0xFFFFF = 32 MiB is past a 32 MiB RAM
        c = config(32 * MIB);
        c.bios = write(dir, "mid.elf", program(0x80_0000, B_SELF));
        rejects(c, "device tree", "does not fit in RAM");
    }

    @Test
    void userDtbIsPlacedAsIs() throws Exception {
        byte[] dtb = dtb(100);
        MachineConfig c = config(SMALL);
        c.bios = elf();
        c.dtb = write(dir, "board.dtb", dtb);
        Machine m = new Machine(c);
        assertArrayEquals(dtb, m.deviceTreeBlob());
        assertArrayEquals(dtb, m.bus().readBytes(m.cpu().gpr[3], dtb.length));
    }

    @Test
    void malformedUserDtbs() {
        byte[] good = dtb(0);
        byte[][] bad = {
            new byte[0],
            random(200, 5),
            Arrays.copyOf(good, 39),                 // shorter than the header
            Arrays.copyOf(good, good.length - 8),    // totalsize past the end of the file
            "/dts-v1/; / { };".getBytes(),           // source, not a blob
        };
        for (int i = 0; i < bad.length; i++) {
            MachineConfig c = config(SMALL);
            c.bios = elf();
            c.dtb = write(dir, "bad" + i + ".dtb", bad[i]);
            rejects(c, "bad" + i + ".dtb", "DTB");
        }
        MachineConfig c = config(SMALL);
        c.bios = elf();
        c.dtb = write(dir, "huge.dtb", dtb(9 << 20));
        rejects(c, "huge.dtb", "larger than 8 MiB");
    }
}
