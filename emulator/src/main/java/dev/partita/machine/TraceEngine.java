package dev.partita.machine;

import dev.partita.cpu.Cpu;
import dev.partita.cpu.Disassembler;
import dev.partita.cpu.Engine;
import java.io.PrintStream;

/**
 * A debugging wrapper around an {@link Engine} that logs every instruction before it executes, in the
 * spirit of QEMU's {@code -d exec,in_asm}: one line per instruction with the instruction count, the
 * effective address of the pc, the word and its disassembly, and a line for each interrupt taken
 * (the pc jumping to a vector without a branch). It runs the wrapped engine one instruction at a time,
 * so it is slow; the machine only uses it when a trace file is configured, so it costs nothing otherwise.
 *
 * <p>The word is read with {@link dev.partita.mmu.Mmu#probe} and the bus, so logging never faults the guest;
 * an untranslatable pc shows as {@code ????????}.
 */
final class TraceEngine implements Engine {
    private final Engine inner;
    private final PrintStream out;
    /** First instruction count to log (earlier ones run silently). */
    private final long from;

    TraceEngine(Engine inner, PrintStream out, long from) {
        this.inner = inner;
        this.out = out;
        this.from = from;
    }

    @Override
    public String name() {
        return inner.name() + "+trace";
    }

    @Override
    public void run(Cpu c) {
        while (c.icount < c.sliceEnd) {
            long end = c.sliceEnd;
            int pc = c.pc;
            boolean log = c.icount >= from;
            if (log) {
                out.println(line(c, pc));
            }
            c.sliceEnd = c.icount + 1;
            int msr = c.msr;
            inner.run(c);
            if (log && c.pc != pc + 4 && isVector(c)) {
                out.printf("  -> interrupt: srr0=%08x srr1=%08x csrr0=%08x esr=%08x dear=%08x msr %08x->%08x pc=%08x%n",
                        c.spr[dev.partita.cpu.Sprs.SRR0], c.spr[dev.partita.cpu.Sprs.SRR1],
                        c.spr[dev.partita.cpu.Sprs.CSRR0], c.spr[dev.partita.cpu.Sprs.ESR],
                        c.spr[dev.partita.cpu.Sprs.DEAR], msr, c.msr, c.pc);
            }
            if (c.sliceEnd == 0) {      // an instruction asked the machine loop to look
                return;
            }
            c.sliceEnd = end;
        }
    }

    /** Whether the pc now is an interrupt vector (IVPR | IVORn), which is how an interrupt shows. */
    private static boolean isVector(Cpu c) {
        int base = c.spr[dev.partita.cpu.Sprs.IVPR] & 0xFFFF0000;
        for (int n : VECTORS) {
            int spr = dev.partita.cpu.Sprs.ivorSpr(n);
            if (c.pc == (base | (c.spr[spr] & 0xFFF0))) {
                return true;
            }
        }
        return false;
    }

    private static final int[] VECTORS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 32, 33, 34, 35};

    private static String line(Cpu c, int pc) {
        long pa = c.mmu.probe(pc, true);
        String word = "????????", text = "";
        if (pa >= 0) {
            var r = c.bus.find(pa);
            if (r != null && r.ram != null) {
                int off = (int) (pa - r.base);
                byte[] m = r.ram.bytes();
                int w = ((m[off] & 0xFF) << 24) | ((m[off + 1] & 0xFF) << 16) | ((m[off + 2] & 0xFF) << 8) | (m[off + 3] & 0xFF);
                word = String.format("%08x", w);
                text = Disassembler.disassemble(w, pc);
            }
        }
        return String.format("%d %08x %s %s", c.icount, pc, word, text);
    }
}
