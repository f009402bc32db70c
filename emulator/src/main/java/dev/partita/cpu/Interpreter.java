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
                case Isa.ADDC -> { Alu.addc(c, w); c.pc = pc + 4; }
                case Isa.ADDE -> { Alu.adde(c, w); c.pc = pc + 4; }
                case Isa.ADDIC -> { Alu.addic(c, w); c.pc = pc + 4; }
                case Isa.ADDIC_RC -> { Alu.addicRc(c, w); c.pc = pc + 4; }
                case Isa.ADDME -> { Alu.addme(c, w); c.pc = pc + 4; }
                case Isa.ADDZE -> { Alu.addze(c, w); c.pc = pc + 4; }
                case Isa.SUBF -> { Alu.subf(c, w); c.pc = pc + 4; }
                case Isa.SUBFC -> { Alu.subfc(c, w); c.pc = pc + 4; }
                case Isa.SUBFE -> { Alu.subfe(c, w); c.pc = pc + 4; }
                case Isa.SUBFIC -> { Alu.subfic(c, w); c.pc = pc + 4; }
                case Isa.SUBFME -> { Alu.subfme(c, w); c.pc = pc + 4; }
                case Isa.SUBFZE -> { Alu.subfze(c, w); c.pc = pc + 4; }
                case Isa.NEG -> { Alu.neg(c, w); c.pc = pc + 4; }
                case Isa.MULHW -> { Alu.mulhw(c, w); c.pc = pc + 4; }
                case Isa.MULHWU -> { Alu.mulhwu(c, w); c.pc = pc + 4; }
                case Isa.MULLI -> { Alu.mulli(c, w); c.pc = pc + 4; }
                case Isa.MULLW -> { Alu.mullw(c, w); c.pc = pc + 4; }
                case Isa.DIVW -> { Alu.divw(c, w); c.pc = pc + 4; }
                case Isa.DIVWU -> { Alu.divwu(c, w); c.pc = pc + 4; }
                case Isa.AND -> { Alu.and(c, w); c.pc = pc + 4; }
                case Isa.ANDC -> { Alu.andc(c, w); c.pc = pc + 4; }
                case Isa.ANDI_RC -> { Alu.andiRc(c, w); c.pc = pc + 4; }
                case Isa.ANDIS_RC -> { Alu.andisRc(c, w); c.pc = pc + 4; }
                case Isa.OR -> { Alu.or(c, w); c.pc = pc + 4; }
                case Isa.ORC -> { Alu.orc(c, w); c.pc = pc + 4; }
                case Isa.ORI -> { Alu.ori(c, w); c.pc = pc + 4; }
                case Isa.ORIS -> { Alu.oris(c, w); c.pc = pc + 4; }
                case Isa.XOR -> { Alu.xor(c, w); c.pc = pc + 4; }
                case Isa.XORI -> { Alu.xori(c, w); c.pc = pc + 4; }
                case Isa.XORIS -> { Alu.xoris(c, w); c.pc = pc + 4; }
                case Isa.NAND -> { Alu.nand(c, w); c.pc = pc + 4; }
                case Isa.NOR -> { Alu.nor(c, w); c.pc = pc + 4; }
                case Isa.EQV -> { Alu.eqv(c, w); c.pc = pc + 4; }
                case Isa.EXTSB -> { Alu.extsb(c, w); c.pc = pc + 4; }
                case Isa.EXTSH -> { Alu.extsh(c, w); c.pc = pc + 4; }
                case Isa.CNTLZW -> { Alu.cntlzw(c, w); c.pc = pc + 4; }
                case Isa.RLWIMI -> { Alu.rlwimi(c, w); c.pc = pc + 4; }
                case Isa.RLWINM -> { Alu.rlwinm(c, w); c.pc = pc + 4; }
                case Isa.RLWNM -> { Alu.rlwnm(c, w); c.pc = pc + 4; }
                case Isa.SLW -> { Alu.slw(c, w); c.pc = pc + 4; }
                case Isa.SRW -> { Alu.srw(c, w); c.pc = pc + 4; }
                case Isa.SRAW -> { Alu.sraw(c, w); c.pc = pc + 4; }
                case Isa.SRAWI -> { Alu.srawi(c, w); c.pc = pc + 4; }
                case Isa.CMP -> { Alu.cmp(c, w); c.pc = pc + 4; }
                case Isa.CMPI -> { Alu.cmpi(c, w); c.pc = pc + 4; }
                case Isa.CMPL -> { Alu.cmpl(c, w); c.pc = pc + 4; }
                case Isa.CMPLI -> { Alu.cmpli(c, w); c.pc = pc + 4; }
                case Isa.CRAND -> { Alu.crand(c, w); c.pc = pc + 4; }
                case Isa.CROR -> { Alu.cror(c, w); c.pc = pc + 4; }
                case Isa.CRXOR -> { Alu.crxor(c, w); c.pc = pc + 4; }
                case Isa.CRNAND -> { Alu.crnand(c, w); c.pc = pc + 4; }
                case Isa.CRNOR -> { Alu.crnor(c, w); c.pc = pc + 4; }
                case Isa.CREQV -> { Alu.creqv(c, w); c.pc = pc + 4; }
                case Isa.CRANDC -> { Alu.crandc(c, w); c.pc = pc + 4; }
                case Isa.CRORC -> { Alu.crorc(c, w); c.pc = pc + 4; }
                case Isa.MCRF -> { Alu.mcrf(c, w); c.pc = pc + 4; }
                case Isa.MCRXR -> { Alu.mcrxr(c, w); c.pc = pc + 4; }
                case Isa.MFCR -> { Alu.mfcr(c, w); c.pc = pc + 4; }
                case Isa.MFOCRF -> { Alu.mfocrf(c, w); c.pc = pc + 4; }
                case Isa.MTCRF -> { Alu.mtcrf(c, w); c.pc = pc + 4; }
                case Isa.MTOCRF -> { Alu.mtocrf(c, w); c.pc = pc + 4; }
                case Isa.ISEL -> { Alu.isel(c, w); c.pc = pc + 4; }
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
