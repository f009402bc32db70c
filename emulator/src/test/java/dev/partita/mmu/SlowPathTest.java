package dev.partita.mmu;

import dev.partita.cpu.Ivor;
import dev.partita.cpu.Sprs;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The slow path: MMIO above 4 GiB, little-endian pages, page-crossing accesses, unassigned space, soft
 * TLB upkeep. Unassigned space reading 0, ignoring writes, raising no machine check, and a fetch from
 * it yielding the word 0 (an illegal instruction) were measured on QEMU 7.2.22. Little-endian pages
 * follow the architecture (QEMU ignores MAS2[E]).
 */
class SlowPathTest extends MmuFixture {
    /** EA 0xE000_0000 -> CCSR at PA 0xF_E000_0000, 1 MiB (e500 TSIZE 5), cache-inhibited and guarded. */
    @BeforeEach
    void mapCcsr() {
        tlb1(1, V | tsize(5), 0xE000_0000 | 0x0A, 0xE000_0000 | SR | SW | SX, 0xF);
    }

    @Test
    void mas7SuppliesPhysicalBitsAboveFourGiB() {
        assertEquals(0xA5_4500 & 0xFFFF_FFFF, cpu.load32(0xE000_4500));
        assertEquals(0x4504 & 0xFF, cpu.load8(0xE000_4504));
        cpu.store16(0xE000_4600, 0xBEEF);
        cpu.store32(0xE000_4604, 0x1234_5678);
        assertEquals(List.of(
                new Access(false, 0x4500, 4, 0xA5_4500),
                new Access(false, 0x4504, 1, 0x04),
                new Access(true, 0x4600, 2, 0xBEEF),
                new Access(true, 0x4604, 4, 0x1234_5678)), accesses);
        // Device pages never enter the soft TLB: the same access reaches the device again.
        cpu.load32(0xE000_4500);
        assertEquals(5, accesses.size());
        assertEquals(SoftTlb.INVALID, cpu.tlb.readTag[(0xE000_4500 >>> 12) & SoftTlb.MASK]);
    }

    @Test
    void fetchFromADeviceReadsTheDevice() {
        assertEquals(0xA5_0100, cpu.fetch(0xE000_0100));
        assertEquals(List.of(new Access(false, 0x100, 4, 0xA5_0100)), accesses);
        assertEquals(SoftTlb.INVALID, cpu.tlb.execTag[(0xE000_0100 >>> 12) & SoftTlb.MASK]);
    }

    @Test
    void unassignedPhysicalMemoryReadsZeroAndIgnoresWrites() {
        // PA 0x8000_0000 is neither RAM nor a device on this bus.
        tlb1(2, V | tsize(5), 0x8000_0000, 0x8000_0000 | ALL_PERMS, 0);
        int pc = cpu.pc;
        cpu.store32(0x8000_0000, 0x1234_5678);
        assertEquals(0, cpu.load32(0x8000_0000));
        assertEquals(0, cpu.load16(0x8000_0FFF)); // crossing into the next page, also unassigned
        assertEquals(0, cpu.fetch(0x8000_0010));
        assertEquals(pc, cpu.pc); // no interrupt
    }

    @Test
    void littleEndianPagesReverseBytes() {
        tlb0(0, V, 0x5000_0000 | 0x01, 0x0030_0000 | ALL_PERMS);
        poke(0x0030_0010, 0x11, 0x22, 0x33, 0x44);
        assertEquals(0x4433_2211, cpu.load32(0x5000_0010));
        assertEquals(0x2211, cpu.load16(0x5000_0010));
        assertEquals(0x33, cpu.load8(0x5000_0012));
        assertEquals(0x4433_2211, cpu.fetch(0x5000_0010));
        cpu.store32(0x5000_0020, 0xAABB_CCDD);
        assertEquals(0xDD, peek(0x0030_0020));
        assertEquals(0xCC, peek(0x0030_0021));
        assertEquals(0xBB, peek(0x0030_0022));
        assertEquals(0xAA, peek(0x0030_0023));
        cpu.store16(0x5000_0030, 0x1234);
        assertEquals(0x34, peek(0x0030_0030));
        // Little-endian pages stay out of the soft TLB.
        int i = (0x5000_0010 >>> 12) & SoftTlb.MASK;
        assertEquals(SoftTlb.INVALID, cpu.tlb.readTag[i]);
        assertEquals(SoftTlb.INVALID, cpu.tlb.writeTag[i]);
        assertEquals(SoftTlb.INVALID, cpu.tlb.execTag[i]);
    }

    @Test
    void littleEndianDeviceAccessesAreSwapped() {
        tlb1(1, V | tsize(5), 0xE000_0000 | 0x01, 0xE000_0000 | SR | SW, 0xF);
        cpu.store32(0xE000_0008, 0x1122_3344);
        assertEquals(new Access(true, 8, 4, 0x4433_2211L), accesses.getLast());
        assertEquals(Integer.reverseBytes(0xA5_0010), cpu.load32(0xE000_0010));
    }

    @Test
    void misalignedAccessAcrossPagesUsesBothTranslations() {
        tlb0(0, V, 0x1000_0000, 0x0010_0000 | SR | SW);
        tlb0(0, V, 0x1000_1000, 0x0030_0000 | SR | SW);
        poke(0x0010_0FFE, 0x11, 0x22);
        poke(0x0030_0000, 0x33, 0x44);
        assertEquals(0x1122_3344, cpu.load32(0x1000_0FFE));
        assertEquals(0x2233, cpu.load16(0x1000_0FFF));
        cpu.store32(0x1000_0FFD, 0xA1B2_C3D4);
        assertEquals(0xA1, peek(0x0010_0FFD));
        assertEquals(0xB2, peek(0x0010_0FFE));
        assertEquals(0xC3, peek(0x0010_0FFF));
        assertEquals(0xD4, peek(0x0030_0000));
        // Misaligned inside one page: one piece.
        poke(0x0010_0101, 1, 2, 3, 4);
        assertEquals(0x0102_0304, cpu.load32(0x1000_0101));
        cpu.store32(0x1000_0201, 0x0506_0708);
        assertEquals(0x08, peek(0x0010_0204));
    }

    @Test
    void faultOnTheSecondPageReportsItsFirstByteAndStoresNothing() {
        tlb0(0, V, 0x1000_0000, 0x0010_0000 | SR | SW);
        poke(0x0010_0FFE, 0x11, 0x22);
        cpu.pc = 0x2220;
        assertTrap(() -> cpu.store32(0x1000_0FFE, 0xA1B2_C3D4));
        assertEquals(vector(Ivor.DATA_TLB_ERROR), cpu.pc);
        assertEquals(0x2220, cpu.spr[Sprs.SRR0]);
        assertEquals(0x1000_1000, cpu.spr[Sprs.DEAR]);
        assertEquals(Sprs.ESR_ST, cpu.spr[Sprs.ESR]);
        assertEquals(0x1000_1000, spr(Sprs.MAS2) & 0xFFFF_F000);
        assertEquals(0x11, peek(0x0010_0FFE));
        assertEquals(0x22, peek(0x0010_0FFF));
        // Second page present but read-only: data storage, same DEAR.
        tlb0(1, V, 0x1000_1000, 0x0030_0000 | SR);
        assertTrap(() -> cpu.store32(0x1000_0FFE, 0xA1B2_C3D4));
        assertEquals(vector(Ivor.DATA_STORAGE), cpu.pc);
        assertEquals(0x1000_1000, cpu.spr[Sprs.DEAR]);
        assertEquals(0x11, peek(0x0010_0FFE));
        // First page missing: DEAR is the access's own address.
        assertTrap(() -> cpu.load32(0x1000_2FFE));
        assertEquals(0x1000_2FFE, cpu.spr[Sprs.DEAR]);
        assertEquals(0, cpu.spr[Sprs.ESR]);
    }

    @Test
    void ramPagesAreFilledIntoTheSoftTlbPerAccessKind() {
        tlb0(0, V, 0x1000_0000, 0x0010_0000 | SR | SX);
        poke(0x0010_0040, 0xCA, 0xFE, 0xBA, 0xBE);
        int i = (0x1000_0040 >>> 12) & SoftTlb.MASK;
        assertEquals(0xCAFE_BABE, cpu.load32(0x1000_0040));
        assertEquals(0x1000_0000, cpu.tlb.readTag[i]);
        assertEquals(SoftTlb.INVALID, cpu.tlb.writeTag[i]);
        assertEquals(SoftTlb.INVALID, cpu.tlb.execTag[i]);
        assertEquals(0xCAFE_BABE, cpu.fetch(0x1000_0040));
        assertEquals(0x1000_0000, cpu.tlb.execTag[i]);
        // Not writable: the write side stays empty and the store faults.
        assertTrap(() -> cpu.store32(0x1000_0040, 0));
        assertEquals(SoftTlb.INVALID, cpu.tlb.writeTag[i]);
    }

    @Test
    void tlbweInvalidatesTheSoftTlb() {
        tlb0(0, V, 0x1000_0000, 0x0010_0000 | SR | SW);
        poke(0x0010_0000, 0, 0, 0, 1);
        poke(0x0020_0000, 0, 0, 0, 2);
        assertEquals(1, cpu.load32(0x1000_0000));
        cpu.store32(0x1000_0004, 7);
        tlb0(0, V, 0x1000_0000, 0x0020_0000 | SR | SW);
        assertEquals(2, cpu.load32(0x1000_0000));
        cpu.store32(0x1000_0004, 9);
        assertEquals(9, peek(0x0020_0007));
        assertEquals(7, peek(0x0010_0007));
    }

    @Test
    void tlbivaxPidAndMmucsr0InvalidateTheSoftTlb() {
        tlb0(0, V, 0x1000_0000, 0x0010_0000 | SR | SW);
        cpu.load32(0x1000_0000);
        mmu.tlbivax(0x1000_0000);
        assertTrap(() -> cpu.load32(0x1000_0000));
        assertEquals(vector(Ivor.DATA_TLB_ERROR), cpu.pc);

        tlb0(0, V, 0x1000_0000, 0x0010_0000 | SR | SW);
        cpu.load32(0x1000_0000);
        setSpr(Sprs.MMUCSR0, 0x4);
        assertTrap(() -> cpu.load32(0x1000_0000));

        tlb0(0, V | (3 << 16), 0x1000_0000, 0x0010_0000 | SR | SW);
        setSpr(Sprs.PID0, 3);
        cpu.load32(0x1000_0000);
        int i = (0x1000_0000 >>> 12) & SoftTlb.MASK;
        assertNotEquals(SoftTlb.INVALID, cpu.tlb.readTag[i]);
        setSpr(Sprs.PID0, 4);
        assertTrap(() -> cpu.load32(0x1000_0000));
    }

    @Test
    void ramBoundedByUnassignedSpaceInsideOneMapping() {
        // A 64 MiB page over PA 0: RAM ends at 16 MiB, the rest is unassigned.
        tlb1(2, V | tsize(8), 0x4000_0000, SR | SW, 0);
        cpu.store32(0x40FF_FFFC, 0x0102_0304);
        assertEquals(0x0102_0304, cpu.load32(0x40FF_FFFC));
        assertEquals(0x40FF_F000, cpu.tlb.readTag[(0x40FF_FFFC >>> 12) & SoftTlb.MASK]);
        assertEquals(0x0400_0000, cpu.load32(0x40FF_FFFF)); // the last RAM byte, then unassigned bytes
        assertEquals(0, cpu.load32(0x4100_0000));
        assertEquals(SoftTlb.INVALID, cpu.tlb.readTag[(0x4100_0000 >>> 12) & SoftTlb.MASK]);
    }
}
