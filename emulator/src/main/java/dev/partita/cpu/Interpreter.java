package dev.partita.cpu;

/**
 * The interpreter: fetch through the soft TLB, decode with one table lookup, and a switch over the
 * {@link Isa} id that calls the shared semantics. Non-branch instructions advance the pc here;
 * branch semantics set it themselves.
 *
 * <p>The dispatch method must stay below HotSpot's huge-method limit (8000 bytecodes) so it gets
 * compiled: keep each case a call and a pc update.
 */
public final class Interpreter implements Engine {
    @Override
    public String name() {
        return "interp";
    }

    @Override
    public void run(Cpu c) {
        while (c.icount < c.sliceEnd) {
            try {
                loop(c);
            } catch (GuestTrap t) {
                // the interrupt is delivered: continue at its vector
            }
        }
    }

    private static void loop(Cpu c) {
        while (c.icount < c.sliceEnd) {
            int pc = c.pc;
            int w = c.fetch(pc);
            c.icount++;
            switch (Decoder.decode(w)) {
                // ===== integer section =====
                case Isa.ADDI -> { Alu.addi(c, w); c.pc = pc + 4; }
                case Isa.ADDIS -> { Alu.addis(c, w); c.pc = pc + 4; }
                case Isa.ADD -> { Alu.add(c, w); c.pc = pc + 4; }
                case Isa.B -> Branch.b(c, w);
                case Isa.BC -> Branch.bc(c, w);
                case Isa.BCLR -> Branch.bclr(c, w);
                case Isa.BCCTR -> Branch.bcctr(c, w);
                // ===== end integer section =====

                // ===== load/store section =====
                case Isa.LWZ -> { LoadStore.lwz(c, w); c.pc = pc + 4; }
                case Isa.STW -> { LoadStore.stw(c, w); c.pc = pc + 4; }
                // ===== end load/store section =====

                // ===== system section =====
                case Isa.MFSPR -> { SystemOps.mfspr(c, w); c.pc = pc + 4; }
                case Isa.MTSPR -> { SystemOps.mtspr(c, w); c.pc = pc + 4; }
                case Isa.SC -> SystemOps.sc(c, w);
                // ===== end system section =====

                default -> throw c.programInterrupt(Sprs.ESR_PIL);
            }
        }
    }
}
