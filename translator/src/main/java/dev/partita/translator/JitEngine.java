package dev.partita.translator;

import dev.partita.cpu.Cpu;
import dev.partita.cpu.Engine;
import dev.partita.cpu.GuestTrap;
import dev.partita.cpu.Interpreter;
import dev.partita.memory.PhysicalBus;
import dev.partita.memory.Ram;
import dev.partita.memory.Region;
import dev.partita.mmu.SoftTlb;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;

/**
 * The tiered engine: the interpreter runs cold code one basic block at a time while entries are
 * counted; an entry point that reaches the threshold is translated ({@link Region},
 * {@link BlockCompiler}) into a hidden class, and later entries run the translation.
 * {@code jit} translates on the first entry.
 *
 * <p>With a worker (the {@code auto} engine), the guest thread only scans a hot entry's region and
 * hands it to the worker thread, which generates and defines the class; meanwhile the entry stays on
 * the interpreter and is not handed over again. Built translations come back through a queue the
 * guest thread drains on its next lookup miss, and are installed only if still right: the words they
 * were made from are still in memory and the cache was not flushed since. Only the guest thread
 * touches the cache, the jump cache, links and translations' fields, and it never waits for the
 * worker. When a translation arrives changes nothing the guest sees (see Exactness).
 *
 * <p>Lookup: the pc goes through the soft TLB's execute table to the RAM its code is in, then a
 * direct-mapped jump cache, then the {@link CodeCache}. A translation's direct exits are chained to
 * their successors once seen, so a hot path runs from translation to translation without lookups;
 * a chained successor is still checked to be valid and mapped at the same place.
 *
 * <p>Exactness: a translation runs only if its entry basic block fits before {@code cpu.sliceEnd},
 * and checks every further basic block itself; whatever does not fit runs on the interpreter, so
 * interrupts and timer events happen at the same instruction count as on the interpreter.
 */
final class JitEngine implements Engine {
    /** Largest region, in guest instructions. */
    static final int MAX_REGION = Integer.getInteger("partita.jit.maxRegion", 128);
    /** Class size above which a region is made smaller (its method must stay under HotSpot's 8000 bytecodes). */
    static final int MAX_CLASS_BYTES = 9000;
    private static final int JUMP_BITS = 12;
    /** Translations handed to the worker and not yet drained, at most; past it hot entries wait. */
    static final int MAX_IN_FLIGHT = 16;

    private final String name;
    private final int threshold;
    /** The threshold while {@code cpu.icount < startInsns} (start-up, see TranslatorFactory). */
    private final int startThreshold;
    private final long startInsns;
    private final CodeCache cache;
    private final Block[] jump = new Block[1 << JUMP_BITS];
    private final JitStats stats = new JitStats();
    private final MethodHandles.Lookup lookup = MethodHandles.lookup();
    private long serial;
    /** Guest RAM when it is one array (the usual case, up to 1 GiB), else null. */
    private final byte[] singleRam;
    /** Builds translations off the guest thread; null to build them on it (synchronously). */
    private final java.util.concurrent.Executor worker;
    /** Translations the worker has built, for the guest thread to install. */
    private final java.util.concurrent.ConcurrentLinkedQueue<TranslationJob> built = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Jobs handed to the worker and not yet drained from {@link #built} (guest thread only). */
    private int inFlight;

    /** {@code worker} runs the translations' builds; null builds them on the guest thread when they are needed. */
    JitEngine(String name, int threshold, Cpu cpu, PhysicalBus bus, long capacityBytes, java.util.concurrent.Executor worker) {
        this(name, threshold, threshold, 0, cpu, bus, capacityBytes, worker);
    }

    JitEngine(String name, int threshold, int startThreshold, long startInsns, Cpu cpu, PhysicalBus bus, long capacityBytes,
            java.util.concurrent.Executor worker) {
        this.startThreshold = startThreshold;
        this.startInsns = startInsns;
        this.name = name;
        this.threshold = threshold;
        this.worker = worker;
        this.stats.background = worker != null;
        List<Ram> rams = new ArrayList<>();
        for (Region r : bus.regions()) {
            if (r.ram != null) {
                rams.add(r.ram);
            }
        }
        this.cache = new CodeCache(rams, capacityBytes, stats, cpu::dropWrites);
        // partita.jit.singleRam=false takes the several-arrays path even for one (tests; RAM above 1 GiB)
        this.singleRam = rams.size() == 1 && !"false".equals(System.getProperty("partita.jit.singleRam"))
                ? rams.get(0).bytes() : null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String stats() {
        return stats.format(cache.bytes());
    }

    @Override
    public void run(Cpu c) {
        boolean entry = false;      // a slice starts wherever the last one stopped, often mid-block
        while (c.icount < c.sliceEnd) {
            try {
                dispatch(c, entry);
            } catch (GuestTrap t) {
                entry = true;       // delivered: continue at the vector, an entry point worth translating
            }
        }
    }

    /**
     * Runs until the slice ends. {@code entry} says whether the pc is an entry point (a branch target,
     * a vector) rather than wherever the previous slice happened to stop: only entry points get new
     * translations, so a loop is translated once from its head instead of once per place a slice
     * ended in it.
     */
    private void dispatch(Cpu c, boolean entry) {
        if (inFlight != 0) {
            drain();
        }
        while (c.icount < c.sliceEnd) {
            Block b = find(c, entry);
            if (b == null || c.icount + b.entryLength > c.sliceEnd) {
                stats.interpretedBlocks++;
                Interpreter.runBlock(c);
                entry = true;       // it stopped after a branch (or the slice is over)
                continue;
            }
            entry = true;
            stats.lookups++;
            while (true) {
                Block next = b.run(c);
                if (next != null && next.valid && c.icount + next.entryLength <= c.sliceEnd
                        && (samePage(b, next) || next.mappedSince(c))) {
                    stats.chained++;
                    b = next;
                    continue;
                }
                int k = b.lastExit;
                if (k >= 0 && c.icount < c.sliceEnd) {
                    Block t = find(c, true);
                    if (t != null) {
                        b.links[k] = t;
                        if (c.icount + t.entryLength <= c.sliceEnd) {
                            stats.lookups++;
                            b = t;
                            continue;
                        }
                    }
                }
                break;
            }
        }
    }

    /**
     * Whether {@code next} starts in the page {@code b} was entered in, mapped the same way: then it is
     * mapped now too, since nothing that changes mappings can have run inside {@code b} (such
     * instructions end a translation without a chained exit).
     */
    private static boolean samePage(Block b, Block next) {
        return next.mem == b.mem && ((next.ea ^ b.ea) & 0xFFFFF000) == 0 && next.host - next.ea == b.host - b.ea;
    }

    /** The translation to run at {@code c.pc}, translating it when hot; null to interpret. */
    private Block find(Cpu c, boolean entry) {
        int pc = c.pc;
        SoftTlb t = c.tlb;
        int i = (pc >>> 12) & SoftTlb.MASK;
        if (t.execTag[i] != (pc & 0xFFFFF003)
                && ((pc & 3) != 0 || !c.mmu.fillExec(pc) || t.execTag[i] != (pc & 0xFFFFF003))) {
            return null; // not mapped, misaligned or not RAM: the interpreter fetches (and faults)
        }
        byte[] mem = t.execMem[i];
        int host = t.execOff[i] + pc;
        int j = (pc >>> 2) & ((1 << JUMP_BITS) - 1);
        Block b = jump[j];
        if (b != null && b.ea == pc && b.host == host && b.mem == mem && b.tlb == t && b.valid) {
            return b;
        }
        if (inFlight != 0) {
            drain();
        }
        b = cache.lookup(mem, host, pc, t, entry, c.icount < startInsns ? startThreshold : threshold);
        if (b == null) {
            return null;
        }
        if (b == CodeCache.TRANSLATE) {
            if (worker != null) {
                submit(c, mem, host, pc);
                return null;                    // interpreted until its translation is installed
            }
            b = translate(c, mem, host, pc);
            if (b == null) {
                cache.coolDown(mem, host);     // could not be translated: the interpreter runs it
                return null;
            }
        }
        jump[j] = b;
        return b;
    }

    /**
     * Translates the code entered at {@code pc} on this thread; null when it cannot be (a class the
     * JVM or ASM rejects), which is never the guest's fault: that code then stays on the interpreter.
     */
    private Block translate(Cpu c, byte[] mem, int host, int pc) {
        TranslationJob j = prepare(c, mem, host, pc, null);
        j.build();
        stats.retranslations += j.retries;
        if (j.block == null) {
            stats.failures++;
            stats.translationNanos += j.scanNanos + j.buildNanos;
            return null;
        }
        return install(j);
    }

    /** Scans the region entered at {@code pc} (this reads guest memory, so only on the guest thread). */
    private TranslationJob prepare(Cpu c, byte[] mem, int host, int pc, java.util.Queue<TranslationJob> done) {
        long t0 = System.nanoTime();
        // the next page, if the soft TLB says where it is now (a translation may continue into it)
        SoftTlb t = c.tlb;
        int page2 = (pc & 0xFFFFF000) + 0x1000;
        int i2 = (page2 >>> 12) & SoftTlb.MASK;
        byte[] mem2 = null;
        int host2 = 0;
        if (page2 != 0 && t.execTag[i2] == page2) {
            mem2 = t.execMem[i2];
            host2 = t.execOff[i2] + page2;
        }
        String internal = "dev/partita/translator/T" + Integer.toHexString(pc) + "_" + (serial++);
        dev.partita.translator.Region r = dev.partita.translator.Region.select(mem, host & ~0xFFF, pc, MAX_REGION, mem2, host2);
        return new TranslationJob(mem, host, pc, t, mem2, host2, r, cache.generation(), internal, singleRam, lookup, done,
                System.nanoTime() - t0);
    }

    /**
     * Hands the hot entry at {@code pc} to the worker and marks it pending; when the worker already has
     * {@link #MAX_IN_FLIGHT} jobs the entry stays interpreted and counts its entries from zero again.
     */
    private void submit(Cpu c, byte[] mem, int host, int pc) {
        if (inFlight >= MAX_IN_FLIGHT) {
            stats.notQueued++;
            cache.resetHeat(mem, host);
            return;
        }
        TranslationJob j = prepare(c, mem, host, pc, built);
        try {
            worker.execute(j);
        } catch (RuntimeException | Error e) {    // full (RejectedExecutionException), or no thread to be had
            stats.notQueued++;
            cache.resetHeat(mem, host);
            return;
        }
        inFlight++;
        cache.markPending(mem, host);
    }

    /** Installs (or discards) every translation the worker has handed back; never waits for it. */
    private void drain() {
        TranslationJob j;
        while ((j = built.poll()) != null) {
            inFlight--;
            stats.backgroundBuilt++;
            stats.workerNanos += j.buildNanos;
            stats.retranslations += j.retries;
            boolean sameGeneration = j.generation == cache.generation();
            if (j.block == null) {
                stats.failures++;
                stats.translationNanos += j.scanNanos + j.buildNanos;
                if (sameGeneration) {
                    cache.clearPending(j.mem, j.host, false);
                    cache.coolDown(j.mem, j.host);      // could not be translated: the interpreter runs it
                }
                continue;
            }
            boolean unchanged = j.codeUnchanged();
            // (whether the soft TLB maps the entry there now does not matter: like any translation, it
            // is found only where it was made from, and runs only while mapped there)
            if (!sameGeneration || !unchanged || cache.lookup(j.mem, j.host, j.pc, j.tlb, false, 0) != null) {
                stats.discarded++;
                stats.translationNanos += j.scanNanos + j.buildNanos;
                if (sameGeneration) {
                    cache.clearPending(j.mem, j.host, !unchanged);
                    cache.resetHeat(j.mem, j.host);     // it may become hot again
                }
                continue;
            }
            cache.clearPending(j.mem, j.host, false);
            install(j);
        }
    }

    /** Sets the built translation's fields and adds it to the cache (on the guest thread). */
    private Block install(TranslationJob j) {
        long t0 = System.nanoTime();
        Block b = j.block;
        dev.partita.translator.Region r = j.region;
        int host = j.host, pc = j.pc, host2 = j.host2;
        int lo = Integer.MAX_VALUE, hi = 0, lo2 = Integer.MAX_VALUE, hi2 = 0;
        for (int p : r.pcs) {
            if (r.inSecondPage(p)) {
                int h = host2 + (p & 0xFFF);
                lo2 = Math.min(lo2, h);
                hi2 = Math.max(hi2, h + 4);
            } else {
                int h = host + (p - pc);
                lo = Math.min(lo, h);
                hi = Math.max(hi, h + 4);
            }
        }
        if (r.page2 != -1) {
            b.page2 = r.page2;
            b.mem2 = j.mem2;
            b.host2 = host2;
            b.lo2 = lo2;
            b.hi2 = hi2;
        }
        b.ea = pc;
        b.tlb = j.tlb;
        b.mem = j.mem;
        b.host = host;
        b.lo = lo;
        b.hi = hi;
        b.entryLength = j.result.entryLength();
        b.guestInstructions = r.size();
        b.bytecodeBytes = j.result.bytes().length;
        b.links = new Block[j.result.exits()];
        cache.add(b);
        stats.blocksTranslated++;
        stats.guestInstructionsTranslated += r.size();
        stats.bytecodeBytes += j.result.bytes().length;
        stats.compileNanos += j.scanNanos + j.generateNanos;
        stats.translationNanos += j.scanNanos + j.buildNanos + (System.nanoTime() - t0);
        return b;
    }

    /** A worker for {@link JitEngine}: one daemon thread, started when needed and ended when idle a while. */
    static java.util.concurrent.ExecutorService newWorker() {
        var e = new java.util.concurrent.ThreadPoolExecutor(1, 1, 2, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(MAX_IN_FLIGHT),
                Thread.ofPlatform().daemon().name("partita-translator").factory());
        e.allowCoreThreadTimeOut(true);
        return e;
    }

    /** The counters, for tests. */
    JitStats statistics() {
        return stats;
    }

    /** The code cache, for tests. */
    CodeCache codeCache() {
        return cache;
    }
}
