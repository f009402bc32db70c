package dev.partita.cpu;

import static dev.partita.cpu.Fields.*;

/**
 * Semantics of the system instructions: SPR and MSR moves, sc, the rfi family, traps, sync and
 * barriers, cache management, TLB management, and the SPE gate.
 *
 * <p>Privileged instructions check MSR[PR] first and raise the privileged-instruction program
 * interrupt (ESR[PPR]) in user mode. Instructions that change the MSR go through
 * {@link Cpu#setMsr}, which ends the engine's slice when an interrupt may have become deliverable.
 */
public final class SystemOps {
    private SystemOps() {}

    /** Raises ESR[PPR] when the core is in user mode. */
    static void supervisor(Cpu c) {
        if ((c.msr & Msr.PR) != 0) {
            throw c.programInterrupt(Sprs.ESR_PPR);
        }
    }

    // ---- SPRs and MSR ----

    public static void mfspr(Cpu c, int w) {
        int n = spr(w);
        switch (n) {
            case Sprs.LR -> c.gpr[rD(w)] = c.lr;
            case Sprs.CTR -> c.gpr[rD(w)] = c.ctr;
            case Sprs.XER -> c.gpr[rD(w)] = c.xer();
            default -> {
                if (Sprs.checkRead(c, n)) {
                    c.gpr[rD(w)] = Sprs.read(c, n);
                }
            }
        }
    }

    public static void mtspr(Cpu c, int w) {
        int n = spr(w);
        int v = c.gpr[rD(w)];
        switch (n) {
            case Sprs.LR -> c.lr = v;
            case Sprs.CTR -> c.ctr = v;
            case Sprs.XER -> c.setXer(v);
            default -> {
                if (Sprs.checkWrite(c, n)) {
                    Sprs.write(c, n, v);
                }
            }
        }
    }

    public static void mfmsr(Cpu c, int w) {
        supervisor(c);
        c.gpr[rD(w)] = c.msr;
    }

    /**
     * mtmsr: with bit 15 (L) set only MSR[EE] changes (QEMU accepts that form); otherwise the whole
     * MSR is written, ME included as Book E says (QEMU 7.2 leaves ME alone on mtmsr, a Book III-S rule).
     */
    public static void mtmsr(Cpu c, int w) {
        supervisor(c);
        int v = c.gpr[rD(w)];
        if ((w & 0x00010000) != 0) {
            v = (c.msr & ~Msr.EE) | (v & Msr.EE);
        }
        c.setMsr(v);
    }

    public static void wrtee(Cpu c, int w) {
        supervisor(c);
        c.setMsr((c.msr & ~Msr.EE) | (c.gpr[rD(w)] & Msr.EE));
    }

    public static void wrteei(Cpu c, int w) {
        supervisor(c);
        c.setMsr((w & 0x8000) != 0 ? c.msr | Msr.EE : c.msr & ~Msr.EE);
    }

    // ---- interrupts and returns ----

    /** sc: system call interrupt, SRR0 = the next instruction; ESR is not changed. */
    public static void sc(Cpu c, int w) {
        c.interrupt(Ivor.SYSTEM_CALL, c.pc + 4);
    }

    /** Returns from an interrupt: pc = xSRR0 (word aligned), MSR = xSRR1. */
    private static void returnFrom(Cpu c, int srr0, int srr1) {
        supervisor(c);
        c.pc = c.spr[srr0] & ~3;
        c.setMsr(c.spr[srr1]);
    }

    public static void rfi(Cpu c, int w) {
        returnFrom(c, Sprs.SRR0, Sprs.SRR1);
    }

    public static void rfci(Cpu c, int w) {
        returnFrom(c, Sprs.CSRR0, Sprs.CSRR1);
    }

    public static void rfmci(Cpu c, int w) {
        returnFrom(c, Sprs.MCSRR0, Sprs.MCSRR1);
    }

    /** rfdi (e500v2 debug APU): returns through DSRR0/DSRR1. */
    public static void rfdi(Cpu c, int w) {
        returnFrom(c, Sprs.DSRR0, Sprs.DSRR1);
    }

    /** True if the trap condition TO holds for a and b. */
    static boolean trapCondition(int to, int a, int b) {
        return (to & 0x10) != 0 && a < b
                || (to & 0x08) != 0 && a > b
                || (to & 0x04) != 0 && a == b
                || (to & 0x02) != 0 && Integer.compareUnsigned(a, b) < 0
                || (to & 0x01) != 0 && Integer.compareUnsigned(a, b) > 0;
    }

    public static void tw(Cpu c, int w) {
        if (trapCondition(rD(w), c.gpr[rA(w)], c.gpr[rB(w)])) {
            throw c.programInterrupt(Sprs.ESR_PTR);
        }
    }

    public static void twi(Cpu c, int w) {
        if (trapCondition(rD(w), c.gpr[rA(w)], simm(w))) {
            throw c.programInterrupt(Sprs.ESR_PTR);
        }
    }

    // ---- cache management (no cache is modelled; the MMU checks are QEMU's) ----

    /** Data cache line size of the e500v2. */
    static final int LINE = 32;

    /** dcbf, dcbst: translated as a byte load (a DTLB miss or read-permission fault is raised). */
    public static void dcbLoadCheck(Cpu c, int w) {
        c.load8(LoadStore.eaX(c, w));
    }

    /** icbi: translated as a word load from the start of the line. */
    public static void icbi(Cpu c, int w) {
        c.load32(LoadStore.eaX(c, w) & -LINE);
    }

    /** dcbi (privileged): translated as a store; QEMU reads the byte and writes it back. */
    public static void dcbi(Cpu c, int w) {
        supervisor(c);
        int ea = LoadStore.eaX(c, w);
        c.store8(ea, c.load8(ea));
    }

    /**
     * dcbz: zeroes the aligned 32-byte line through the normal store path (so MMU faults are those of a
     * store) and cancels a reservation in that line.
     */
    public static void dcbz(Cpu c, int w) {
        int line = LoadStore.eaX(c, w) & -LINE;
        if (c.reservationValid && (c.reservationAddress & -LINE) == (line & 0xFFFFFFFFL)) {
            c.reservationValid = false;
        }
        for (int i = 0; i < LINE; i += 4) {
            c.store32(line + i, 0);
        }
    }

    /** dcbtls: no cache to lock; as on QEMU the lock always fails, setting L1CSR0[CUL]. */
    public static void dcbtls(Cpu c, int w) {
        c.spr[Sprs.L1CSR0] |= Sprs.L1CSR_UL;
    }

    // ---- TLB management ----

    public static void tlbwe(Cpu c, int w) {
        supervisor(c);
        c.mmu.tlbwe();
    }

    public static void tlbre(Cpu c, int w) {
        supervisor(c);
        c.mmu.tlbre();
    }

    public static void tlbsx(Cpu c, int w) {
        supervisor(c);
        c.mmu.tlbsx(LoadStore.eaX(c, w));
    }

    public static void tlbivax(Cpu c, int w) {
        supervisor(c);
        c.mmu.tlbivax(LoadStore.eaX(c, w));
    }

    public static void tlbsync(Cpu c, int w) {
        supervisor(c);
        c.mmu.tlbsync();
    }

    // ---- SPE ----

    /**
     * Primary opcode 4: undefined encodings are illegal; SPE instructions that need the unit raise the
     * SPE-unavailable interrupt (IVOR32, ESR[SPV]) when MSR[SPE] = 0. The SPE and embedded
     * floating-point semantics are not implemented yet, so everything else is an illegal instruction.
     */
    public static void spe(Cpu c, int w) {
        if (Spe.classify(w) == Spe.GATED && (c.msr & Msr.SPE) == 0) {
            c.spr[Sprs.ESR] = Sprs.ESR_SPV;
            c.interrupt(Ivor.SPE_UNAVAILABLE, c.pc);
            throw GuestTrap.INSTANCE;
        }
        throw c.programInterrupt(Sprs.ESR_PIL);
    }
}
