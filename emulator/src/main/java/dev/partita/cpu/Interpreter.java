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
            c.icount++; // counted before the fetch, so a fetch that faults still makes progress
            int w = c.fetch(pc);
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
                case Isa.LWZU -> { LoadStore.lwzu(c, w); c.pc = pc + 4; }
                case Isa.LBZ -> { LoadStore.lbz(c, w); c.pc = pc + 4; }
                case Isa.LBZU -> { LoadStore.lbzu(c, w); c.pc = pc + 4; }
                case Isa.LHZ -> { LoadStore.lhz(c, w); c.pc = pc + 4; }
                case Isa.LHZU -> { LoadStore.lhzu(c, w); c.pc = pc + 4; }
                case Isa.LHA -> { LoadStore.lha(c, w); c.pc = pc + 4; }
                case Isa.LHAU -> { LoadStore.lhau(c, w); c.pc = pc + 4; }
                case Isa.STW -> { LoadStore.stw(c, w); c.pc = pc + 4; }
                case Isa.STWU -> { LoadStore.stwu(c, w); c.pc = pc + 4; }
                case Isa.STB -> { LoadStore.stb(c, w); c.pc = pc + 4; }
                case Isa.STBU -> { LoadStore.stbu(c, w); c.pc = pc + 4; }
                case Isa.STH -> { LoadStore.sth(c, w); c.pc = pc + 4; }
                case Isa.STHU -> { LoadStore.sthu(c, w); c.pc = pc + 4; }
                case Isa.LMW -> { LoadStore.lmw(c, w); c.pc = pc + 4; }
                case Isa.STMW -> { LoadStore.stmw(c, w); c.pc = pc + 4; }
                case Isa.LWZX -> { LoadStore.lwzx(c, w); c.pc = pc + 4; }
                case Isa.LWZUX -> { LoadStore.lwzux(c, w); c.pc = pc + 4; }
                case Isa.LBZX -> { LoadStore.lbzx(c, w); c.pc = pc + 4; }
                case Isa.LBZUX -> { LoadStore.lbzux(c, w); c.pc = pc + 4; }
                case Isa.LHZX -> { LoadStore.lhzx(c, w); c.pc = pc + 4; }
                case Isa.LHZUX -> { LoadStore.lhzux(c, w); c.pc = pc + 4; }
                case Isa.LHAX -> { LoadStore.lhax(c, w); c.pc = pc + 4; }
                case Isa.LHAUX -> { LoadStore.lhaux(c, w); c.pc = pc + 4; }
                case Isa.STWX -> { LoadStore.stwx(c, w); c.pc = pc + 4; }
                case Isa.STWUX -> { LoadStore.stwux(c, w); c.pc = pc + 4; }
                case Isa.STBX -> { LoadStore.stbx(c, w); c.pc = pc + 4; }
                case Isa.STBUX -> { LoadStore.stbux(c, w); c.pc = pc + 4; }
                case Isa.STHX -> { LoadStore.sthx(c, w); c.pc = pc + 4; }
                case Isa.STHUX -> { LoadStore.sthux(c, w); c.pc = pc + 4; }
                case Isa.LWBRX -> { LoadStore.lwbrx(c, w); c.pc = pc + 4; }
                case Isa.LHBRX -> { LoadStore.lhbrx(c, w); c.pc = pc + 4; }
                case Isa.STWBRX -> { LoadStore.stwbrx(c, w); c.pc = pc + 4; }
                case Isa.STHBRX -> { LoadStore.sthbrx(c, w); c.pc = pc + 4; }
                case Isa.LWARX -> { LoadStore.lwarx(c, w); c.pc = pc + 4; }
                case Isa.STWCX -> { LoadStore.stwcx(c, w); c.pc = pc + 4; }
                // ===== end load/store section =====

                // ===== system section =====
                case Isa.MFSPR -> { SystemOps.mfspr(c, w); c.pc = pc + 4; }
                case Isa.MTSPR -> { SystemOps.mtspr(c, w); c.pc = pc + 4; }
                case Isa.MFMSR -> { SystemOps.mfmsr(c, w); c.pc = pc + 4; }
                case Isa.MTMSR -> { SystemOps.mtmsr(c, w); c.pc = pc + 4; }
                case Isa.WRTEE -> { SystemOps.wrtee(c, w); c.pc = pc + 4; }
                case Isa.WRTEEI -> { SystemOps.wrteei(c, w); c.pc = pc + 4; }
                case Isa.TW -> { SystemOps.tw(c, w); c.pc = pc + 4; }
                case Isa.TWI -> { SystemOps.twi(c, w); c.pc = pc + 4; }
                case Isa.SC -> SystemOps.sc(c, w);
                case Isa.RFI -> SystemOps.rfi(c, w);
                case Isa.RFCI -> SystemOps.rfci(c, w);
                case Isa.RFDI -> SystemOps.rfdi(c, w);
                case Isa.RFMCI -> SystemOps.rfmci(c, w);
                case Isa.SYNC, Isa.ISYNC, Isa.MBAR, Isa.DCBT, Isa.DCBTST, Isa.DCBA, Isa.ICBT, Isa.DCBLC -> c.pc = pc + 4;
                case Isa.DCBF, Isa.DCBST -> { SystemOps.dcbLoadCheck(c, w); c.pc = pc + 4; }
                case Isa.DCBZ -> { SystemOps.dcbz(c, w); c.pc = pc + 4; }
                case Isa.DCBI -> { SystemOps.dcbi(c, w); c.pc = pc + 4; }
                case Isa.ICBI -> { SystemOps.icbi(c, w); c.pc = pc + 4; }
                case Isa.DCBTLS -> { SystemOps.dcbtls(c, w); c.pc = pc + 4; }
                case Isa.TLBWE -> { SystemOps.tlbwe(c, w); c.pc = pc + 4; }
                case Isa.TLBRE -> { SystemOps.tlbre(c, w); c.pc = pc + 4; }
                case Isa.TLBSX -> { SystemOps.tlbsx(c, w); c.pc = pc + 4; }
                case Isa.TLBIVAX -> { SystemOps.tlbivax(c, w); c.pc = pc + 4; }
                case Isa.TLBSYNC -> { SystemOps.tlbsync(c, w); c.pc = pc + 4; }
                case Isa.SPE -> SystemOps.spe(c, w);
                // ===== end system section =====

                default -> throw c.programInterrupt(Sprs.ESR_PIL);
            }
        }
    }
}
