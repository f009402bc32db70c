package dev.partita.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.partita.cpu.Msr;
import dev.partita.cpu.Sprs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One soft TLB per MSR[PR, IS, DS] context: a change of MSR[PR] switches tables and keeps what each
 * has cached, while TLB writes and PID changes reach the tables of every context, so no context
 * keeps a translation the TLB no longer has.
 */
class SoftTlbContextTest extends MmuFixture {
    static final int PAGE = 0x3000_0000;
    static final int I = (PAGE >>> 12) & SoftTlb.MASK;

    @BeforeEach
    void map() {
        // TLB0: EA 0x3000_0000 -> PA 0x0010_0000, user and supervisor read/write, PID 0 (global)
        tlb0(0, V | 1 << 8, PAGE, 0x0010_0000 | ALL_PERMS);
        ram.bytes()[0x0010_0000] = 0x11;
        ram.bytes()[0x0020_0000] = 0x22;
    }

    @Test
    void systemCallsSwitchTablesInsteadOfFlushing() {
        SoftTlb supervisor = cpu.tlb;
        assertEquals(0x11, cpu.load8(PAGE));
        assertEquals(PAGE, supervisor.readTag[I]);
        cpu.setMsr(Msr.PR);
        SoftTlb user = cpu.tlb;
        assertNotSame(supervisor, user);
        assertEquals(SoftTlb.INVALID, user.readTag[I]);
        assertEquals(0x11, cpu.load8(PAGE));
        assertEquals(PAGE, user.readTag[I]);
        cpu.setMsr(0);
        assertSame(supervisor, cpu.tlb);
        assertEquals(PAGE, supervisor.readTag[I], "kept across the round trip");
    }

    @Test
    void aTlbWriteReachesTheTablesOfOtherContexts() {
        assertEquals(0x11, cpu.load8(PAGE));              // cached in the supervisor table
        cpu.setMsr(Msr.PR);
        assertEquals(0x11, cpu.load8(PAGE));              // and in the user table
        cpu.setMsr(0);
        tlb0(0, V | 1 << 8, PAGE, 0x0020_0000 | ALL_PERMS); // same way, new real page
        assertEquals(0x22, cpu.load8(PAGE));
        cpu.setMsr(Msr.PR);
        assertEquals(0x22, cpu.load8(PAGE), "the user table dropped the old translation too");
    }

    @Test
    void aPidChangeFlushesEveryContext() {
        // a private mapping of PID 5 at the same EA, in another way of the same set
        tlb0(1, V | 1 << 8 | 5 << 16, PAGE + 0x1000, 0x0020_0000 | ALL_PERMS);
        cpu.setMsr(Msr.PR);
        assertEquals(0x11, cpu.load8(PAGE));
        cpu.setMsr(0);
        setSpr(Sprs.PID0, 5);
        assertEquals(SoftTlb.INVALID, cpu.tlb.readTag[I]);
        cpu.setMsr(Msr.PR);
        assertEquals(SoftTlb.INVALID, cpu.tlb.readTag[I]);
    }
}
