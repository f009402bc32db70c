package dev.partita.mmu;

import java.util.Arrays;

/**
 * The translation cache in front of the Book E TLB: three direct-mapped tables (read, write,
 * execute) indexed by effective page number. An entry says "this effective page, in the current
 * MSR[PR/IS/DS] and PID context, is RAM at {@code mem[off + ea]} and the access is permitted".
 *
 * <p>A tag is the page's effective address; a lookup compares it with {@code ea & ~0xFFF | (ea & (size-1))},
 * so one compare checks the page and natural alignment together (misaligned accesses go to the slow
 * path). {@link #INVALID} has bits that no masked address has. MMIO, little-endian (E) pages and
 * unmapped pages never enter the cache. Everything that changes a translation (tlbivax,
 * MMUCSR0 flash invalidate, PID writes, MSR[PR/IS/DS] changes) calls {@link #flush}; tlbwe of a
 * small page {@link #forget}s just the pages its old and new contents cover.
 */
public final class SoftTlb {
    public static final int BITS = 10;
    public static final int ENTRIES = 1 << BITS;
    public static final int MASK = ENTRIES - 1;
    public static final int INVALID = -1;

    public final int[] readTag = new int[ENTRIES];
    public final byte[][] readMem = new byte[ENTRIES][];
    public final int[] readOff = new int[ENTRIES];
    public final int[] writeTag = new int[ENTRIES];
    public final byte[][] writeMem = new byte[ENTRIES][];
    public final int[] writeOff = new int[ENTRIES];
    public final int[] execTag = new int[ENTRIES];
    public final byte[][] execMem = new byte[ENTRIES][];
    public final int[] execOff = new int[ENTRIES];

    /**
     * Incremented by every {@link #flush}: an engine that caches a translation outside these tables
     * (the interpreter's current code page) keeps it only while the epoch is unchanged.
     */
    public int epoch;

    public SoftTlb() {
        flush();
    }

    /**
     * Set instead of flushing a table that is not in use (another MSR context's): the core flushes
     * it when it switches to it. Only the current context's table is ever read, so a flush can wait.
     */
    public boolean stale;

    /**
     * Drops every entry. Only the tags are reset: an entry is used only when its tag matches, and a
     * fill writes tag, array and offset together (the arrays held are guest RAM, alive anyway).
     */
    public void flush() {
        epoch++;
        stale = false;
        Arrays.fill(readTag, INVALID);
        Arrays.fill(writeTag, INVALID);
        Arrays.fill(execTag, INVALID);
    }

    /** Drops the cached translations of the effective page of {@code ea} (all three tables). */
    public void forget(int ea) {
        epoch++;
        int i = (ea >>> 12) & MASK;
        int page = ea & 0xFFFFF000;
        if (readTag[i] == page) {
            readTag[i] = INVALID;
        }
        if (writeTag[i] == page) {
            writeTag[i] = INVALID;
        }
        if (execTag[i] == page) {
            execTag[i] = INVALID;
        }
    }

    /** Caches a readable RAM page: effective page of {@code ea} is {@code mem[hostPageStart..+4096)}. */
    public void fillRead(int ea, byte[] mem, int hostPageStart) {
        int i = (ea >>> 12) & MASK;
        readTag[i] = ea & 0xFFFFF000;
        readMem[i] = mem;
        readOff[i] = hostPageStart - (ea & 0xFFFFF000);
    }

    public void fillWrite(int ea, byte[] mem, int hostPageStart) {
        int i = (ea >>> 12) & MASK;
        writeTag[i] = ea & 0xFFFFF000;
        writeMem[i] = mem;
        writeOff[i] = hostPageStart - (ea & 0xFFFFF000);
    }

    /**
     * Drops every write entry that maps onto host page {@code mem[hostPageStart..+4096)}, so that
     * stores to it take the slow path (which tells a translator about writes into code).
     */
    public void dropWrite(byte[] mem, int hostPageStart) {
        for (int i = 0; i < ENTRIES; i++) {
            if (writeMem[i] == mem && writeOff[i] + writeTag[i] == hostPageStart) {
                writeTag[i] = INVALID;
            }
        }
    }

    public void fillExec(int ea, byte[] mem, int hostPageStart) {
        int i = (ea >>> 12) & MASK;
        execTag[i] = ea & 0xFFFFF000;
        execMem[i] = mem;
        execOff[i] = hostPageStart - (ea & 0xFFFFF000);
    }
}
