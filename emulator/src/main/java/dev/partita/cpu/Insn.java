package dev.partita.cpu;

/**
 * One row of the instruction table: an instruction's identity ({@link #id}, used by the
 * interpreter's switch and the translator), its encoding ({@code (word & mask) == match}), and its
 * assembler syntax for the disassembler.
 *
 * <p>{@link #operands} is a comma-separated list of operand field names, printed in order:
 * {@code rD rS rA rB} (GPR from bits 6-10, 6-10, 11-15, 16-20), {@code rA0} (rA, or 0 when the field is 0),
 * {@code SIMM UIMM} (16-bit immediates), {@code d(rA0)} (displacement and base), {@code crfD crfS}
 * (CR fields), {@code crbD crbA crbB}, {@code BD LI} (branch targets), {@code BO BI}, {@code SH MB ME},
 * {@code SPR}, {@code TO}, {@code CRM}, {@code NB}, {@code L}, {@code E}, {@code CT}, {@code crb}
 * (isel's BC field). The mnemonic gets "o" and "." appended from OE and Rc when {@link #flags} say so.
 *
 * <p>More operand names understood by {@link Disassembler}: {@code BH} (bits 19-20 of bclr/bcctr),
 * {@code d(rA)} (displacement and a base that is never 0, for update forms), {@code d2(rA) d4(rA) d8(rA)}
 * (the 5-bit unsigned offset in bits 16-20 scaled by 2, 4 or 8, for SPE loads and stores),
 * {@code UIMM5 SIMM5} (5-bit immediates in bits 11-15, SPE). Field positions: {@code L} is bit 10,
 * {@code E} bit 16, {@code CT} bits 7-10, {@code CRM} bits 12-19, {@code TO BO} bits 6-10,
 * {@code BI crbA} bits 11-15, {@code crb} bits 21-25. An unknown name prints as "?name".
 */
public final class Insn {
    /** The instruction has an OE bit (bit 21): "o" forms update XER[OV,SO]. */
    public static final int HAS_OE = 1;
    /** The instruction has an Rc bit (bit 31): "." forms update CR0 (or CR1). */
    public static final int HAS_RC = 2;
    /** The instruction changes control flow: its semantics set {@link Cpu#pc} themselves. */
    public static final int BRANCH = 4;
    /** Privileged: raises a privileged-instruction program interrupt when MSR[PR] = 1. */
    public static final int PRIVILEGED = 8;
    /** The instruction has an LK bit (bit 31) and an AA bit (bit 30). */
    public static final int HAS_LK = 16;

    public final int id;
    public final String mnemonic;
    public final int match;
    public final int mask;
    public final String operands;
    public final int flags;

    public Insn(int id, String mnemonic, int match, int mask, String operands, int flags) {
        this.id = id;
        this.mnemonic = mnemonic;
        this.match = match;
        this.mask = mask;
        this.operands = operands;
        this.flags = flags;
    }

    public boolean matches(int word) {
        return (word & mask) == match;
    }

    @Override
    public String toString() {
        return mnemonic;
    }
}
