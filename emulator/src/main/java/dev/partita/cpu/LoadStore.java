package dev.partita.cpu;

import static dev.partita.cpu.Fields.*;

/**
 * Semantics of the integer load and store instructions.
 *
 * <p>Every access goes through {@link Cpu}'s load/store fast paths, whose slow path (the MMU)
 * handles misaligned accesses, MMIO and storage faults; a faulting access throws {@link GuestTrap}
 * before any register is written, so an update form leaves rA unchanged when the access faults.
 *
 * <p>Invalid forms are treated as QEMU 7.2 does: an update form with rA = 0, or a load with update
 * whose rA equals rD, is an illegal instruction (ESR[PIL]). lmw/stmw accept any alignment and any
 * rA, as QEMU does. lwarx/stwcx. with an effective address that is not word aligned take an
 * alignment interrupt (Book E); QEMU does so for lwarx but lets a misaligned stwcx. simply fail.
 */
public final class LoadStore {
    private LoadStore() {}

    /** EA of the D forms: (rA|0) + d. */
    static int eaD(Cpu c, int w) {
        int a = rA(w);
        return (a == 0 ? 0 : c.gpr[a]) + simm(w);
    }

    /** EA of the X forms: (rA|0) + rB. */
    static int eaX(Cpu c, int w) {
        int a = rA(w);
        return (a == 0 ? 0 : c.gpr[a]) + c.gpr[rB(w)];
    }

    /** EA of a load with update (D form when {@code indexed} is false); illegal when rA = 0 or rA = rD. */
    private static int eaLoadUpdate(Cpu c, int w, boolean indexed) {
        int a = rA(w);
        if (a == 0 || a == rD(w)) {
            throw c.programInterrupt(Sprs.ESR_PIL);
        }
        return c.gpr[a] + (indexed ? c.gpr[rB(w)] : simm(w));
    }

    /** EA of a store with update; illegal when rA = 0. */
    private static int eaStoreUpdate(Cpu c, int w, boolean indexed) {
        int a = rA(w);
        if (a == 0) {
            throw c.programInterrupt(Sprs.ESR_PIL);
        }
        return c.gpr[a] + (indexed ? c.gpr[rB(w)] : simm(w));
    }

    // ---- D forms ----

    public static void lwz(Cpu c, int w) {
        c.gpr[rD(w)] = c.load32(eaD(c, w));
    }

    public static void lwzu(Cpu c, int w) {
        int ea = eaLoadUpdate(c, w, false);
        c.gpr[rD(w)] = c.load32(ea);
        c.gpr[rA(w)] = ea;
    }

    public static void lbz(Cpu c, int w) {
        c.gpr[rD(w)] = c.load8(eaD(c, w));
    }

    public static void lbzu(Cpu c, int w) {
        int ea = eaLoadUpdate(c, w, false);
        c.gpr[rD(w)] = c.load8(ea);
        c.gpr[rA(w)] = ea;
    }

    public static void lhz(Cpu c, int w) {
        c.gpr[rD(w)] = c.load16(eaD(c, w));
    }

    public static void lhzu(Cpu c, int w) {
        int ea = eaLoadUpdate(c, w, false);
        c.gpr[rD(w)] = c.load16(ea);
        c.gpr[rA(w)] = ea;
    }

    public static void lha(Cpu c, int w) {
        c.gpr[rD(w)] = (short) c.load16(eaD(c, w));
    }

    public static void lhau(Cpu c, int w) {
        int ea = eaLoadUpdate(c, w, false);
        c.gpr[rD(w)] = (short) c.load16(ea);
        c.gpr[rA(w)] = ea;
    }

    public static void stw(Cpu c, int w) {
        c.store32(eaD(c, w), c.gpr[rD(w)]);
    }

    public static void stwu(Cpu c, int w) {
        int ea = eaStoreUpdate(c, w, false);
        c.store32(ea, c.gpr[rD(w)]);
        c.gpr[rA(w)] = ea;
    }

    public static void stb(Cpu c, int w) {
        c.store8(eaD(c, w), c.gpr[rD(w)]);
    }

    public static void stbu(Cpu c, int w) {
        int ea = eaStoreUpdate(c, w, false);
        c.store8(ea, c.gpr[rD(w)]);
        c.gpr[rA(w)] = ea;
    }

    public static void sth(Cpu c, int w) {
        c.store16(eaD(c, w), c.gpr[rD(w)]);
    }

    public static void sthu(Cpu c, int w) {
        int ea = eaStoreUpdate(c, w, false);
        c.store16(ea, c.gpr[rD(w)]);
        c.gpr[rA(w)] = ea;
    }

    /** lmw: loads rD..r31 from consecutive words (a fault part way leaves the earlier ones loaded). */
    public static void lmw(Cpu c, int w) {
        int ea = eaD(c, w);
        for (int r = rD(w); r < 32; r++, ea += 4) {
            c.gpr[r] = c.load32(ea);
        }
    }

    public static void stmw(Cpu c, int w) {
        int ea = eaD(c, w);
        for (int r = rD(w); r < 32; r++, ea += 4) {
            c.store32(ea, c.gpr[r]);
        }
    }

    // ---- X forms ----

    public static void lwzx(Cpu c, int w) {
        c.gpr[rD(w)] = c.load32(eaX(c, w));
    }

    public static void lwzux(Cpu c, int w) {
        int ea = eaLoadUpdate(c, w, true);
        c.gpr[rD(w)] = c.load32(ea);
        c.gpr[rA(w)] = ea;
    }

    public static void lbzx(Cpu c, int w) {
        c.gpr[rD(w)] = c.load8(eaX(c, w));
    }

    public static void lbzux(Cpu c, int w) {
        int ea = eaLoadUpdate(c, w, true);
        c.gpr[rD(w)] = c.load8(ea);
        c.gpr[rA(w)] = ea;
    }

    public static void lhzx(Cpu c, int w) {
        c.gpr[rD(w)] = c.load16(eaX(c, w));
    }

    public static void lhzux(Cpu c, int w) {
        int ea = eaLoadUpdate(c, w, true);
        c.gpr[rD(w)] = c.load16(ea);
        c.gpr[rA(w)] = ea;
    }

    public static void lhax(Cpu c, int w) {
        c.gpr[rD(w)] = (short) c.load16(eaX(c, w));
    }

    public static void lhaux(Cpu c, int w) {
        int ea = eaLoadUpdate(c, w, true);
        c.gpr[rD(w)] = (short) c.load16(ea);
        c.gpr[rA(w)] = ea;
    }

    public static void stwx(Cpu c, int w) {
        c.store32(eaX(c, w), c.gpr[rD(w)]);
    }

    public static void stwux(Cpu c, int w) {
        int ea = eaStoreUpdate(c, w, true);
        c.store32(ea, c.gpr[rD(w)]);
        c.gpr[rA(w)] = ea;
    }

    public static void stbx(Cpu c, int w) {
        c.store8(eaX(c, w), c.gpr[rD(w)]);
    }

    public static void stbux(Cpu c, int w) {
        int ea = eaStoreUpdate(c, w, true);
        c.store8(ea, c.gpr[rD(w)]);
        c.gpr[rA(w)] = ea;
    }

    public static void sthx(Cpu c, int w) {
        c.store16(eaX(c, w), c.gpr[rD(w)]);
    }

    public static void sthux(Cpu c, int w) {
        int ea = eaStoreUpdate(c, w, true);
        c.store16(ea, c.gpr[rD(w)]);
        c.gpr[rA(w)] = ea;
    }

    // ---- byte-reversed ----

    public static void lwbrx(Cpu c, int w) {
        c.gpr[rD(w)] = Integer.reverseBytes(c.load32(eaX(c, w)));
    }

    public static void lhbrx(Cpu c, int w) {
        c.gpr[rD(w)] = Character.reverseBytes((char) c.load16(eaX(c, w)));
    }

    public static void stwbrx(Cpu c, int w) {
        c.store32(eaX(c, w), Integer.reverseBytes(c.gpr[rD(w)]));
    }

    public static void sthbrx(Cpu c, int w) {
        c.store16(eaX(c, w), Character.reverseBytes((char) c.gpr[rD(w)]));
    }

    // ---- reservations ----

    /**
     * lwarx: loads the word and sets the reservation on its effective address (the address QEMU
     * compares too; a physical-address granule would need the MMU's translation).
     */
    public static void lwarx(Cpu c, int w) {
        int ea = eaX(c, w);
        if ((ea & 3) != 0) {
            throw alignment(c, ea, 0);
        }
        int v = c.load32(ea);
        c.reservationAddress = ea & 0xFFFFFFFFL;
        c.reservationValid = true;
        c.gpr[rD(w)] = v;
    }

    /**
     * stwcx.: stores if the reservation is valid for this address, then clears it; CR0 = 0b00 || EQ
     * (stored) || XER[SO]. Without a reservation nothing is accessed. A store that faults keeps the
     * reservation (the instruction did not complete).
     */
    public static void stwcx(Cpu c, int w) {
        int ea = eaX(c, w);
        if ((ea & 3) != 0) {
            throw alignment(c, ea, Sprs.ESR_ST);
        }
        int f = c.xerSo;
        if (c.reservationValid && c.reservationAddress == (ea & 0xFFFFFFFFL)) {
            c.store32(ea, c.gpr[rD(w)]);
            f |= 2;
        }
        c.reservationValid = false;
        c.cr = (c.cr & 0x0FFFFFFF) | (f << 28);
    }

    /** Raises an alignment interrupt for the access at {@code ea}: DEAR = EA, ESR = {@code esr} (ST for stores). */
    static GuestTrap alignment(Cpu c, int ea, int esr) {
        c.spr[Sprs.DEAR] = ea;
        c.spr[Sprs.ESR] = esr;
        c.interrupt(Ivor.ALIGNMENT, c.pc);
        return GuestTrap.INSTANCE;
    }
}
