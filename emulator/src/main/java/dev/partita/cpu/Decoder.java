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
    /**
     * Candidate lists, flattened: list k starts at {@code START[k]} and runs until a sentinel row
     * whose mask is 0 (it matches anything and yields {@link Isa#ILLEGAL}).
     */
    private static final int[] START;
    private static final int[] MASK;
    private static final int[] MATCH;
    private static final short[] ID;

    static {
        List<Insn> rows = Isa.all();
        List<Integer> starts = new ArrayList<>();
        List<Insn> flat = new ArrayList<>();
        Map<List<Insn>, Integer> seen = new HashMap<>();
        starts.add(0);
        flat.add(null);
        // rows by the primary opcodes they can match, so each key looks at a handful (start-up time)
        List<List<Insn>> byPrimary = new ArrayList<>();
        for (int po = 0; po < 64; po++) {
            List<Insn> l = new ArrayList<>();
            for (Insn r : rows) {
                if ((po << 26 & r.mask & 0xFC000000) == (r.match & 0xFC000000)) {
                    l.add(r);
                }
            }
            byPrimary.add(l);
        }
        List<Insn> cands = new ArrayList<>();
        for (int key = 0; key < TABLE.length; key++) {
            int keyBits = (key >>> 10) << 26 | (key & 0x3FF) << 1;
            cands.clear();
            for (Insn r : byPrimary.get(key >>> 10)) {
                if ((keyBits & r.mask & KEY_MASK) == (r.match & KEY_MASK)) {
                    cands.add(r);
                }
            }
            if (cands.isEmpty()) {
                TABLE[key] = Isa.ILLEGAL;
            } else if (cands.size() == 1 && (cands.get(0).mask & ~KEY_MASK) == 0) {
                TABLE[key] = (short) cands.get(0).id;
            } else {
                Integer index = seen.get(cands);
                if (index == null) {
                    starts.add(flat.size());
                    flat.addAll(cands);
                    flat.add(null);
                    index = starts.size() - 1;
                    seen.put(List.copyOf(cands), index);
                }
                TABLE[key] = (short) -index.intValue();
            }
        }
        START = starts.stream().mapToInt(Integer::intValue).toArray();
        MASK = new int[flat.size()];
        MATCH = new int[flat.size()];
        ID = new short[flat.size()];
        for (int i = 0; i < flat.size(); i++) {
            Insn r = flat.get(i);
            if (r != null) {
                MASK[i] = r.mask;
                MATCH[i] = r.match;
                ID[i] = (short) r.id;
            }
        }
    }

    /** The instruction id of {@code word}, or {@link Isa#ILLEGAL}. */
    public static int decode(int word) {
        int id = TABLE[(word >>> 26) << 10 | (word >>> 1) & 0x3FF];
        return id >= 0 ? id : search(word, -id);
    }

    private static int search(int word, int list) {
        int i = START[list];
        while ((word & MASK[i]) != MATCH[i]) {
            i++;
        }
        return ID[i];
    }
}
