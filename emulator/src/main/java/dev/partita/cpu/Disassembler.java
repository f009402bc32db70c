package dev.partita.cpu;

/**
 * Turns instruction words into assembler text, driven entirely by the {@link Isa} table: the word
 * is decoded with {@link Decoder}, the row's mnemonic gets its "o", ".", "l" and "a" suffixes from
 * the word, and each name in {@link Insn#operands} is formatted from its field.
 *
 * <p>The output follows {@code objdump -M e500x2,raw}: base mnemonics only (no extended forms such
 * as {@code li} or {@code blr}), decimal immediates, GPRs as {@code rN}, CR fields as {@code crN},
 * CR bits as {@code lt gt eq so} for CR0 and {@code 4*crN+eq} otherwise, branch targets as absolute
 * hex addresses, and {@code .long 0x...} for a word no row matches. Mnemonic and operands are
 * separated by one space.
 */
public final class Disassembler {
    private Disassembler() {}

    private static final String[] CR_BIT = {"lt", "gt", "eq", "so"};

    /** The assembler text of {@code word} located at address {@code pc} (used for relative branch targets). */
    public static String disassemble(int word, int pc) {
        Insn row = Isa.byId(Decoder.decode(word));
        if (row == null) {
            return ".long 0x" + Integer.toHexString(word);
        }
        StringBuilder sb = new StringBuilder(32);
        sb.append(row.mnemonic);
        if ((row.flags & Insn.HAS_OE) != 0 && (word & 0x400) != 0) {
            sb.append('o');
        }
        if ((row.flags & Insn.HAS_RC) != 0 && (word & 1) != 0) {
            sb.append('.');
        }
        if ((row.flags & Insn.HAS_LK) != 0) {
            if ((word & 1) != 0) {
                sb.append('l');
            }
            if ((word & 2) != 0 && (row.mask & 2) == 0) {
                sb.append('a');
            }
        }
        if (!row.operands.isEmpty()) {
            sb.append(' ');
            String[] ops = row.operands.split(",");
            for (int i = 0; i < ops.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                operand(sb, ops[i].trim(), word, pc);
            }
        }
        return sb.toString();
    }

    /**
     * A listing of {@code code} (big-endian words) as loaded at {@code baseAddress}: one line per
     * word, {@code "address:  word  text"}, addresses and words in 8-digit hex. A trailing partial
     * word is ignored.
     */
    public static String disassembleRange(byte[] code, int baseAddress) {
        StringBuilder sb = new StringBuilder(code.length * 10);
        for (int off = 0; off + 4 <= code.length; off += 4) {
            int w = (code[off] & 0xFF) << 24 | (code[off + 1] & 0xFF) << 16 | (code[off + 2] & 0xFF) << 8
                    | (code[off + 3] & 0xFF);
            int pc = baseAddress + off;
            sb.append(String.format("%08x:  %08x  ", pc, w)).append(disassemble(w, pc)).append('\n');
        }
        return sb.toString();
    }

    /** The name of CR bit {@code n} (0..31) in objdump's style. */
    static String crBit(int n) {
        String bit = CR_BIT[n & 3];
        return n < 4 ? bit : "4*cr" + (n >>> 2) + "+" + bit;
    }

    private static String gpr(int n) {
        return "r" + n;
    }

    private static String hex(int address) {
        return "0x" + Integer.toHexString(address);
    }

    private static void operand(StringBuilder sb, String op, int w, int pc) {
        int f6 = (w >>> 21) & 31, f11 = (w >>> 16) & 31, f16 = (w >>> 11) & 31;
        switch (op) {
            case "rD", "rS" -> sb.append(gpr(f6));
            case "rA" -> sb.append(gpr(f11));
            case "rB" -> sb.append(gpr(f16));
            case "rA0" -> sb.append(f11 == 0 ? "0" : gpr(f11));
            case "SIMM" -> sb.append((short) w);
            case "UIMM" -> sb.append(w & 0xFFFF);
            case "d(rA0)" -> sb.append((short) w).append('(').append(f11 == 0 ? "0" : gpr(f11)).append(')');
            case "d(rA)" -> sb.append((short) w).append('(').append(gpr(f11)).append(')');
            case "d2(rA)" -> sb.append(f16 * 2).append('(').append(gpr(f11)).append(')');
            case "d4(rA)" -> sb.append(f16 * 4).append('(').append(gpr(f11)).append(')');
            case "d8(rA)" -> sb.append(f16 * 8).append('(').append(gpr(f11)).append(')');
            case "UIMM5" -> sb.append(f11);
            case "SIMM5" -> sb.append((f11 << 27) >> 27);
            case "crfD" -> sb.append("cr").append((w >>> 23) & 7);
            case "crfS" -> sb.append("cr").append((w >>> 18) & 7);
            case "crbD" -> sb.append(crBit(f6));
            case "crbA", "BI" -> sb.append(crBit(f11));
            case "crbB" -> sb.append(crBit(f16));
            case "crb" -> sb.append(crBit((w >>> 6) & 31));
            case "BO", "TO" -> sb.append(f6);
            case "BH" -> sb.append((w >>> 11) & 3);
            case "BD" -> sb.append(hex(Fields.conditionalTarget(w, pc)));
            case "LI" -> sb.append(hex(Fields.branchTarget(w, pc)));
            case "SH", "NB" -> sb.append(f16);
            case "MB" -> sb.append((w >>> 6) & 31);
            case "ME" -> sb.append((w >>> 1) & 31);
            case "SPR" -> sb.append(Fields.spr(w));
            case "CRM" -> sb.append((w >>> 12) & 0xFF);
            case "L" -> sb.append((w >>> 21) & 1);
            case "E" -> sb.append((w >>> 15) & 1);
            case "CT" -> sb.append((w >>> 21) & 15);
            default -> sb.append('?').append(op);
        }
    }
}
