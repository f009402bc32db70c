package dev.partita.mmu;

import dev.partita.cpu.Ivor;
import dev.partita.cpu.Msr;
import dev.partita.cpu.Sprs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Translation (TS, PID, permissions, multiple hits) and the TLB error / storage interrupts with their
 * registers. The data TLB miss values (MAS0-MAS7, ESR, DEAR, the victim counter shared with tlbsx)
 * match what QEMU 7.2.22 gave a bare-metal probe. For instruction TLB misses QEMU also writes DEAR
 * (the fetch address) and clears ESR; the e500 leaves both alone, which is what is tested here.
 */
class TranslationTest extends MmuFixture {

    @Test
    void addressSpaceComesFromMsrDsForDataAndIsForFetches() {
        tlb0(0, V | TS, 0x4000_0000, 0x0010_0000 | ALL_PERMS);
        tlb0(1, V, 0x4000_0000, 0x0020_0000 | ALL_PERMS);
        poke(0x0010_0010, 0x11, 0x11, 0x11, 0x11);
        poke(0x0020_0010, 0x22, 0x22, 0x22, 0x22);
        assertEquals(0x2222_2222, cpu.load32(0x4000_0010));
        assertEquals(0x2222_2222, cpu.fetch(0x4000_0010));
        cpu.setMsr(Msr.DS);
        assertEquals(0x1111_1111, cpu.load32(0x4000_0010));
        assertEquals(0x2222_2222, cpu.fetch(0x4000_0010));
        cpu.setMsr(Msr.IS);
        assertEquals(0x2222_2222, cpu.load32(0x4000_0010));
        assertEquals(0x1111_1111, cpu.fetch(0x4000_0010));
    }

    @Test
    void tidMatchesZeroOrAnyOfThreePids() {
        tlb1(0, V | (5 << 16) | tsize(1), 0x4000_0000, 0x0010_0000 | SR, 0);
        assertEquals(-1L, mmu.probe(0x4000_0000, false));
        for (int pid : new int[] {Sprs.PID0, Sprs.PID1, Sprs.PID2}) {
            setSpr(pid, 5);
            assertEquals(0x0010_0000L, mmu.probe(0x4000_0000, false));
            setSpr(pid, 6);
            assertEquals(-1L, mmu.probe(0x4000_0000, false));
        }
        tlb1(1, V | tsize(1), 0x4000_0000, 0x0030_0000 | SR, 0); // TID 0: every PID
        assertEquals(0x0030_0123L, mmu.probe(0x4000_0123, false));
    }

    @Test
    void tlb0IsSearchedBeforeTlb1AndLowerWaysFirst() {
        tlb1(0, V | tsize(5), 0x4000_0000, 0x0030_0000 | SR, 0);
        tlb0(3, V, 0x4000_1000, 0x0050_0000 | SR);
        tlb0(2, V, 0x4000_1000, 0x0040_0000 | SR);
        assertEquals(0x0040_0004L, mmu.probe(0x4000_1004, false));
        assertEquals(0x0030_2004L, mmu.probe(0x4000_2004, false));
    }

    @Test
    void permissionsFollowMsrPr() {
        int sup = 0, user = Msr.PR;
        tlb0(0, V, 0x4000_0000, 0x0010_0000 | SR | UW | UX);
        load(sup);
        assertStoreFaults(sup);
        assertFetchFaults(sup);
        assertLoadFaults(user);
        store(user);
        fetch(user);
        tlb0(0, V, 0x4000_0000, 0x0010_0000 | UR | SW | SX);
        assertLoadFaults(sup);
        store(sup);
        fetch(sup);
        load(user);
        assertStoreFaults(user);
        assertFetchFaults(user);
    }

    @Test
    void dataStorageInterruptRegisters() {
        tlb0(0, V, 0x4000_0000, 0x0010_0000 | SR);
        cpu.pc = 0x0000_2468;
        cpu.msr = Msr.EE | Msr.ME | Msr.CE | Msr.DS;
        cpu.spr[Sprs.ESR] = -1;
        tlb0(1, V | TS, 0x4000_0000, 0x0010_0000 | SR);
        assertTrap(() -> cpu.store16(0x4000_0ABE, 7));
        assertEquals(vector(Ivor.DATA_STORAGE), cpu.pc);
        assertEquals(0x0000_2468, cpu.spr[Sprs.SRR0]);
        assertEquals(Msr.EE | Msr.ME | Msr.CE | Msr.DS, cpu.spr[Sprs.SRR1]);
        assertEquals(Msr.ME | Msr.CE, cpu.msr);
        assertEquals(0x4000_0ABE, cpu.spr[Sprs.DEAR]);
        assertEquals(Sprs.ESR_ST, cpu.spr[Sprs.ESR]);
        assertEquals(0, peek(0x0010_0ABE));
        // A read fault clears ESR[ST].
        tlb0(0, V, 0x4000_0000, 0x0010_0000 | SW);
        assertTrap(() -> cpu.load8(0x4000_0123));
        assertEquals(0, cpu.spr[Sprs.ESR]);
        assertEquals(0x4000_0123, cpu.spr[Sprs.DEAR]);
    }

    @Test
    void instructionStorageInterruptRegisters() {
        tlb0(0, V, 0x4000_0000, 0x0010_0000 | SR | SW | UX);
        cpu.spr[Sprs.ESR] = -1;
        cpu.spr[Sprs.DEAR] = 0x1234_5678;
        cpu.pc = 0x4000_0040;
        cpu.msr = Msr.ME;
        assertTrap(() -> cpu.fetch(0x4000_0040));
        assertEquals(vector(Ivor.INSTRUCTION_STORAGE), cpu.pc);
        assertEquals(0x4000_0040, cpu.spr[Sprs.SRR0]);
        assertEquals(Msr.ME, cpu.spr[Sprs.SRR1]);
        assertEquals(0, cpu.spr[Sprs.ESR]);
        assertEquals(0x1234_5678, cpu.spr[Sprs.DEAR]);
    }

    @Test
    void dataTlbMissLoadsMasDefaults() {
        // TLBSELD 1, TIDSELD PID1, TSIZED 4 KiB, WIMGED = M.
        setSpr(Sprs.MAS4, 0x1000_0000 | 0x0001_0000 | tsize(1) | 0x04);
        setSpr(Sprs.PID0, 3);
        setSpr(Sprs.PID1, 9);
        setSpr(Sprs.MAS3, 0x5555);
        setSpr(Sprs.MAS7, 0x5);
        cpu.pc = 0x0000_3330;
        cpu.msr = Msr.DS | Msr.ME;
        assertTrap(() -> cpu.load32(0x4000_1234));
        assertEquals(vector(Ivor.DATA_TLB_ERROR), cpu.pc);
        assertEquals(0x0000_3330, cpu.spr[Sprs.SRR0]);
        assertEquals(Msr.DS | Msr.ME, cpu.spr[Sprs.SRR1]);
        assertEquals(0x4000_1234, cpu.spr[Sprs.DEAR]);
        assertEquals(0, cpu.spr[Sprs.ESR]);
        assertEquals(0x1000_0001, spr(Sprs.MAS0)); // TLBSELD, ESEL = victim 0, NV = 1
        assertEquals(V | (9 << 16) | TS | tsize(1), spr(Sprs.MAS1));
        assertEquals(0x4000_1000 | 0x04, spr(Sprs.MAS2));
        assertEquals(0, spr(Sprs.MAS3));
        assertEquals((3 << 16) | 1, spr(Sprs.MAS6)); // SPID = PID0, SAS = AS
        assertEquals(0, spr(Sprs.MAS7));
        // A store miss in AS 0 with TIDSELD = 3 (TID 0); the victim keeps turning.
        setSpr(Sprs.MAS4, 0x0003_0000 | tsize(2) | 0x1F);
        cpu.msr = 0;
        cpu.pc = 0x0000_3340;
        assertTrap(() -> cpu.store8(0xFFFF_FFFF, 1));
        assertEquals(vector(Ivor.DATA_TLB_ERROR), cpu.pc);
        assertEquals(0x0000_3340, cpu.spr[Sprs.SRR0]);
        assertEquals(0xFFFF_FFFF, cpu.spr[Sprs.DEAR]);
        assertEquals(Sprs.ESR_ST, cpu.spr[Sprs.ESR]);
        assertEquals(0x0001_0002, spr(Sprs.MAS0));
        assertEquals(V | tsize(2), spr(Sprs.MAS1));
        assertEquals(0xFFFF_F01F, spr(Sprs.MAS2));
        assertEquals(3 << 16, spr(Sprs.MAS6));
    }

    @Test
    void dataTlbMissTidFromPid0AndPid2() {
        setSpr(Sprs.PID0, 0x21);
        setSpr(Sprs.PID2, 0x23);
        assertTrap(() -> cpu.load32(0x100));
        assertEquals(V | (0x21 << 16), spr(Sprs.MAS1));
        setSpr(Sprs.MAS4, 0x0002_0000);
        assertTrap(() -> cpu.load32(0x100));
        assertEquals(V | (0x23 << 16), spr(Sprs.MAS1));
    }

    @Test
    void instructionTlbMissLeavesDearAndEsr() {
        setSpr(Sprs.MAS4, tsize(1));
        setSpr(Sprs.PID0, 4);
        tlb0(0, V, 0x0000_8000, 0x0000_8000 | ALL_PERMS); // AS 0 only
        cpu.spr[Sprs.DEAR] = 0x0BAD_0BAD;
        cpu.spr[Sprs.ESR] = Sprs.ESR_ST;
        cpu.msr = Msr.IS | Msr.ME | Msr.EE;
        cpu.pc = 0x0000_8004;
        assertTrap(() -> cpu.fetch(0x0000_8004));
        assertEquals(vector(Ivor.INSTRUCTION_TLB_ERROR), cpu.pc);
        assertEquals(0x0000_8004, cpu.spr[Sprs.SRR0]);
        assertEquals(Msr.IS | Msr.ME | Msr.EE, cpu.spr[Sprs.SRR1]);
        assertEquals(Msr.ME, cpu.msr);
        assertEquals(0x0BAD_0BAD, cpu.spr[Sprs.DEAR]);
        assertEquals(Sprs.ESR_ST, cpu.spr[Sprs.ESR]);
        assertEquals(0x0000_0001, spr(Sprs.MAS0));
        assertEquals(V | (4 << 16) | TS | tsize(1), spr(Sprs.MAS1));
        assertEquals(0x0000_8000, spr(Sprs.MAS2));
        assertEquals((4 << 16) | 1, spr(Sprs.MAS6));
    }

    @Test
    void pagesOfFourGiBAndMoreCoverTheWholeEffectiveSpace() {
        tlb1(0, V | tsize(11), 0x1234_5000, 0x0000_0000 | SR, 0x3);
        setSpr(Sprs.MAS0, 0x1000_0000);
        mmu.tlbre();
        assertEquals(0, spr(Sprs.MAS2));
        // 4 GiB page: the RPN keeps only MAS7's bits above 4 GiB.
        assertEquals(0x3_8765_4321L, mmu.probe(0x8765_4321, false));
    }

    private static final int PAGE = 0x4000_0000;

    private void load(int msr) {
        cpu.setMsr(msr);
        cpu.load32(PAGE);
    }

    private void store(int msr) {
        cpu.setMsr(msr);
        cpu.store32(PAGE, 1);
    }

    private void fetch(int msr) {
        cpu.setMsr(msr);
        cpu.fetch(PAGE);
    }

    private void assertLoadFaults(int msr) {
        cpu.setMsr(msr);
        assertTrap(() -> cpu.load32(PAGE));
        assertEquals(vector(Ivor.DATA_STORAGE), cpu.pc);
        assertEquals(0, cpu.spr[Sprs.ESR]);
    }

    private void assertStoreFaults(int msr) {
        cpu.setMsr(msr);
        assertTrap(() -> cpu.store32(PAGE, 0));
        assertEquals(vector(Ivor.DATA_STORAGE), cpu.pc);
        assertEquals(Sprs.ESR_ST, cpu.spr[Sprs.ESR]);
    }

    private void assertFetchFaults(int msr) {
        cpu.setMsr(msr);
        assertTrap(() -> cpu.fetch(PAGE));
        assertEquals(vector(Ivor.INSTRUCTION_STORAGE), cpu.pc);
    }
}
