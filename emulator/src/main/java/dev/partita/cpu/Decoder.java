package dev.partita.cpu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps an instruction word to its {@link Isa} id with one table lookup, built from the table's
 * match/mask rows. The key is the primary opcode and bits 21-30 (the extended opcode of the X, XL,
 * XFX and XO forms). A key whose rows depend on other bits holds a negative index into a short
 * candidate list that is searched in table order (first match wins).
 */
public final class Decoder {
    private Decoder() {}

    private static final int KEY_MASK = 0xFC0007FE;
    private static final short[] TABLE = new short[1 << 16];
    private static final Insn[][] CANDIDATES;

    static {
        List<Insn> rows = Isa.all();
        List<Insn[]> lists = new ArrayList<>();
        Map<List<Insn>, Integer> seen = new HashMap<>();
        lists.add(new Insn[0]);
        for (int key = 0; key < TABLE.length; key++) {
            int keyBits = (key >>> 10) << 26 | (key & 0x3FF) << 1;
            List<Insn> cands = new ArrayList<>();
            for (Insn r : rows) {
                if ((keyBits & r.mask & KEY_MASK) == (r.match & KEY_MASK)) {
                    cands.add(r);
                }
            }
            if (cands.isEmpty()) {
                TABLE[key] = Isa.ILLEGAL;
            } else if (cands.size() == 1 && (cands.get(0).mask & ~KEY_MASK) == 0) {
                TABLE[key] = (short) cands.get(0).id;
            } else {
                int index = seen.computeIfAbsent(cands, c -> {
                    lists.add(c.toArray(new Insn[0]));
                    return lists.size() - 1;
                });
                TABLE[key] = (short) -index;
            }
        }
        CANDIDATES = lists.toArray(new Insn[0][]);
    }

    /** The instruction id of {@code word}, or {@link Isa#ILLEGAL}. */
    public static int decode(int word) {
        int id = TABLE[(word >>> 26) << 10 | (word >>> 1) & 0x3FF];
        return id >= 0 ? id : search(word, id);
    }

    private static int search(int word, int id) {
        for (Insn i : CANDIDATES[-id]) {
            if (i.matches(word)) {
                return i.id;
            }
        }
        return Isa.ILLEGAL;
    }
}
