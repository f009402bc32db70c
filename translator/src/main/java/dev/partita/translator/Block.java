package dev.partita.translator;

import dev.partita.cpu.Cpu;
import dev.partita.mmu.SoftTlb;

/**
 * A translation: guest code from one 4 KiB page compiled into a hidden class that extends this one.
 *
 * <p>{@link #run} executes from {@link #ea} (which must be {@code cpu.pc}) with the guest registers
 * it uses in JVM locals, and returns when control leaves the region, a slice check fails (the
 * instructions of the next basic block would pass {@code cpu.sliceEnd}) or an instruction asked
 * for an exit. On return {@code cpu} holds exactly the state the interpreter would have after the
 * same instructions, pc and icount included. It returns the translation chained to the exit it took
 * (a direct branch target, set by the engine through {@link #links}) or null; {@link #lastExit}
 * says which direct exit it took, or -1. A guest interrupt inside propagates as GuestTrap with
 * the state written back.
 */
public abstract class Block {
    /** Effective address of the entry. */
    int ea;
    /** RAM holding the code and the index of the entry's first byte in it. */
    byte[] mem;
    int host;
    /** The soft TLB (MSR context) the translation was made for: its tables are constants of the code. */
    SoftTlb tlb;
    /** Bytes of {@link #mem} the translation was made from: [lo, hi). */
    int lo, hi;
    /**
     * The second page, when the translation continues into the page after its entry's: its effective
     * address (-1 for none), the RAM and host page start it was made from, and the bytes used [lo2, hi2).
     */
    int page2 = -1;
    byte[] mem2;
    int host2, lo2, hi2;
    /** Instructions of the entry basic block: the engine runs the block only if they fit the slice. */
    int entryLength;
    /** Guest instructions translated and bytecode size, for statistics. */
    int guestInstructions, bytecodeBytes;
    /** False once the code it was made from changed or the cache was flushed. */
    boolean valid = true;
    /** Direct exits' chained successors (null until the engine links them). */
    Block[] links;
    /** The direct exit the last {@link #run} left through, -1 for an indirect one or a mid-block exit. */
    int lastExit = -1;
    /** Next translation in the same cache slot (same host address, other effective address). */
    Block nextInSlot;

    protected Block() {}

    /** Executes the translation; see the class comment. */
    public abstract Block run(Cpu cpu);

    /** Whether {@code cpu}'s soft TLB currently maps {@link #ea} onto this translation's code. */
    final boolean mapped(Cpu cpu) {
        SoftTlb t = cpu.tlb;
        return t == tlb && executes(t, ea, mem, host);
    }

    /**
     * {@link SoftTlb#epoch} of {@link #tlb} when {@link #mappedSince} last found the translation
     * mapped. Every change of a mapping in that context (flush, forget) moves the epoch on; an entry
     * merely evicted from the table by another page does not change the mapping, so it is no reason
     * to look again.
     */
    private int mappedEpoch = -1;

    /** {@link #mapped}, remembered until the context's soft TLB changes a mapping. */
    final boolean mappedSince(Cpu cpu) {
        SoftTlb t = cpu.tlb;
        if (t == tlb && mappedEpoch == t.epoch) {
            return true;
        }
        if (mapped(cpu)) {
            mappedEpoch = t.epoch;
            return true;
        }
        return false;
    }

    /**
     * Whether {@code cpu}'s soft TLB maps the second page where it was when translated (checked by
     * the translation before it first enters that page; the exec table only holds pages the current
     * context may execute).
     */
    public final boolean secondPageMapped(Cpu cpu) {
        return executes(cpu.tlb, page2, mem2, host2);
    }

    /** Whether the execute table of {@code t} maps effective address {@code ea} to {@code mem[host]}. */
    private static boolean executes(SoftTlb t, int ea, byte[] mem, int host) {
        int i = (ea >>> 12) & SoftTlb.MASK;
        return t.execTag[i] == (ea & 0xFFFFF000) && t.execMem[i] == mem && t.execOff[i] + ea == host;
    }

    @Override
    public String toString() {
        return String.format("Block[%08x, %d insns]", ea, guestInstructions);
    }
}
