package dev.partita.cpu;

import dev.partita.memory.PhysicalBus;
import dev.partita.memory.Ram;
import dev.partita.time.VirtualClock;

/**
 * A core with 1 MiB of RAM at physical 0 (TLB1 entries 0 and 1 map EA 0..1 GiB to PA 0 in both
 * address spaces with every permission, as a boot mapping does), code at {@link #CODE}, and
 * distinct interrupt vectors, plus an encoder for the instruction forms the tests use (opcodes from
 * the Book E / e500 manuals, cross-checked against binutils' e500x2 assembler in the tests).
 */
final class SystemTestRig {
    static final int CODE = 0x1000;
    static final int IVPR = 0x00040000;

    final Ram ram = new Ram(1 << 20);
    final PhysicalBus bus = new PhysicalBus();
    final Cpu cpu;

    SystemTestRig() {
        bus.addRam("ram", 0, ram);
        cpu = new Cpu(bus, VirtualClock.realTime());
        cpu.mmu.setTlb1Entry(0, 0x80000000 | 10 << 8, 0, 0x3F, 0);
        cpu.mmu.setTlb1Entry(1, 0x80000000 | 0x1000 | 10 << 8, 0, 0x3F, 0); // the same in address space 1
        cpu.pc = CODE;
        cpu.spr[Sprs.IVPR] = IVPR;
        for (int n = 0; n < 16; n++) {
            cpu.spr[Sprs.IVOR0 + n] = 0x100 * (n + 1);
        }
        for (int n = 32; n < 36; n++) {
            cpu.spr[Sprs.IVOR32 + n - 32] = 0x2000 + 0x100 * (n - 32);
        }
    }

    /** The address interrupt {@code ivor} vectors to with this rig's IVPR/IVORs. */
    static int vector(int ivor) {
        return IVPR | (ivor < 16 ? 0x100 * (ivor + 1) : 0x2000 + 0x100 * (ivor - 32));
    }

    void code(int... words) {
        at(CODE, words);
    }

    void at(int addr, int... words) {
        for (int i = 0; i < words.length; i++) {
            Ram.BE32.set(ram.bytes(), addr + 4 * i, words[i]);
        }
    }

    int word(int addr) {
        return (int) Ram.BE32.get(ram.bytes(), addr);
    }

    int byteAt(int addr) {
        return ram.bytes()[addr] & 0xFF;
    }

    /** Executes exactly {@code n} instructions (resuming when an MSR write ends the slice early). */
    void run(int n) {
        long target = cpu.icount + n;
        Interpreter engine = new Interpreter();
        while (cpu.icount < target) {
            cpu.sliceEnd = target;
            engine.run(cpu);
        }
    }

    // ---- encoders ----

    static int d(int po, int rt, int ra, int imm) {
        return po << 26 | rt << 21 | ra << 16 | imm & 0xFFFF;
    }

    static int x(int po, int rt, int ra, int rb, int xo) {
        return po << 26 | rt << 21 | ra << 16 | rb << 11 | xo << 1;
    }

    static int mfspr(int rt, int spr) {
        return x(31, rt, spr & 31, spr >>> 5, 339);
    }

    static int mtspr(int spr, int rs) {
        return x(31, rs, spr & 31, spr >>> 5, 467);
    }

    static int addi(int rt, int ra, int imm) {
        return d(14, rt, ra, imm);
    }

    static final int SC = 0x44000002;
    static final int RFI = 0x4C000064;
    static final int RFCI = 0x4C000066;
    static final int RFDI = 0x4C00004E;
    static final int MFMSR_R3 = 0x7C6000A6;
    static final int MTMSR_R3 = 0x7C600124;
}
