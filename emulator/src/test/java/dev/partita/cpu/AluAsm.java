package dev.partita.cpu;

import dev.partita.memory.PhysicalBus;
import dev.partita.memory.Ram;
import dev.partita.time.VirtualClock;

/**
 * Test support for the integer instruction tests: encoders for the instruction forms (field
 * layouts from the Book E ISA, checked against binutils words in {@code AluAsmTest}), and a core
 * with RAM at physical 0 that runs code through the {@link Interpreter}.
 */
final class AluAsm {
    private AluAsm() {}

    static final int OE = 0x400, RC = 1;

    /** D form: primary opcode, 5-bit fields at bits 6 and 11, 16-bit immediate. */
    static int d(int po, int rt, int ra, int imm) {
        return po << 26 | rt << 21 | ra << 16 | (imm & 0xFFFF);
    }

    /** XO form (primary opcode 31) with its 9-bit extended opcode; {@code flags} may hold OE and RC. */
    static int xo(int xo, int rt, int ra, int rb, int flags) {
        return 31 << 26 | rt << 21 | ra << 16 | rb << 11 | xo << 1 | flags;
    }

    /** X or XL form with a 10-bit extended opcode; {@code rc} is bit 31. */
    static int x(int po, int xo, int f6, int f11, int f16, int rc) {
        return po << 26 | f6 << 21 | f11 << 16 | f16 << 11 | xo << 1 | rc;
    }

    /** M form (rlwimi 20, rlwinm 21, rlwnm 23). */
    static int m(int po, int rs, int ra, int shOrRb, int mb, int me, int rc) {
        return po << 26 | rs << 21 | ra << 16 | shOrRb << 11 | mb << 6 | me << 1 | rc;
    }

    /** A new core on a bus with {@code ramBytes} of RAM at physical 0 (TLB1 entries 0 and 1 map EA 0..1 GiB to PA 0 in both address spaces, every permission). */
    static Cpu cpu(int ramBytes) {
        PhysicalBus bus = new PhysicalBus();
        bus.addRam("ram", 0, new Ram(ramBytes));
        Cpu c = new Cpu(bus, VirtualClock.realTime());
        c.mmu.setTlb1Entry(0, 0x80000000 | 10 << 8, 0, 0x3F, 0);
        c.mmu.setTlb1Entry(1, 0x80000000 | 0x1000 | 10 << 8, 0, 0x3F, 0); // the same in address space 1
        c.spr[Sprs.IVPR] = 0;
        c.spr[Sprs.ivorSpr(Ivor.PROGRAM)] = 0x700;
        return c;
    }

    static Cpu cpu() {
        return cpu(1 << 16);
    }

    /** Writes big-endian words at {@code address}. */
    static void put(Cpu c, int address, int... words) {
        byte[] b = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            b[4 * i] = (byte) (words[i] >>> 24);
            b[4 * i + 1] = (byte) (words[i] >>> 16);
            b[4 * i + 2] = (byte) (words[i] >>> 8);
            b[4 * i + 3] = (byte) words[i];
        }
        c.bus.writeBytes(address & 0xFFFFFFFFL, b, 0, b.length);
    }

    /** Runs exactly {@code n} instructions from {@code pc} through the interpreter. */
    static void run(Cpu c, int pc, int n) {
        c.pc = pc;
        c.sliceEnd = c.icount + n;
        new Interpreter().run(c);
    }

    /** Puts {@code word} at 0x1000, runs it once; returns the core. */
    static Cpu exec(Cpu c, int word) {
        put(c, 0x1000, word);
        run(c, 0x1000, 1);
        return c;
    }

    /** CR field {@code n} (0..7) as a 4-bit value LT GT EQ SO. */
    static int crField(Cpu c, int n) {
        return (c.cr >>> (28 - 4 * n)) & 0xF;
    }

    static final int LT = 8, GT = 4, EQ = 2, SO = 1;
}
