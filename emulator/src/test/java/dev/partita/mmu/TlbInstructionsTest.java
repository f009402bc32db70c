package dev.partita.mmu;

import dev.partita.cpu.Ivor;
import dev.partita.cpu.Sprs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * tlbwe, tlbre, tlbsx, tlbivax, MMUCSR0 and the configuration registers, against QEMU's booke206
 * model. The configuration register values, the tlbsx miss values, and the program interrupt for a
 * TLB1 TSIZE of 13 or TLBSEL 2 were also measured on QEMU 7.2.22 ({@code -M ppce500}) with a
 * bare-metal probe.
 */
class TlbInstructionsTest extends MmuFixture {

    @Test
    void configurationRegistersAreQemuE500v2() {
        // TLB0CFG: ASSOC 4, MINSIZE 1, MAXSIZE 1, 512 entries.
        assertEquals(0x0411_0200, spr(Sprs.TLB0CFG));
        // TLB1CFG: ASSOC 16, MINSIZE 1, MAXSIZE 12, IPROT | AVAIL, 16 entries.
        assertEquals(0x101C_C010, spr(Sprs.TLB1CFG));
        assertEquals(0, spr(Sprs.MMUCFG));
        setSpr(Sprs.TLB1CFG, 0);
        assertEquals(0x101C_C010, spr(Sprs.TLB1CFG));
    }

    @Test
    void tlb1RoundTripKeepsAllFieldsAndMasksEpnToThePageSize() {
        // 16 MiB page (e500 TSIZE 7), IPROT, TID 0x12, TS 1.
        int mas1 = V | IPROT | (0x12 << 16) | TS | tsize(7);
        tlb1(5, mas1, 0x1234_5678, 0xABCD_E03F, 0xF);
        setSpr(Sprs.MAS1, 0);
        setSpr(Sprs.MAS2, 0);
        setSpr(Sprs.MAS3, 0);
        setSpr(Sprs.MAS7, 0);
        setSpr(Sprs.MAS0, 0x1005_0000);
        mmu.tlbre();
        assertEquals(0x1005_0000, spr(Sprs.MAS0)); // TLBSEL 1, ESEL 5, NV 0
        assertEquals(mas1, spr(Sprs.MAS1));
        // EPN bits below 16 MiB dropped; ACM/VLE/WIMGE (0x7F) kept.
        assertEquals(0x1200_0078, spr(Sprs.MAS2));
        // MAS3/MAS7 are kept whole; the RPN is masked when translating.
        assertEquals(0xABCD_E03F, spr(Sprs.MAS3));
        assertEquals(0xF, spr(Sprs.MAS7));
        cpu.msr = 1 << 4; // DS
        setSpr(Sprs.PID0, 0x12);
        assertEquals(0xF_AB34_5678L, mmu.probe(0x1234_5678, false));
    }

    @Test
    void tlb1EselUsesTheLowFourBits() {
        tlb1(0x13, V | tsize(1), 0x5000, 0x5000 | SR, 0);
        setSpr(Sprs.MAS0, 0x1003_0000);
        mmu.tlbre();
        assertEquals(0x0000_5000, spr(Sprs.MAS2));
        assertEquals(0x1003_0000, spr(Sprs.MAS0));
    }

    @Test
    void tlb0RoundTripForces4KiBDropsIprotAndIsSetIndexed() {
        // ESEL 6 -> way 2; TSIZE and IPROT are not supported by TLB0.
        tlbwe(0x0006_0000, V | IPROT | (5 << 16) | TS | tsize(7), 0x00AB_C07F, 0x0012_3015, 0x3);
        setSpr(Sprs.MAS1, 0);
        setSpr(Sprs.MAS3, 0);
        setSpr(Sprs.MAS7, 0);
        // Another EA in the same set (128 sets of 4 KiB repeat every 512 KiB) selects the same entry.
        setSpr(Sprs.MAS2, 0x00AB_C000 + 0x8_0000);
        setSpr(Sprs.MAS0, 0x0002_0000);
        mmu.tlbre();
        assertEquals(0x0002_0000, spr(Sprs.MAS0));
        assertEquals(V | (5 << 16) | TS | tsize(1), spr(Sprs.MAS1));
        assertEquals(0x00AB_C07F, spr(Sprs.MAS2));
        assertEquals(0x0012_3015, spr(Sprs.MAS3));
        assertEquals(0x3, spr(Sprs.MAS7));
        // A different set holds nothing.
        setSpr(Sprs.MAS2, 0x00AB_D000);
        mmu.tlbre();
        assertEquals(0, spr(Sprs.MAS1));
        // ESEL 2 and ESEL 6 name the same way.
        setSpr(Sprs.MAS2, 0x00AB_C000);
        setSpr(Sprs.MAS0, 0x0006_0000);
        mmu.tlbre();
        assertEquals(0x0002_0000, spr(Sprs.MAS0));
    }

    @Test
    void tlbweWithAnUnsupportedTlb1SizeIsAnIllegalInstruction() {
        cpu.pc = 0x3000;
        cpu.msr = 0x0002_9000; // CE | EE | ME
        for (int bad : new int[] {0, 13, 15}) {
            cpu.pc = 0x3000;
            assertTrap(() -> tlb1(1, V | tsize(bad), 0, ALL_PERMS, 0));
            assertEquals(vector(Ivor.PROGRAM), cpu.pc);
            assertEquals(0x3000, cpu.spr[Sprs.SRR0]);
            assertEquals(Sprs.ESR_PIL, cpu.spr[Sprs.ESR]);
        }
        // An odd five-bit size (MAS1 bit 7, reserved on e500) is not a TLB1CFG size either.
        assertTrap(() -> tlb1(1, V | 0x0000_0280, 0, ALL_PERMS, 0));
        setSpr(Sprs.MAS0, 0x1001_0000);
        mmu.tlbre();
        assertEquals(0, spr(Sprs.MAS1)); // nothing was written
        // Invalid entries are not checked.
        tlb1(1, tsize(15), 0, ALL_PERMS, 0);
        mmu.tlbre();
        assertEquals(tsize(15), spr(Sprs.MAS1));
        // The largest TLB1CFG size (4^12 KiB) is accepted.
        tlb1(2, V | tsize(12), 0, ALL_PERMS, 0);
        // TLB0 ignores the size field instead of faulting.
        tlb0(0, V | tsize(15), 0x7000, 0x7000 | ALL_PERMS);
    }

    @Test
    void tlbweAndTlbreOnAMissingTlb() {
        cpu.pc = 0x3100;
        assertTrap(() -> tlbwe(0x2000_0000, V | tsize(1), 0, ALL_PERMS, 0));
        assertEquals(vector(Ivor.PROGRAM), cpu.pc);
        assertEquals(Sprs.ESR_PIL, cpu.spr[Sprs.ESR]);
        setSpr(Sprs.MAS1, 0x1234);
        setSpr(Sprs.MAS0, 0x3000_0000);
        mmu.tlbre();
        assertEquals(0, spr(Sprs.MAS1));
    }

    @Test
    void tlbsxHitLoadsTheEntry() {
        tlb1(3, V | (7 << 16) | tsize(5), 0x4010_0000 | 0x0A, 0x0020_0000 | SR | SW, 0x1);
        tlb0(1, V | TS, 0x5000_3000, 0x0000_9000 | UR);
        setSpr(Sprs.MAS6, 7 << 16);
        mmu.tlbsx(0x4012_3456);
        assertEquals(0x1003_0000, spr(Sprs.MAS0));
        assertEquals(V | (7 << 16) | tsize(5), spr(Sprs.MAS1));
        assertEquals(0x4010_000A, spr(Sprs.MAS2));
        assertEquals(0x0020_0000 | SR | SW, spr(Sprs.MAS3));
        assertEquals(0x1, spr(Sprs.MAS7));
        // TID 0 matches any SPID, but only in its own address space (SAS).
        setSpr(Sprs.MAS6, (99 << 16) | 1);
        mmu.tlbsx(0x5000_3FFC);
        assertEquals(0x0001_0000, spr(Sprs.MAS0));
        assertEquals(0x5000_3000, spr(Sprs.MAS2));
        assertEquals(0x0000_9000 | UR, spr(Sprs.MAS3));
        assertEquals(0, spr(Sprs.MAS7));
    }

    @Test
    void tlbsxMissLoadsMas4DefaultsAndAdvancesTheVictim() {
        // TLBSELD 1, TSIZED 1 MiB (e500 TSIZE 5), WIMGED = I|G.
        setSpr(Sprs.MAS4, 0x1000_0000 | tsize(5) | 0x0A);
        tlb1(3, V | (7 << 16) | tsize(5), 0x4010_0000, 0x0020_0000 | SR, 0);
        setSpr(Sprs.MAS3, 0x1234);
        setSpr(Sprs.MAS7, 0x5);
        setSpr(Sprs.MAS6, (0x42 << 16) | 1); // wrong PID and wrong AS for the entry
        mmu.tlbsx(0x4010_0000);
        assertEquals(0x1000_0001, spr(Sprs.MAS0)); // ESEL 0, NV 1
        assertEquals((0x42 << 16) | TS | tsize(5), spr(Sprs.MAS1)); // V = 0
        assertEquals(0x0A, spr(Sprs.MAS2));
        assertEquals(0, spr(Sprs.MAS3));
        assertEquals(0, spr(Sprs.MAS7));
        setSpr(Sprs.MAS6, 0x7 << 16); // right PID, still the wrong address (TLB1 entry is 1 MiB)
        mmu.tlbsx(0x4020_0000);
        assertEquals(0x1001_0002, spr(Sprs.MAS0));
        assertEquals((0x7 << 16) | tsize(5), spr(Sprs.MAS1));
        mmu.tlbsx(0x4020_0000);
        mmu.tlbsx(0x4020_0000);
        assertEquals(0x1003_0000, spr(Sprs.MAS0)); // the victim wraps at four ways
        // A hit reports the current next victim without advancing it.
        mmu.tlbsx(0x4010_0000);
        assertEquals(0x1003_0000, spr(Sprs.MAS0));
    }

    @Test
    void tlbivaxByAddressSparesIprotAndOtherPages() {
        tlb0(0, V | (1 << 16), 0x0001_0000, 0x0001_0000 | SR, 0);
        tlb0(1, V | (2 << 16) | TS, 0x0001_0000, 0x0001_0000 | SR, 0);
        tlb0(2, V, 0x0009_0000, 0x0009_0000 | SR, 0); // same set, other page
        tlb1(0, V | IPROT | tsize(5), 0x0000_0000, SR, 0);
        tlb1(1, V | tsize(5), 0x0000_0000, SR, 0);
        tlb1(2, V | tsize(5), 0x0010_0000, 0x0010_0000 | SR, 0);
        mmu.tlbivax(0x0001_0A30); // bits 0x8 and 0x4 clear: TLB0, by address
        // Both TLB0 entries of that page are gone, whatever their TID and TS.
        assertEquals(0, valid(0, 0, 0x0001_0000));
        assertEquals(0, valid(0, 1, 0x0001_0000));
        assertEquals(V, valid(0, 2, 0x0009_0000));
        assertEquals(V, valid(1, 1, 0)); // TLB0 invalidation leaves TLB1 alone
        mmu.tlbivax(0x0000_5008);
        assertEquals(V, valid(1, 0, 0)); // IPROT
        assertEquals(0, valid(1, 1, 0));
        assertEquals(V, valid(1, 2, 0));
    }

    @Test
    void tlbivaxInvalidateAll() {
        tlb0(0, V, 0x0001_0000, SR, 0);
        tlb0(3, V, 0x0077_7000, SR, 0);
        tlb1(0, V | IPROT | tsize(5), 0x0000_0000, SR, 0);
        tlb1(1, V | tsize(5), 0x0010_0000, SR, 0);
        mmu.tlbivax(0x4);
        assertEquals(0, valid(0, 0, 0x0001_0000));
        assertEquals(0, valid(0, 3, 0x0077_7000));
        assertEquals(V, valid(1, 1, 0));
        mmu.tlbivax(0xC);
        assertEquals(V, valid(1, 0, 0));
        assertEquals(0, valid(1, 1, 0));
    }

    @Test
    void mmucsr0FlashInvalidateSparesIprotAndReadsZero() {
        tlb0(0, V, 0x0001_0000, SR, 0);
        tlb1(0, V | IPROT | tsize(5), 0x0000_0000, SR, 0);
        tlb1(1, V | tsize(5), 0x0010_0000, SR, 0);
        setSpr(Sprs.MMUCSR0, 0x2); // TLB1 only
        assertEquals(V, valid(0, 0, 0x0001_0000));
        assertEquals(V, valid(1, 0, 0));
        assertEquals(0, valid(1, 1, 0));
        setSpr(Sprs.MMUCSR0, 0x4);
        assertEquals(0, valid(0, 0, 0x0001_0000));
        assertEquals(0, spr(Sprs.MMUCSR0));
    }

    @Test
    void setTlb1EntryAndReset() {
        mmu.setTlb1Entry(0, V | IPROT | tsize(7), 0x0000_0000, ALL_PERMS, 0);
        assertEquals(0x0012_3456L, mmu.probe(0x0012_3456, true));
        setSpr(Sprs.MAS4, 0x1234);
        mmu.reset();
        assertEquals(-1L, mmu.probe(0x0012_3456, true));
        assertEquals(0, spr(Sprs.MAS4));
    }

    /** MAS1[V] of entry (tlbn, esel) selected through MAS2 = {@code ea}, read with tlbre. */
    private int valid(int tlbn, int esel, int ea) {
        setSpr(Sprs.MAS0, (tlbn << 28) | (esel << 16));
        setSpr(Sprs.MAS2, ea);
        mmu.tlbre();
        return spr(Sprs.MAS1) & V;
    }
}
