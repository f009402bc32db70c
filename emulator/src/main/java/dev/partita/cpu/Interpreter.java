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
