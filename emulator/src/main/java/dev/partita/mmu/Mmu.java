package dev.partita.mmu;

import dev.partita.cpu.Cpu;
import dev.partita.memory.PhysicalBus;
import dev.partita.memory.Region;

/**
 * The e500v2 Book E MMU of one core: TLB0/TLB1, MAS registers, translation, and the slow path of
 * every memory access (soft TLB misses, MMIO, misaligned and little-endian accesses, faults).
 */
public final class Mmu {
    private final Cpu cpu;
    private final PhysicalBus bus;

    public Mmu(Cpu cpu, PhysicalBus bus) {
        this.cpu = cpu;
        this.bus = bus;
    }

    /** Slow-path load of {@code size} bytes at {@code ea}, zero-extended. Raises guest interrupts as needed. */
    public long load(int ea, int size) {
        long pa = ea & 0xFFFFFFFFL;
        Region r = bus.find(pa);
        if (r != null && r.ram != null) {
            byte[] m = r.ram.bytes();
            int off = (int) (pa - r.base);
            long v = 0;
            for (int k = 0; k < size; k++) {
                v = (v << 8) | (m[off + k] & 0xFF);
            }
            return v;
        }
        if (r != null) {
            return r.device.read(pa - r.base, size);
        }
        return 0;
    }

    /** Slow-path store. */
    public void store(int ea, int size, long value) {
        long pa = ea & 0xFFFFFFFFL;
        Region r = bus.find(pa);
        if (r != null && r.ram != null) {
            byte[] m = r.ram.bytes();
            int off = (int) (pa - r.base);
            for (int k = size - 1; k >= 0; k--) {
                m[off + k] = (byte) value;
                value >>>= 8;
            }
            return;
        }
        if (r != null) {
            r.device.write(pa - r.base, size, value);
        }
    }

    /** Slow-path instruction fetch. */
    public int fetch(int ea) {
        return (int) load(ea, 4);
    }

    // ---- TLB management instructions and MMU SPRs (called by SystemOps) ----

    public void tlbwe() {}

    public void tlbre() {}

    public void tlbsx(int ea) {}

    public void tlbivax(int ea) {}

    public void tlbsync() {}

    /** True for the SPR numbers the MMU implements (MAS0-4, MAS6, MAS7, PID0-2, MMUCSR0, MMUCFG, TLBnCFG). */
    public static boolean isMmuSpr(int n) {
        return false;
    }

    public int readSpr(int n) {
        return 0;
    }

    public void writeSpr(int n, int v) {}

    /**
     * Writes TLB1 entry {@code esel} directly from MAS1/MAS2/MAS3/MAS7 values, as a boot loader or
     * QEMU's board reset does (used for the initial boot mapping).
     */
    public void setTlb1Entry(int esel, int mas1, int mas2, int mas3, int mas7) {}

    /** Resets the TLBs and MAS registers to their power-on state (all entries invalid). */
    public void reset() {
        cpu.tlb.flush();
    }
}
