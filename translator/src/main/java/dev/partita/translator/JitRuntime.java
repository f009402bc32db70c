package dev.partita.translator;

import dev.partita.cpu.Cpu;

/**
 * The slow paths translated code calls: memory accesses the soft TLB's inline check did not
 * satisfy (TLB misses, MMIO, misaligned, little-endian or code pages). Each first makes the core's
 * pc and instruction count those of the accessing instruction, so that an interrupt it raises saves
 * the right SRR0 and a device that reads the clock sees the right time.
 */
public final class JitRuntime {
    private JitRuntime() {}

    public static int load32(Cpu c, int ea, int pc, long icount) {
        c.pc = pc;
        c.icount = icount;
        return (int) c.mmu.load(ea, 4);
    }

    public static int load16(Cpu c, int ea, int pc, long icount) {
        c.pc = pc;
        c.icount = icount;
        return (int) c.mmu.load(ea, 2);
    }

    public static int load8(Cpu c, int ea, int pc, long icount) {
        c.pc = pc;
        c.icount = icount;
        return (int) c.mmu.load(ea, 1);
    }

    public static void store32(Cpu c, int ea, int v, int pc, long icount) {
        c.pc = pc;
        c.icount = icount;
        c.mmu.store(ea, 4, v & 0xFFFFFFFFL);
    }

    public static void store16(Cpu c, int ea, int v, int pc, long icount) {
        c.pc = pc;
        c.icount = icount;
        c.mmu.store(ea, 2, v & 0xFFFF);
    }

    public static void store8(Cpu c, int ea, int v, int pc, long icount) {
        c.pc = pc;
        c.icount = icount;
        c.mmu.store(ea, 1, v & 0xFF);
    }
}
