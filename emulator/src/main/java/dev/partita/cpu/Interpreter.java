package dev.partita.cpu;

import dev.partita.memory.Ram;
import dev.partita.mmu.SoftTlb;

/**
 * The interpreter: fetch through the soft TLB, decode with one table lookup, and a switch over the
 * {@link Isa} id that calls the shared semantics. Non-branch instructions advance the pc here;
 * branch semantics set it themselves.
 *
 * <p>The dispatch method must stay below HotSpot's huge-method limit (8000 bytecodes) so it gets
 * compiled: keep each case one call. Non-branch cases fall out of the switch to the common
 * {@code c.pc = pc + 4}; branch cases set the pc themselves and {@code continue}.
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
                loop(c, false);
            } catch (GuestTrap t) {
                // the interrupt is delivered: continue at its vector
            }
        }
    }

    /**
     * Executes instructions until one transfers control (a branch, sc, an rfi, or an instruction that
     * raises an interrupt) or {@code cpu.icount} reaches {@code cpu.sliceEnd}; the translator runs cold
     * code with it, one guest basic block at a time. A delivered interrupt ends it normally.
     */
    public static void runBlock(Cpu c) {
        try {
            loop(c, true);
        } catch (GuestTrap t) {
            // the interrupt is delivered: the caller continues at its vector
        }
    }

    /**
     * Executes the one instruction at {@code cpu.pc} exactly as {@link #run} would (the translator's
     * fallback for instructions it does not compile). An interrupt it raises propagates as
     * {@link GuestTrap}; {@code cpu.sliceEnd} is kept, or left at 0 when the instruction asked for
     * an exit.
     */
    public static void step(Cpu c) {
        long end = c.sliceEnd;
        c.sliceEnd = c.icount + 1;
        try {
            loop(c, false);
        } finally {
            if (c.sliceEnd != 0) {
                c.sliceEnd = end;
            }
        }
    }

    private static void loop(Cpu c, boolean stopAtBranch) {
        // The page the pc is in, cached across instructions; valid while the soft TLB's epoch is unchanged.
        SoftTlb t = c.tlb;
        int codePage = SoftTlb.INVALID, epoch = 0, codeOff = 0;
        byte[] code = null;
        while (c.icount < c.sliceEnd) {
            int pc = c.pc;
            c.icount++; // counted before the fetch, so a fetch that faults still makes progress
            int w;
            if ((pc & 0xFFFFF003) == codePage && t.epoch == epoch) {
                w = (int) Ram.BE32.get(code, codeOff + pc);
            } else {
                w = c.fetch(pc);
                t = c.tlb;      // the MSR context (and with it the table) may have changed since
                int i = (pc >>> 12) & SoftTlb.MASK;
                if (t.execTag[i] == (pc & 0xFFFFF000)) {
                    codePage = pc & 0xFFFFF000;
                    code = t.execMem[i];
                    codeOff = t.execOff[i];
                    epoch = t.epoch;
                } else {
                    codePage = SoftTlb.INVALID;
                }
            }
            switch (Decoder.decode(w)) {
                // ===== integer section =====
                case Isa.ADDI -> Alu.addi(c, w);
                case Isa.ADDIS -> Alu.addis(c, w);
                case Isa.ADD -> Alu.add(c, w);
                case Isa.ADDC -> Alu.addc(c, w);
                case Isa.ADDE -> Alu.adde(c, w);
                case Isa.ADDIC -> Alu.addic(c, w);
                case Isa.ADDIC_RC -> Alu.addicRc(c, w);
                case Isa.ADDME -> Alu.addme(c, w);
                case Isa.ADDZE -> Alu.addze(c, w);
                case Isa.SUBF -> Alu.subf(c, w);
                case Isa.SUBFC -> Alu.subfc(c, w);
                case Isa.SUBFE -> Alu.subfe(c, w);
                case Isa.SUBFIC -> Alu.subfic(c, w);
                case Isa.SUBFME -> Alu.subfme(c, w);
                case Isa.SUBFZE -> Alu.subfze(c, w);
                case Isa.NEG -> Alu.neg(c, w);
                case Isa.MULHW -> Alu.mulhw(c, w);
                case Isa.MULHWU -> Alu.mulhwu(c, w);
                case Isa.MULLI -> Alu.mulli(c, w);
                case Isa.MULLW -> Alu.mullw(c, w);
                case Isa.DIVW -> Alu.divw(c, w);
                case Isa.DIVWU -> Alu.divwu(c, w);
                case Isa.AND -> Alu.and(c, w);
                case Isa.ANDC -> Alu.andc(c, w);
                case Isa.ANDI_RC -> Alu.andiRc(c, w);
                case Isa.ANDIS_RC -> Alu.andisRc(c, w);
                case Isa.OR -> Alu.or(c, w);
                case Isa.ORC -> Alu.orc(c, w);
                case Isa.ORI -> Alu.ori(c, w);
                case Isa.ORIS -> Alu.oris(c, w);
                case Isa.XOR -> Alu.xor(c, w);
                case Isa.XORI -> Alu.xori(c, w);
                case Isa.XORIS -> Alu.xoris(c, w);
                case Isa.NAND -> Alu.nand(c, w);
                case Isa.NOR -> Alu.nor(c, w);
                case Isa.EQV -> Alu.eqv(c, w);
                case Isa.EXTSB -> Alu.extsb(c, w);
                case Isa.EXTSH -> Alu.extsh(c, w);
                case Isa.CNTLZW -> Alu.cntlzw(c, w);
                case Isa.RLWIMI -> Alu.rlwimi(c, w);
                case Isa.RLWINM -> Alu.rlwinm(c, w);
                case Isa.RLWNM -> Alu.rlwnm(c, w);
                case Isa.SLW -> Alu.slw(c, w);
                case Isa.SRW -> Alu.srw(c, w);
                case Isa.SRAW -> Alu.sraw(c, w);
                case Isa.SRAWI -> Alu.srawi(c, w);
                case Isa.CMP -> Alu.cmp(c, w);
                case Isa.CMPI -> Alu.cmpi(c, w);
                case Isa.CMPL -> Alu.cmpl(c, w);
                case Isa.CMPLI -> Alu.cmpli(c, w);
                case Isa.CRAND -> Alu.crand(c, w);
                case Isa.CROR -> Alu.cror(c, w);
                case Isa.CRXOR -> Alu.crxor(c, w);
                case Isa.CRNAND -> Alu.crnand(c, w);
                case Isa.CRNOR -> Alu.crnor(c, w);
                case Isa.CREQV -> Alu.creqv(c, w);
                case Isa.CRANDC -> Alu.crandc(c, w);
                case Isa.CRORC -> Alu.crorc(c, w);
                case Isa.MCRF -> Alu.mcrf(c, w);
                case Isa.MCRXR -> Alu.mcrxr(c, w);
                case Isa.MFCR -> Alu.mfcr(c, w);
                case Isa.MFOCRF -> Alu.mfocrf(c, w);
                case Isa.MTCRF -> Alu.mtcrf(c, w);
                case Isa.MTOCRF -> Alu.mtocrf(c, w);
                case Isa.ISEL -> Alu.isel(c, w);
                case Isa.B -> { Branch.b(c, w); if (stopAtBranch) return; continue; }
                case Isa.BC -> { Branch.bc(c, w); if (stopAtBranch) return; continue; }
                case Isa.BCLR -> { Branch.bclr(c, w); if (stopAtBranch) return; continue; }
                case Isa.BCCTR -> { Branch.bcctr(c, w); if (stopAtBranch) return; continue; }
                // ===== end integer section =====

                // ===== load/store section =====
                case Isa.LWZ -> LoadStore.lwz(c, w);
                case Isa.LWZU -> LoadStore.lwzu(c, w);
                case Isa.LBZ -> LoadStore.lbz(c, w);
                case Isa.LBZU -> LoadStore.lbzu(c, w);
                case Isa.LHZ -> LoadStore.lhz(c, w);
                case Isa.LHZU -> LoadStore.lhzu(c, w);
                case Isa.LHA -> LoadStore.lha(c, w);
                case Isa.LHAU -> LoadStore.lhau(c, w);
                case Isa.STW -> LoadStore.stw(c, w);
                case Isa.STWU -> LoadStore.stwu(c, w);
                case Isa.STB -> LoadStore.stb(c, w);
                case Isa.STBU -> LoadStore.stbu(c, w);
                case Isa.STH -> LoadStore.sth(c, w);
                case Isa.STHU -> LoadStore.sthu(c, w);
                case Isa.LMW -> LoadStore.lmw(c, w);
                case Isa.STMW -> LoadStore.stmw(c, w);
                case Isa.LWZX -> LoadStore.lwzx(c, w);
                case Isa.LWZUX -> LoadStore.lwzux(c, w);
                case Isa.LBZX -> LoadStore.lbzx(c, w);
                case Isa.LBZUX -> LoadStore.lbzux(c, w);
                case Isa.LHZX -> LoadStore.lhzx(c, w);
                case Isa.LHZUX -> LoadStore.lhzux(c, w);
                case Isa.LHAX -> LoadStore.lhax(c, w);
                case Isa.LHAUX -> LoadStore.lhaux(c, w);
                case Isa.STWX -> LoadStore.stwx(c, w);
                case Isa.STWUX -> LoadStore.stwux(c, w);
                case Isa.STBX -> LoadStore.stbx(c, w);
                case Isa.STBUX -> LoadStore.stbux(c, w);
                case Isa.STHX -> LoadStore.sthx(c, w);
                case Isa.STHUX -> LoadStore.sthux(c, w);
                case Isa.LWBRX -> LoadStore.lwbrx(c, w);
                case Isa.LHBRX -> LoadStore.lhbrx(c, w);
                case Isa.STWBRX -> LoadStore.stwbrx(c, w);
                case Isa.STHBRX -> LoadStore.sthbrx(c, w);
                case Isa.LWARX -> LoadStore.lwarx(c, w);
                case Isa.STWCX -> LoadStore.stwcx(c, w);
                // ===== end load/store section =====

                // ===== system section =====
                case Isa.MFSPR -> SystemOps.mfspr(c, w);
                case Isa.MTSPR -> SystemOps.mtspr(c, w);
                case Isa.MFMSR -> SystemOps.mfmsr(c, w);
                case Isa.MTMSR -> SystemOps.mtmsr(c, w);
                case Isa.WRTEE -> SystemOps.wrtee(c, w);
                case Isa.WRTEEI -> SystemOps.wrteei(c, w);
                case Isa.TW -> SystemOps.tw(c, w);
                case Isa.TWI -> SystemOps.twi(c, w);
                case Isa.SC -> { SystemOps.sc(c, w); if (stopAtBranch) return; continue; }
                case Isa.RFI -> { SystemOps.rfi(c, w); if (stopAtBranch) return; continue; }
                case Isa.RFCI -> { SystemOps.rfci(c, w); if (stopAtBranch) return; continue; }
                case Isa.RFDI -> { SystemOps.rfdi(c, w); if (stopAtBranch) return; continue; }
                case Isa.RFMCI -> { SystemOps.rfmci(c, w); if (stopAtBranch) return; continue; }
                case Isa.SYNC, Isa.ISYNC, Isa.MBAR, Isa.DCBT, Isa.DCBTST, Isa.DCBA, Isa.ICBT, Isa.DCBLC -> { } // no effect beyond the pc update
                case Isa.DCBF, Isa.DCBST -> SystemOps.dcbLoadCheck(c, w);
                case Isa.DCBZ -> SystemOps.dcbz(c, w);
                case Isa.DCBI -> SystemOps.dcbi(c, w);
                case Isa.ICBI -> SystemOps.icbi(c, w);
                case Isa.DCBTLS -> SystemOps.dcbtls(c, w);
                case Isa.TLBWE -> SystemOps.tlbwe(c, w);
                case Isa.TLBRE -> SystemOps.tlbre(c, w);
                case Isa.TLBSX -> SystemOps.tlbsx(c, w);
                case Isa.TLBIVAX -> SystemOps.tlbivax(c, w);
                case Isa.TLBSYNC -> SystemOps.tlbsync(c, w);
                case Isa.SPE -> { SystemOps.spe(c, w); if (stopAtBranch) return; continue; }
                // ===== end system section =====

                default -> throw c.programInterrupt(Sprs.ESR_PIL);
            }
            c.pc = pc + 4;
        }
    }
}
