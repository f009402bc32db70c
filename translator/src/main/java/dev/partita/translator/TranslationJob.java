package dev.partita.translator;

import dev.partita.mmu.SoftTlb;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * One translation on its way: made by the guest thread from a scanned {@link Region} (the only part
 * that reads guest memory), {@linkplain #build built} (bytecode generated, class defined,
 * instantiated) on the guest thread or on the engine's worker thread, then installed or discarded by
 * the guest thread. {@link #build} touches nothing but this object: no guest memory, no
 * {@link CodeCache}, no other {@link Block}; what it produces reaches the guest thread through
 * the queue it is handed over in (which orders the writes before the reads).
 *
 * <p>The translation is made for the soft TLB {@link #tlb} (its tables are the class's constants;
 * the core keeps one such object per MSR context for good) and is installed for that same context,
 * whichever the core is in when it is installed.
 */
final class TranslationJob implements Runnable {
    // Made by the guest thread before the job is built.
    /** Where the code is: the entry's RAM and index, effective address and the soft TLB (MSR context). */
    final byte[] mem;
    final int host, pc;
    final SoftTlb tlb;
    /** Where the next page was when scanned (null: unknown, the region stays in the entry's page). */
    final byte[] mem2;
    final int host2;
    /** The region scanned with the largest size; smaller ones are cut from it. */
    final Region scanned;
    /** {@link CodeCache#generation} when scanned: a flush since then makes the job stale. */
    final long generation;
    private final String internalName;
    /** Length of guest RAM when it is one array (a constant of the class), else 0. */
    private final int singleRamLength;
    private final Object[] constants;
    private final MethodHandles.Lookup lookup;
    /** Where {@link #run} hands the built job back (null when built on the guest thread). */
    private final java.util.Queue<TranslationJob> done;
    /** Guest-thread time spent scanning. */
    final long scanNanos;

    // Set by build.
    /** The translation (fields not yet set), or null when it could not be made. */
    Block block;
    /** The region compiled (possibly cut smaller) and what the compiler said about it. */
    Region region;
    BlockCompiler.Result result;
    /** Regions compiled again smaller. */
    int retries;
    /** Time spent generating bytecode, and in all of build. */
    long generateNanos, buildNanos;

    TranslationJob(byte[] mem, int host, int pc, SoftTlb tlb, byte[] mem2, int host2, Region scanned, long generation,
            String internalName, byte[] singleRam, MethodHandles.Lookup lookup, java.util.Queue<TranslationJob> done,
            long scanNanos) {
        this.mem = mem;
        this.host = host;
        this.pc = pc;
        this.tlb = tlb;
        this.mem2 = mem2;
        this.host2 = host2;
        this.scanned = scanned;
        this.generation = generation;
        this.internalName = internalName;
        this.singleRamLength = singleRam != null ? singleRam.length : 0;
        // the translation's constants: this context's tables (final arrays of the soft TLB) and the RAM
        this.constants = new Object[] {tlb.readTag, tlb.readMem, tlb.readOff, tlb.writeTag, tlb.writeMem, tlb.writeOff, singleRam};
        this.lookup = lookup;
        this.done = done;
        this.scanNanos = scanNanos;
    }

    /** Builds on the worker thread and hands the job back; never throws. */
    @Override
    public void run() {
        try {
            build();
        } catch (Throwable e) {     // whatever went wrong, the code stays on the interpreter
            block = null;
        }
        done.add(this);
    }

    /**
     * Generates the class, smaller regions until the method is one HotSpot compiles (below its
     * 8000-byte huge-method limit) and ASM's frame computation stays within its bounds, then
     * defines and instantiates it. {@link #block} stays null when that fails (a class the JVM or ASM
     * rejects), which is never the guest's fault.
     */
    void build() {
        long t0 = System.nanoTime();
        try {
            for (int max = scanned.size(); ; max /= 2) {
                Region r = scanned.truncate(max);
                try {
                    BlockCompiler.Result res = BlockCompiler.compile(r, internalName, singleRamLength);
                    if (res.bytes().length <= JitEngine.MAX_CLASS_BYTES || max <= 4) {
                        region = r;
                        result = res;
                        break;
                    }
                } catch (RuntimeException e) {     // ASM's MethodTooLargeException, LimitExceededException
                    if (max <= 4) {
                        return;
                    }
                }
                retries++;
            }
            generateNanos = System.nanoTime() - t0;
            try {
                Class<?> k = lookup.defineHiddenClassWithClassData(result.bytes(), constants, true).lookupClass();
                block = (Block) MethodHandles.privateLookupIn(k, lookup).findConstructor(k, MethodType.methodType(void.class)).invoke();
            } catch (Throwable e) {            // LinkageError (verification), or an error in <clinit>
                block = null;
            }
        } finally {
            buildNanos = System.nanoTime() - t0;
            if (generateNanos == 0) {
                generateNanos = buildNanos;
            }
        }
    }

    /**
     * Whether guest memory still holds the words the built translation was made from (a loader or
     * self-modifying code may have written them meanwhile, with or without the cache hearing of it).
     */
    boolean codeUnchanged() {
        return region.stillIn(mem, host & ~0xFFF, mem2, host2);
    }
}
