package dev.partita.machine;

import dev.partita.cpu.Cpu;
import dev.partita.devicetree.FdtReader;
import dev.partita.machine.ElfImageFixture.Seg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.partita.machine.ElfImageFixture.*;
import static dev.partita.machine.MachineFixture.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The core state at entry against QEMU 7.2's ppce500 (hw/ppc/e500.c ppce500_cpu_reset). The literal
 * values were read with "info registers" / "info tlb" / "xp" from qemu-system-ppc 7.2.22 run with -S on
 * the same generated ELF files; the rule-based ones follow e500.c's formulas.
 */
class MachineBootStateTest {
    @TempDir
    Path dir;

    private static final int LI_R3_0 = 0x3860_0000, B_SELF = 0x4800_0000;

    private Machine boot(byte[] elf, long ram) throws ImageException {
        MachineConfig c = config(ram);
        c.bios = write(dir, "prog.elf", elf);
        return new Machine(c);
    }

    @Test
    void smallElfAtOneMiBStartsAsOnQemu() throws Exception {
        Machine m = boot(program(0x10_0000, LI_R3_0, B_SELF), 128 * MIB);
        Cpu c = m.cpu();
        // measured on QEMU 7.2.22: NIP 00100000, MSR 0, r1 00fffff8, r3 01900000, r6 45504150, r7 04000000
        assertEquals(0x0010_0000, c.pc);
        assertEquals(0, c.msr);
        assertEquals(0x00FF_FFF8, c.gpr[1]);
        assertEquals(0x0190_0000, c.gpr[3]);
        assertEquals(0x4550_4150, c.gpr[6]);
        assertEquals(0x0400_0000, c.gpr[7]);
        for (int r : new int[] {0, 2, 4, 5, 8, 9, 10, 31}) {
            assertEquals(0, c.gpr[r], "r" + r);
        }
        assertEquals(0, c.lr);
        assertEquals(0, c.ctr);
        assertEquals(0, c.cr);
        assertEquals(0x8021_0030, c.spr[287], "PVR of QEMU's e500v2_v30");
        assertEquals(0x0190_0000L, m.deviceTreeAddress());
        // the same rules, from e500.c: one 8-byte segment at 1 MiB, a 1 MiB tree buffer
        assertEquals(qemuDtBase(0x10_0000, 8), 0x0190_0000L);
        assertEquals(qemuInitialMapSize(0x0190_0000, MIB), 64 * MIB);
    }

    /** TLB1 entry {@code esel} as tlbre reports it: MAS1, MAS2, MAS3, MAS7. */
    private static int[] tlb1(Cpu c, int esel) {
        c.mmu.writeSpr(624, 0x1000_0000 | esel << 16); // MAS0: TLBSEL = 1, ESEL
        c.mmu.tlbre();
        return new int[] {c.mmu.readSpr(625), c.mmu.readSpr(626), c.mmu.readSpr(627), c.mmu.readSpr(944)};
    }

    @Test
    void initialMappingIsTlb1EntryZero() throws Exception {
        // QEMU 7.2.22 "info tlb": TLB1 0x0 -> 0x0, 64M, TID 0, TS 0, SRWXURWX, WIMGE -----; no IPROT
        // (mmubooke_create_initial_mapping). 64 MiB is TSIZE 8 (4^8 KiB): MAS1 = V | 8 << 8.
        Machine m = boot(program(0x10_0000, B_SELF), 128 * MIB);
        assertArrayEquals(new int[] {0x8000_0800, 0, 0x3F, 0}, tlb1(m.cpu(), 0));
        // with the tree at 0x03F00000 the entry grows to 256 MiB (TSIZE 9), as r7 says
        m = boot(program(0x027F_FFF0L, B_SELF), 128 * MIB);
        assertArrayEquals(new int[] {0x8000_0900, 0, 0x3F, 0}, tlb1(m.cpu(), 0));
    }

    @Test
    void deviceTreeAtR3IsTheMachinesBlob() throws Exception {
        Machine m = boot(program(0x10_0000, B_SELF), 128 * MIB);
        byte[] blob = m.deviceTreeBlob();
        int r3 = m.cpu().gpr[3];
        assertArrayEquals(blob, m.bus().readBytes(r3 & 0xFFFF_FFFFL, blob.length));
        assertEquals(0xD00D_FEED, java.nio.ByteBuffer.wrap(m.bus().readBytes(r3, 4)).getInt(), "FDT magic");
        FdtReader.read(m.bus().readBytes(r3, blob.length)); // a valid tree
    }

    @Test
    void programBytesAreInRamAtTheirPhysicalAddress() throws Exception {
        Machine m = boot(program(0x10_0000, LI_R3_0, B_SELF), 128 * MIB);
        assertArrayEquals(words(LI_R3_0, B_SELF), m.bus().readBytes(0x10_0000, 8));
    }

    @Test
    void kernelAsPayloadBootsTheSameWay() throws Exception {
        MachineConfig c = config(128 * MIB);
        c.kernel = write(dir, "vmlinux", program(0x10_0000, B_SELF));
        Machine m = new Machine(c);
        assertEquals(0x0010_0000, m.cpu().pc);
        assertEquals(0x0190_0000, m.cpu().gpr[3]);
        assertEquals(0x0400_0000, m.cpu().gpr[7]);
    }

    @Test
    void treeEndNearSixtyFourMiBWidensTheInitialMapping() throws Exception {
        // a 4-byte program ending at 0x027FFFF4 puts the tree at 0x03F00000; QEMU's 1 MiB tree buffer
        // then ends at 64 MiB, so QEMU 7.2.22 showed r7 = 0x10000000 and a 256M TLB1 entry 0
        Machine m = boot(program(0x027F_FFF0L, B_SELF), 128 * MIB);
        assertEquals(0x027F_FFF0, m.cpu().pc);
        assertEquals(0x03F0_0000, m.cpu().gpr[3]);
        assertEquals(0x1000_0000, m.cpu().gpr[7]);
        assertEquals(qemuInitialMapSize(0x03F0_0000L, MIB), 256 * MIB);
    }

    @Test
    void userDtbSizeSetsTheInitialMappingAsQemuDoes() throws Exception {
        // QEMU opens a -dtb file into a buffer of (size + 10000) * 2 bytes. Measured on 7.2.22 with the tree
        // at 0x03F00000: a 153-byte dtb gave r7 = 0x04000000, a 600088-byte one r7 = 0x10000000.
        byte[] elf = program(0x027F_FFF0L, B_SELF);
        for (int padding : new int[] {0, 600_000}) {
            byte[] dtb = dtb(padding);
            MachineConfig c = config(128 * MIB);
            c.bios = write(dir, "prog.elf", elf);
            c.dtb = write(dir, "user.dtb", dtb);
            Machine m = new Machine(c);
            assertEquals(0x03F0_0000, m.cpu().gpr[3]);
            long expected = qemuInitialMapSize(0x03F0_0000L, (dtb.length + 10_000L) * 2);
            assertEquals(padding == 0 ? 64 * MIB : 256 * MIB, expected);
            assertEquals(expected, m.cpu().gpr[7] & 0xFFFF_FFFFL, "padding " + padding);
            assertArrayEquals(dtb, m.deviceTreeBlob());
            assertArrayEquals(dtb, m.bus().readBytes(0x03F0_0000L, dtb.length));
        }
    }

    @Test
    void treeFollowsTheSumOfSegmentSizes() throws Exception {
        // QEMU's load_elf reports the sum of the segments' p_memsz, not the highest address: two 4 KiB
        // segments at 1 MiB and 8 MiB put the tree at 0x01900000 on QEMU 7.2.22, not after 8 MiB.
        byte[] elf = builder().entry(0x10_0000)
                .segment(Seg.load(0x10_0000, words(B_SELF), 0x1000, PF_R | PF_X))
                .segment(Seg.load(0x80_0000, words(B_SELF), 0x1000, PF_R | PF_W)).build();
        Machine m = boot(elf, 128 * MIB);
        assertEquals(0x0190_0000, m.cpu().gpr[3]);
        assertArrayEquals(words(B_SELF), m.bus().readBytes(0x80_0000, 4));
        // a 3 MiB .bss moves it: (1 MiB + 3 MiB + 0x1800000) & ~0xFFFFF
        elf = builder().entry(0x10_0000).segment(Seg.load(0x10_0000, words(B_SELF), 0x30_0000, PF_R | PF_X | PF_W)).build();
        m = boot(elf, 128 * MIB);
        assertEquals(qemuDtBase(0x10_0000, 0x30_0000), m.cpu().gpr[3]);
        assertEquals(0x01C0_0000, m.cpu().gpr[3]);
    }

    @Test
    void entryInAVirtuallyLinkedSegmentIsMadePhysical() throws Exception {
        // linked at 0xC0100000, loaded at 1 MiB (like vmlinux): QEMU 7.2.22 started at NIP 00100000
        byte[] elf = builder().entry(0xC010_0000L)
                .segment(new Seg(PT_LOAD, 0x10_0000, 0xC010_0000L, words(B_SELF), 0x30_0000, PF_R | PF_W | PF_X)).build();
        Machine m = boot(elf, 128 * MIB);
        assertEquals(0x0010_0000, m.cpu().pc);
        assertEquals(0x01C0_0000, m.cpu().gpr[3]);
        // a non-executable segment or an entry outside the file bytes keeps e_entry as it is (load_elf's rule)
        elf = builder().entry(0xC010_0000L)
                .segment(new Seg(PT_LOAD, 0x10_0000, 0xC010_0000L, words(B_SELF), 4, PF_R | PF_W)).build();
        assertEquals(0xC010_0000, boot(elf, 128 * MIB).cpu().pc);
        elf = builder().entry(0xC010_0004L)
                .segment(new Seg(PT_LOAD, 0x10_0000, 0xC010_0000L, words(B_SELF), 8, PF_R | PF_X)).build();
        assertEquals(0xC010_0004, boot(elf, 128 * MIB).cpu().pc);
    }

    @Test
    void treePlacementFollowsQemusRuleForManyImages() throws Exception {
        long[][] cases = {{0x0, 4}, {0x1000, 0x1000}, {0x10_0000, 0xF_FFFF}, {0x10_0000, 0x10_0000}, {0x20_0000, 0x123_4567},
                {0x100_0000, 4}, {0x200_0000, 0x80_0000}};
        for (long[] k : cases) {
            byte[] elf = builder().entry(k[0]).segment(Seg.load(k[0], words(B_SELF), k[1], PF_R | PF_X)).build();
            Machine m = boot(elf, 256 * MIB);
            long dt = qemuDtBase(k[0], k[1]);
            String what = String.format("image at 0x%x, %d bytes", k[0], k[1]);
            assertEquals(dt, m.deviceTreeAddress(), what);
            assertEquals((int) dt, m.cpu().gpr[3], what);
            assertEquals(qemuInitialMapSize(dt, MIB), m.cpu().gpr[7] & 0xFFFF_FFFFL, what);
        }
    }

    @Test
    void resetReloadsImagesAndClearsBss() throws Exception {
        byte[] elf = builder().entry(0x10_0000).segment(Seg.load(0x10_0000, words(LI_R3_0, B_SELF), 0x2_0000, PF_R | PF_X | PF_W))
                .build();
        Machine m = boot(elf, 64 * MIB);
        byte[] junk = new byte[0x2_0000];
        java.util.Arrays.fill(junk, (byte) 0xA5);
        m.bus().writeBytes(0x10_0000, junk, 0, junk.length);
        m.cpu().pc = 0x1234;
        m.cpu().gpr[3] = 99;
        m.cpu().msr = 0x8000;
        m.reset();
        assertArrayEquals(words(LI_R3_0, B_SELF), m.bus().readBytes(0x10_0000, 8));
        assertArrayEquals(new byte[0x2_0000 - 8], m.bus().readBytes(0x10_0008, 0x2_0000 - 8), ".bss is zero again");
        assertEquals(0x0010_0000, m.cpu().pc);
        assertEquals(0x0190_0000, m.cpu().gpr[3]);
        assertEquals(0, m.cpu().msr);
    }

    @Test
    void ramSizeMustBeWholeMiBWithinTheBoardsRange() throws Exception {
        byte[] elf = program(0x10_0000, B_SELF);
        Path p = write(dir, "prog.elf", elf);
        for (long bad : new long[] {0, -MIB, 15 * MIB, 128 * MIB + 4096, Machine.MAX_RAM + MIB, 1L << 40}) {
            MachineConfig c = config(bad);
            c.bios = p;
            rejects(c, "RAM size");
        }
        MachineConfig c = config(Machine.MIN_RAM + 16 * MIB);
        c.bios = p;
        assertEquals(0x0190_0000, new Machine(c).cpu().gpr[3]);
    }
}
