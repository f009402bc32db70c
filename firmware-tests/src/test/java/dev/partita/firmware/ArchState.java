package dev.partita.firmware;

import dev.partita.cpu.Cpu;
import dev.partita.cpu.Sprs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A snapshot of the architected state of an e500 core that two engines must agree on after the same
 * instructions: pc, instruction count, MSR, CR, XER, LR, CTR, the 32 GPRs and their SPE upper halves,
 * SRR0/SRR1, ESR, DEAR and the lwarx reservation.
 */
record ArchState(int pc, long icount, int msr, int cr, int xer, int lr, int ctr, int[] gpr, int[] gprHigh,
        int srr0, int srr1, int esr, int dear, boolean reservation, long reservationAddress) {

    static ArchState of(Cpu c) {
        return new ArchState(c.pc, c.icount, c.msr, c.cr, c.xer(), c.lr, c.ctr, c.gpr.clone(), c.gprHigh.clone(),
                c.spr[Sprs.SRR0], c.spr[Sprs.SRR1], c.spr[Sprs.ESR], c.spr[Sprs.DEAR], c.reservationValid,
                c.reservationValid ? c.reservationAddress : 0);
    }

    /** Every field in which {@code other} differs from this state, one per line; empty when equal. */
    String diff(ArchState other, String thisName, String otherName) {
        List<String> d = new ArrayList<>();
        field(d, "pc", pc, other.pc);
        if (icount != other.icount) {
            d.add(String.format("icount: %s=%d %s=%d", thisName, icount, otherName, other.icount));
        }
        field(d, "msr", msr, other.msr);
        field(d, "cr", cr, other.cr);
        field(d, "xer", xer, other.xer);
        field(d, "lr", lr, other.lr);
        field(d, "ctr", ctr, other.ctr);
        for (int i = 0; i < 32; i++) {
            field(d, "r" + i, gpr[i], other.gpr[i]);
            field(d, "r" + i + "(upper)", gprHigh[i], other.gprHigh[i]);
        }
        field(d, "srr0", srr0, other.srr0);
        field(d, "srr1", srr1, other.srr1);
        field(d, "esr", esr, other.esr);
        field(d, "dear", dear, other.dear);
        if (reservation != other.reservation || reservationAddress != other.reservationAddress) {
            d.add(String.format("reservation: %s=%s@%x %s=%s@%x", thisName, reservation, reservationAddress,
                    otherName, other.reservation, other.reservationAddress));
        }
        StringBuilder s = new StringBuilder();
        for (String line : d) {
            s.append("  ").append(line.replace("$A", thisName).replace("$B", otherName)).append('\n');
        }
        return s.toString();
    }

    private static void field(List<String> d, String name, int a, int b) {
        if (a != b) {
            d.add(String.format("%s: $A=%08x $B=%08x", name, a, b));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArchState s && pc == s.pc && icount == s.icount && msr == s.msr && cr == s.cr
                && xer == s.xer && lr == s.lr && ctr == s.ctr && Arrays.equals(gpr, s.gpr)
                && Arrays.equals(gprHigh, s.gprHigh) && srr0 == s.srr0 && srr1 == s.srr1 && esr == s.esr
                && dear == s.dear && reservation == s.reservation && reservationAddress == s.reservationAddress;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(gpr) ^ pc ^ Long.hashCode(icount);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format("pc=%08x icount=%d msr=%08x cr=%08x xer=%08x lr=%08x ctr=%08x%n",
                pc, icount, msr, cr, xer, lr, ctr));
        for (int i = 0; i < 32; i++) {
            s.append(String.format("r%-2d=%08x%s", i, gpr[i], i % 8 == 7 ? "\n" : " "));
        }
        s.append(String.format("srr0=%08x srr1=%08x esr=%08x dear=%08x reservation=%s", srr0, srr1, esr, dear, reservation));
        return s.toString();
    }
}
