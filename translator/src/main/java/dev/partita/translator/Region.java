package dev.partita.translator;

import dev.partita.cpu.Decoder;
import dev.partita.cpu.Fields;
import dev.partita.cpu.Isa;
import dev.partita.memory.Ram;
import java.util.ArrayDeque;
import java.util.BitSet;

/**
 * The guest code one translation covers: instructions reachable from an entry point through
 * fall-through and direct branches without leaving the entry's 4 KiB page and, when it is known, the
 * page after it (so a loop that crosses a page boundary stays one JVM loop), up to a size limit,
 * stopping at indirect branches, calls, and instructions after which the translation must return
 * to the engine (MSR, TLB and most SPR writes, sc, rfi, illegal words).
 *
 * <p>Instructions are kept sorted by address; {@link #leader} marks the ones that start a basic
 * block (the entry, internal branch targets and the instructions after conditional branches).
 */
final class Region {
    final int entry;
    final int[] pcs;
    final int[] words;
    final int[] ids;
    final BitSet leader = new BitSet();
    /** Effective address of the second page the region covers, or -1 (only the entry's page). */
    final int page2;
    /**
     * How the scan went, for {@link #truncate}: the instructions' addresses and words in the order the
     * scan found them, and every leader with the index (in that order) of the instruction whose
     * scanning made it one (-1 for the entry).
     */
    private final int[] foundPcs, foundWords, leaderPcs, leaderSteps;
    /** The page after the entry's that the scan was allowed to enter, or -1. */
    private final int allowedPage2;

    private Region(int entry, int[] foundPcs, int[] foundWords, int n, int[] leaderPcs, int[] leaderSteps, int allowedPage2) {
        this.entry = entry;
        this.foundPcs = foundPcs;
        this.foundWords = foundWords;
        this.leaderPcs = leaderPcs;
        this.leaderSteps = leaderSteps;
        this.allowedPage2 = allowedPage2;
        // the first n found instructions, sorted by address (unsigned): an insertion sort, n <= 128
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            int j = k;
            while (j > 0 && Integer.compareUnsigned(foundPcs[order[j - 1]], foundPcs[k]) > 0) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = k;
        }
        pcs = new int[n];
        words = new int[n];
        ids = new int[n];
        boolean usesPage2 = false;
        for (int k = 0; k < n; k++) {
            pcs[k] = foundPcs[order[k]];
            words[k] = foundWords[order[k]];
            ids[k] = Decoder.decode(words[k]);
            usesPage2 |= allowedPage2 != -1 && (pcs[k] & 0xFFFFF000) == allowedPage2;
        }
        page2 = usesPage2 ? allowedPage2 : -1;
        for (int k = 0; k < leaderPcs.length; k++) {
            if (leaderSteps[k] < n) {
                int i = indexOf(leaderPcs[k]);
                if (i >= 0) {
                    leader.set(i);
                }
            }
        }
    }

    /**
     * The region a scan with at most {@code max} instructions would have found from the same code,
     * made without reading guest memory again: such a scan finds the same instructions in the same
     * order until it stops, so it is this one's first {@code max} finds with the leaders those made.
     */
    Region truncate(int max) {
        if (max >= foundPcs.length) {
            return this;
        }
        return new Region(entry, foundPcs, foundWords, max, leaderPcs, leaderSteps, allowedPage2);
    }

    int size() {
        return pcs.length;
    }

    /** Index of the instruction at {@code pc}, or -1 if it is not in the region. */
    int indexOf(int pc) {
        int lo = 0, hi = pcs.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int v = pcs[mid];
            if (v == pc) {
                return mid;
            }
            if (Integer.compareUnsigned(v, pc) < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    /** Whether {@code pc} is in the second page. */
    boolean inSecondPage(int pc) {
        return page2 != -1 && (pc & 0xFFFFF000) == page2;
    }

    /**
     * Size limit for regions without a long loop. Bigger regions cost HotSpot more to compile and,
     * having more paths the first executions did not take, get deoptimized and recompiled more
     * often; their extra code (what follows a small loop, branches not taken) rarely pays for that.
     */
    static final int SMALL = Integer.getInteger("partita.jit.smallRegion", 32);

    /**
     * The region to translate at {@code entry}: up to {@code max} instructions when they hold an
     * innermost loop longer than {@link #SMALL} instructions (so that the loop stays one JVM loop),
     * else at most {@code SMALL}. Arguments as for {@link #scan}.
     */
    static Region select(byte[] mem, int pageHost, int entry, int max, byte[] mem2, int pageHost2) {
        Region r = scan(mem, pageHost, entry, max, mem2, pageHost2);
        if (r.size() <= SMALL || r.longestLoop() > SMALL) {
            return r;
        }
        return r.truncate(SMALL);
    }

    /**
     * The length in instructions of the longest innermost loop the region can run without leaving: a
     * backward direct branch inside the region and its target, both included, with no other such loop
     * inside them. 0 when there is none.
     */
    int longestLoop() {
        java.util.List<int[]> loops = loops();
        int longest = 0;
        for (int[] l : loops) {
            boolean innermost = true;
            for (int[] o : loops) {
                if (o != l && o[0] >= l[0] && o[1] <= l[1] && (o[0] != l[0] || o[1] != l[1])) {
                    innermost = false;
                    break;
                }
            }
            if (innermost) {
                longest = Math.max(longest, l[1] - l[0] + 1);
            }
        }
        return longest;
    }

    /**
     * The loops the region can run without leaving: per backward direct branch inside it, the index
     * of its target and its own index.
     */
    java.util.List<int[]> loops() {
        java.util.List<int[]> loops = new java.util.ArrayList<>();
        for (int i = 0; i < pcs.length; i++) {
            int w = words[i];
            int target;
            if (ids[i] == Isa.B && !Fields.lk(w)) {
                target = Fields.branchTarget(w, pcs[i]);
            } else if (ids[i] == Isa.BC && !Fields.lk(w)) {
                target = Fields.conditionalTarget(w, pcs[i]);
            } else {
                continue;
            }
            int t = indexOf(target);
            if (t >= 0 && t <= i) {
                loops.add(new int[] {t, i});
            }
        }
        return loops;
    }

    /**
     * Scans the region starting at effective address {@code entry}, whose page is
     * {@code mem[pageHost..pageHost+4096)}, taking at most {@code max} instructions. When
     * {@code mem2} is not null the next page is {@code mem2[pageHost2..+4096)} and may be covered too.
     */
    static Region scan(byte[] mem, int pageHost, int entry, int max, byte[] mem2, int pageHost2) {
        int page = entry & 0xFFFFF000;
        int page2 = mem2 != null ? page + 0x1000 : -1;
        if (page2 == 0) {
            page2 = -1;       // no page after the top of the address space
        }
        java.util.HashSet<Integer> found = new java.util.HashSet<>();
        int[] foundPcs = new int[Math.max(max, 0)], foundWords = new int[Math.max(max, 0)];
        // each leader with the index of the instruction whose scanning made it one first
        java.util.LinkedHashMap<Integer, Integer> leaders = new java.util.LinkedHashMap<>();
        leaders.put(entry, -1);
        ArrayDeque<Integer> work = new ArrayDeque<>();
        work.push(entry);
        while (!work.isEmpty()) {
            int p = work.pop();
            while (!found.contains(p) && inPages(p, page, page2) && found.size() < max) {
                int w = (p & 0xFFFFF000) == page ? (int) Ram.BE32.get(mem, pageHost + (p & 0xFFF))
                        : (int) Ram.BE32.get(mem2, pageHost2 + (p & 0xFFF));
                int step = found.size();
                found.add(p);
                foundPcs[step] = p;
                foundWords[step] = w;
                int id = Decoder.decode(w);
                int bo = (w >>> 21) & 31;
                boolean lk = (w & 1) != 0;
                if (id == Isa.B) {
                    int target = Fields.branchTarget(w, p);
                    if (!lk && inPages(target, page, page2)) {
                        leaders.putIfAbsent(target, step);
                        work.push(target);
                    }
                    break;
                } else if (id == Isa.BC) {
                    int target = Fields.conditionalTarget(w, p);
                    if (!lk && inPages(target, page, page2)) {
                        leaders.putIfAbsent(target, step);
                        work.push(target);
                    }
                    leaders.putIfAbsent(p + 4, step);
                } else if (id == Isa.BCLR || id == Isa.BCCTR) {
                    if ((bo & 0x14) == 0x14 || (id == Isa.BCCTR && (bo & 4) == 0)) {
                        break;
                    }
                    leaders.putIfAbsent(p + 4, step);
                } else if (endsRegion(id, w)) {
                    break;
                }
                p += 4;
                if (page2 != -1 && p == page2) {
                    leaders.putIfAbsent(p, step);     // crossing into the second page is guarded: a basic block starts there
                }
            }
        }
        int n = found.size();
        int[] leaderPcs = new int[leaders.size()], leaderSteps = new int[leaders.size()];
        int k = 0;
        for (var e : leaders.entrySet()) {
            leaderPcs[k] = e.getKey();
            leaderSteps[k] = e.getValue();
            k++;
        }
        return new Region(entry, java.util.Arrays.copyOf(foundPcs, n), java.util.Arrays.copyOf(foundWords, n), n,
                leaderPcs, leaderSteps, page2);
    }

    /**
     * Whether guest memory still holds the words this region was made from, its entry's page being
     * {@code mem[pageHost..+4096)} and the next page {@code mem2[pageHost2..+4096)} as when scanned.
     * Equal words give an equal region: the scan is a function of the words it read.
     */
    boolean stillIn(byte[] mem, int pageHost, byte[] mem2, int pageHost2) {
        for (int k = 0; k < pcs.length; k++) {
            int p = pcs[k];
            int w = inSecondPage(p) ? (int) Ram.BE32.get(mem2, pageHost2 + (p & 0xFFF))
                    : (int) Ram.BE32.get(mem, pageHost + (p & 0xFFF));
            if (w != words[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean inPages(int p, int page, int page2) {
        int pg = p & 0xFFFFF000;
        return pg == page || (page2 != -1 && pg == page2);
    }

    /**
     * Instructions after which control must return to the engine: they change the MSR, the MMU's
     * context or the pc in ways the translation cannot follow, or raise an interrupt.
     */
    static boolean endsRegion(int id, int w) {
        return switch (id) {
            case Isa.SC, Isa.RFI, Isa.RFCI, Isa.RFDI, Isa.RFMCI, Isa.MTMSR, Isa.WRTEE, Isa.WRTEEI,
                 Isa.TLBWE, Isa.TLBIVAX, Isa.TLBSYNC, Isa.SPE, Isa.ILLEGAL -> true;
            case Isa.MTSPR -> {
                int spr = ((w >>> 16) & 31) | ((w >>> 6) & 0x3E0);
                yield spr != 8 && spr != 9;
            }
            default -> false;
        };
    }
}
