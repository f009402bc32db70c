package dev.partita.translator;

import dev.partita.memory.Ram;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Every live translation, found by where its code is in RAM (host array and index) and its
 * effective address; per-entry execution counts for the hotness threshold; invalidation when code
 * bytes are written; and a bound on the bytecode held, past which everything is flushed (as QEMU
 * flushes its translation buffer when full).
 */
final class CodeCache implements Ram.CodeWriteListener {
    /** Translations and counters of one 4 KiB page of RAM, by word offset in the page. */
    private static final class Page {
        final Block[] slots = new Block[1024];
        final short[] heat = new short[1024];
        int blocks;
        /** Translations entered in the page before this one that continue into this one. */
        final java.util.ArrayList<Block> foreign = new java.util.ArrayList<>(0);
        /** Translations of this page dropped because their code was written (self-modifying code). */
        int invalidations;
        /** Entry points (word offsets) whose translation is being built on the worker thread; null for none yet. */
        java.util.BitSet pending;
    }

    private static final class Chunk {
        final Ram ram;
        final Page[] pages;

        Chunk(Ram ram) {
            this.ram = ram;
            this.pages = new Page[ram.size() >>> 12];
        }
    }

    private final Map<byte[], Chunk> chunks = new IdentityHashMap<>();
    private byte[] lastMem;
    private Chunk lastChunk;
    private final long capacityBytes;
    private long bytes;
    private final JitStats stats;
    /** Flushes so far: a translation begun before a flush is not installed after it. */
    private long generation;
    /** Called with the host page start whenever a page first gets translations (to drop fast writes to it). */
    private final java.util.function.ObjIntConsumer<byte[]> onNewCodePage;

    CodeCache(Iterable<Ram> rams, long capacityBytes, JitStats stats, java.util.function.ObjIntConsumer<byte[]> onNewCodePage) {
        for (Ram ram : rams) {
            chunks.put(ram.bytes(), new Chunk(ram));
            ram.setCodeWriteListener(this);
        }
        this.capacityBytes = capacityBytes;
        this.stats = stats;
        this.onNewCodePage = onNewCodePage;
    }

    private Chunk chunk(byte[] mem) {
        if (mem == lastMem) {
            return lastChunk;
        }
        Chunk c = chunks.get(mem);
        lastMem = mem;
        lastChunk = c;
        return c;
    }

    private Page page(byte[] mem, int host, boolean create) {
        Chunk c = chunk(mem);
        if (c == null) {
            return null;
        }
        Page p = c.pages[host >>> 12];
        if (p == null && create) {
            p = new Page();
            c.pages[host >>> 12] = p;
        }
        return p;
    }

    /** Returned by {@link #lookup} when the entry point has become hot and should be translated. */
    static final Block TRANSLATE = new Block() {
        @Override
        public Block run(dev.partita.cpu.Cpu cpu) {
            throw new IllegalStateException("marker");
        }
    };

    /**
     * The live translation of the code at {@code mem[host]} entered at {@code ea} in the MSR context of
     * soft TLB {@code tlb}; otherwise, if
     * {@code count}, counts the entry and returns {@link #TRANSLATE} once it is hot: {@code threshold}
     * entries, or at least {@link #HOT_AFTER_WRITE} in a page whose code has been rewritten (so code
     * that patches itself all the time stays on the interpreter); else null.
     */
    Block lookup(byte[] mem, int host, int ea, dev.partita.mmu.SoftTlb tlb, boolean count, int threshold) {
        Page p = page(mem, host, count);
        if (p == null) {
            return null;
        }
        int i = (host & 0xFFF) >>> 2;
        for (Block b = p.slots[i]; b != null; b = b.nextInSlot) {
            if (b.ea == ea && b.tlb == tlb) {
                return b;
            }
        }
        if (!count) {
            return null;
        }
        int h = p.heat[i];
        if (h < Short.MAX_VALUE) {
            p.heat[i] = (short) ++h;
        }
        if (h < (p.invalidations > 0 ? Math.max(threshold, HOT_AFTER_WRITE) : threshold)) {
            return null;
        }
        return p.pending != null && p.pending.get(i) ? null : TRANSLATE;
    }

    /** Flushes so far (see {@link #flush}). */
    long generation() {
        return generation;
    }

    /** Marks the entry point at {@code mem[host]} as being translated: {@link #lookup} does not ask again. */
    void markPending(byte[] mem, int host) {
        Page p = page(mem, host, true);
        if (p == null) {
            return;
        }
        if (p.pending == null) {
            p.pending = new java.util.BitSet(1024);
        }
        p.pending.set((host & 0xFFF) >>> 2);
    }

    /**
     * Ends the pending state of the entry point at {@code mem[host]}, whatever became of its
     * translation. {@code rewritten} says its code changed while it was being built: the page then
     * counts as rewritten code (see {@link #lookup}). Only for translations begun in the current
     * {@link #generation} (a flush dropped the pages older ones were marked in).
     */
    void clearPending(byte[] mem, int host, boolean rewritten) {
        Page p = page(mem, host, false);
        if (p == null) {
            return;
        }
        if (p.pending != null) {
            p.pending.clear((host & 0xFFF) >>> 2);
        }
        if (rewritten) {
            p.invalidations++;
        }
    }

    /** Counts the entries of the entry point at {@code mem[host]} from zero again. */
    void resetHeat(byte[] mem, int host) {
        Page p = page(mem, host, false);
        if (p != null) {
            p.heat[(host & 0xFFF) >>> 2] = 0;
        }
    }

    /** Makes the entry point at {@code mem[host]} wait a long time before it is tried again. */
    void coolDown(byte[] mem, int host) {
        Page p = page(mem, host, true);
        if (p != null) {
            p.heat[(host & 0xFFF) >>> 2] = Short.MIN_VALUE;
        }
    }

    /** Entries before code in a page with rewritten code is translated again. */
    static final int HOT_AFTER_WRITE = 64;

    /** Adds a new translation; flushes everything first when the cache is full. */
    void add(Block b) {
        if (bytes + b.bytecodeBytes > capacityBytes && bytes > 0) {
            flush();
            stats.evictions++;
        }
        Chunk c = chunk(b.mem);
        Page p = page(b.mem, b.host, true);
        int i = (b.host & 0xFFF) >>> 2;
        b.nextInSlot = p.slots[i];
        p.slots[i] = b;
        if (p.blocks++ == 0 && !c.ram.hasCode(b.host)) {
            c.ram.markCode(b.host);
            onNewCodePage.accept(b.mem, b.host & ~0xFFF);
        }
        if (b.page2 != -1) {
            Chunk c2 = chunk(b.mem2);
            Page p2 = page(b.mem2, b.host2, true);
            p2.foreign.add(b);
            if (p2.blocks++ == 0 && !c2.ram.hasCode(b.host2)) {
                c2.ram.markCode(b.host2);
                onNewCodePage.accept(b.mem2, b.host2);
            }
        }
        bytes += b.bytecodeBytes;
    }

    /** Drops every translation (their classes become unreachable and can be unloaded). */
    void flush() {
        for (Chunk c : chunks.values()) {
            for (int k = 0; k < c.pages.length; k++) {
                Page p = c.pages[k];
                if (p != null && p.blocks > 0) {
                    for (Block head : p.slots) {
                        for (Block b = head; b != null; b = b.nextInSlot) {
                            b.valid = false;
                        }
                    }
                    for (Block b : p.foreign) {
                        b.valid = false;
                    }
                    c.ram.unmarkCode(k << 12);
                }
                c.pages[k] = null;
            }
        }
        bytes = 0;
        generation++;
    }

    @Override
    public void codeWritten(Ram ram, int offset, int length) {
        byte[] mem = ram.bytes();
        Chunk c = chunk(mem);
        if (c == null) {
            return;
        }
        int end = offset + length;
        // most writes into a code page miss its translations (data beside code): allocate only on a hit
        java.util.ArrayList<Block> victims = null;
        for (int page = offset >>> 12; page <= (end - 1) >>> 12; page++) {
            Page p = c.pages[page];
            if (p == null || p.blocks == 0) {
                continue;
            }
            for (Block head : p.slots) {
                for (Block b = head; b != null; b = b.nextInSlot) {
                    if (overlaps(b, mem, offset, end)) {
                        victims = add(victims, b);
                    }
                }
            }
            for (Block b : p.foreign) {
                if (overlaps(b, mem, offset, end)) {
                    victims = add(victims, b);
                }
            }
        }
        if (victims == null) {
            return;
        }
        for (Block b : victims) {
            if (b.valid) {
                remove(b);
            }
        }
    }

    private static java.util.ArrayList<Block> add(java.util.ArrayList<Block> list, Block b) {
        java.util.ArrayList<Block> l = list != null ? list : new java.util.ArrayList<>();
        l.add(b);
        return l;
    }

    private static boolean overlaps(Block b, byte[] mem, int from, int to) {
        return (b.mem == mem && b.lo < to && from < b.hi) || (b.mem2 == mem && b.lo2 < to && from < b.hi2);
    }

    /** Drops one translation whose code was written, from its entry page and its second page. */
    private void remove(Block b) {
        b.valid = false;
        stats.invalidations++;
        bytes -= b.bytecodeBytes;
        Page p = page(b.mem, b.host, false);
        int s = (b.host & 0xFFF) >>> 2;
        Block prev = null;
        for (Block x = p.slots[s]; x != null; prev = x, x = x.nextInSlot) {
            if (x == b) {
                if (prev == null) {
                    p.slots[s] = x.nextInSlot;
                } else {
                    prev.nextInSlot = x.nextInSlot;
                }
                break;
            }
        }
        p.invalidations++;
        p.heat[s] = 0;
        if (--p.blocks == 0) {
            chunk(b.mem).ram.unmarkCode(b.host);
        }
        if (b.page2 != -1) {
            Page p2 = page(b.mem2, b.host2, false);
            p2.foreign.remove(b);
            p2.invalidations++;
            if (--p2.blocks == 0) {
                chunk(b.mem2).ram.unmarkCode(b.host2);
            }
        }
    }

    long bytes() {
        return bytes;
    }
}
