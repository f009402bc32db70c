package dev.partita.cpu;

import dev.partita.memory.PhysicalBus;
import dev.partita.memory.Ram;
import dev.partita.mmu.Mmu;
import dev.partita.mmu.SoftTlb;
import dev.partita.time.VirtualClock;

/**
 * The architected state of one e500v2 core, and its memory access fast paths.
 *
 * <p>Plain fields, no allocation per instruction. XER is kept split ({@link #xerSo}, {@link #xerOv},
 * {@link #xerCa} each 0 or 1, {@link #xerBc} the byte count) because the flags are read and written
 * far more often than XER as a whole. {@link #pc} is the address of the instruction being executed;
 * instructions that are not branches leave it alone and the engine advances it. SPRs that need no
 * behaviour live in {@link #spr}, indexed by SPR number; {@link Sprs} routes the others.
 *
 * <p>Guest exceptions are delivered by {@link #interrupt} and unwound with {@link GuestTrap}.
 */
public final class Cpu {
    public final int[] gpr = new int[32];
    /** SPE upper halves of the GPRs (bits 0..31 of the 64-bit registers). */
    public final int[] gprHigh = new int[32];
    public int pc;
    public int cr;
    public int xerSo, xerOv, xerCa, xerBc;
    public int lr, ctr;
    public int msr;
    public final int[] spr = new int[1024];

    /** lwarx reservation: valid flag and the physical address of the reserved granule. */
    public boolean reservationValid;
    public long reservationAddress;

    /** Instructions retired since reset (the deterministic clock runs on this). */
    public long icount;

    /**
     * The value of {@link #icount} at which the engine must return to the machine loop. Anything that
     * may make an interrupt deliverable or needs the machine's attention (MSR[EE] set, timer writes,
     * device requests) calls {@link #requestExit} so the engine stops after the current instruction.
     */
    public long sliceEnd;

    /**
     * The soft TLB of the current MSR[PR, IS, DS] context. Each context has its own, so that system
     * calls and interrupts (which change MSR[PR]) switch tables instead of flushing one; what changes
     * translations themselves (TLB writes, PID changes) goes to all of them ({@link #flushSoftTlbs},
     * {@link #forgetPage}). Engines re-read this field after anything that may change the MSR.
     */
    public SoftTlb tlb;
    private final SoftTlb[] softTlbs = new SoftTlb[8];
    public final Mmu mmu;
    public final Timers timers;
    /** Interrupt lines into the core: set by the PIC and timers, read by {@link #pollInterrupts}. */
    public boolean externalInput, criticalInput, machineCheckInput;
    /** Set by the machine when the guest asked for a reset, power-off or halt; engines stop on it. */
    public boolean stopRequested;

    public final PhysicalBus bus;
    public final VirtualClock clock;

    public Cpu(PhysicalBus bus, VirtualClock clock) {
        this.bus = bus;
        this.clock = clock;
        this.tlb = softTlbs[0] = new SoftTlb();
        this.mmu = new Mmu(this, bus);
        this.timers = new Timers(this, clock);
        Sprs.reset(this);
    }

    /**
     * Called when the guest asks for a reset through the core (DBCR0[RST]); the machine installs it.
     * Null means the request is ignored.
     */
    public Runnable resetHandler;

    /** Forwards a guest reset request (DBCR0[RST]) to the machine and ends the slice. */
    public void requestReset() {
        if (resetHandler != null) {
            resetHandler.run();
        }
        requestExit();
    }

    /** Makes the engine return to the machine loop after the current instruction. */
    public void requestExit() {
        sliceEnd = 0;
    }

    // ---- register helpers ----

    public int xer() {
        return (xerSo << 31) | (xerOv << 30) | (xerCa << 29) | (xerBc & 0x7F);
    }

    public void setXer(int v) {
        xerSo = (v >>> 31) & 1;
        xerOv = (v >>> 30) & 1;
        xerCa = (v >>> 29) & 1;
        xerBc = v & 0x7F;
    }

    /** Sets CR field 0 from a result, as every Rc=1 form does: LT, GT, EQ from the signed value, SO from XER. */
    public void setCr0(int result) {
        cr = (cr & 0x0FFFFFFF) | (Alu.cr0(result, xerSo) << 28);
    }

    /** Sets CR field {@code bf} (0..7) to the 4-bit value {@code v}. */
    public void setCrField(int bf, int v) {
        int shift = 28 - 4 * bf;
        cr = (cr & ~(0xF << shift)) | ((v & 0xF) << shift);
    }

    // ---- memory: fast paths through the soft TLB, everything else in the MMU's slow path ----

    public int load32(int ea) {
        SoftTlb t = tlb;
        int i = (ea >>> 12) & SoftTlb.MASK;
        if (t.readTag[i] == (ea & 0xFFFFF003)) {
            return (int) Ram.BE32.get(t.readMem[i], t.readOff[i] + ea);
        }
        return (int) mmu.load(ea, 4);
    }

    public int load16(int ea) {
        SoftTlb t = tlb;
        int i = (ea >>> 12) & SoftTlb.MASK;
        if (t.readTag[i] == (ea & 0xFFFFF001)) {
            return (short) Ram.BE16.get(t.readMem[i], t.readOff[i] + ea) & 0xFFFF;
        }
        return (int) mmu.load(ea, 2);
    }

    public int load8(int ea) {
        SoftTlb t = tlb;
        int i = (ea >>> 12) & SoftTlb.MASK;
        if (t.readTag[i] == (ea & 0xFFFFF000)) {
            return t.readMem[i][t.readOff[i] + ea] & 0xFF;
        }
        return (int) mmu.load(ea, 1);
    }

    public void store32(int ea, int v) {
        SoftTlb t = tlb;
        int i = (ea >>> 12) & SoftTlb.MASK;
        if (t.writeTag[i] == (ea & 0xFFFFF003)) {
            Ram.BE32.set(t.writeMem[i], t.writeOff[i] + ea, v);
            return;
        }
        mmu.store(ea, 4, v & 0xFFFFFFFFL);
    }

    public void store16(int ea, int v) {
        SoftTlb t = tlb;
        int i = (ea >>> 12) & SoftTlb.MASK;
        if (t.writeTag[i] == (ea & 0xFFFFF001)) {
            Ram.BE16.set(t.writeMem[i], t.writeOff[i] + ea, (short) v);
            return;
        }
        mmu.store(ea, 2, v & 0xFFFF);
    }

    public void store8(int ea, int v) {
        SoftTlb t = tlb;
        int i = (ea >>> 12) & SoftTlb.MASK;
        if (t.writeTag[i] == (ea & 0xFFFFF000)) {
            t.writeMem[i][t.writeOff[i] + ea] = (byte) v;
            return;
        }
        mmu.store(ea, 1, v & 0xFF);
    }

    /** Fetches the instruction word at {@code ea} (ITLB miss, ISI and misses are raised by the MMU). */
    public int fetch(int ea) {
        SoftTlb t = tlb;
        int i = (ea >>> 12) & SoftTlb.MASK;
        if (t.execTag[i] == (ea & 0xFFFFF003)) {
            return (int) Ram.BE32.get(t.execMem[i], t.execOff[i] + ea);
        }
        return mmu.fetch(ea);
    }

    // ---- interrupts ----

    /**
     * MSR bits the e500v2 implements (QEMU's e500v2 {@code msr_mask}): UCLE, SPE, WE, CE, EE, PR, FP,
     * ME, FE0, UBLE, DE, FE1, IS, DS. Writes of other bits (RI, PMM, ...) are dropped.
     */
    public static final int MSR_IMPLEMENTED = Msr.UCLE | Msr.SPE | Msr.WE | Msr.CE | Msr.EE | Msr.PR
            | Msr.FP | Msr.ME | Msr.FE0 | Msr.UBLE | Msr.DE | Msr.FE1 | Msr.IS | Msr.DS;

    /**
     * Delivers interrupt {@code ivor} with {@code returnAddress} saved in the save/restore register
     * of its class and the current MSR in the matching SRR1/CSRR1/MCSRR1; sets the new MSR and jumps
     * to {@code IVPR[0..15] | IVORn[16..27]}. Callers set ESR, DEAR, MCSR and MAS registers first.
     * Does not throw: instruction semantics follow it with {@code throw GuestTrap.INSTANCE}.
     *
     * <p>Classes (e500 core reference manual, interrupt definitions):
     * <ul>
     *   <li>critical (critical input, watchdog, and debug, which uses CSRR0/1 unless HID0[DAPUEN]
     *       is set — the debug APU is not modelled): CSRR0/CSRR1; MSR[ME] kept, all else cleared;</li>
     *   <li>machine check: MCSRR0/MCSRR1; every MSR bit cleared, ME included;</li>
     *   <li>base (everything else): SRR0/SRR1; MSR[CE, ME, DE] kept, all else cleared.</li>
     * </ul>
     * The return address is the faulting instruction for synchronous faults, the next instruction
     * for sc, and the next instruction to execute for asynchronous interrupts.
     *
     * <p>Differences from QEMU 7.2 (powerpc_excp_booke), where we follow the architecture: QEMU keeps
     * only MSR[ME] for base-class interrupts (clearing CE and DE); it also copies the return state of
     * machine checks into CSRR0/1, and saves debug interrupts in DSRR0/1 as well as CSRR0/1; it ORs a cause bit (0x80000 illegal, 0x40000 privileged, 0x20000
     * trap) into the SRR1 of program interrupts, whereas Book E saves the MSR unchanged and reports
     * the cause only in ESR.
     */
    public void interrupt(int ivor, int returnAddress) {
        int kept;
        switch (ivor) {
            case Ivor.CRITICAL_INPUT, Ivor.WATCHDOG, Ivor.DEBUG -> {
                spr[Sprs.CSRR0] = returnAddress;
                spr[Sprs.CSRR1] = msr;
                kept = Msr.ME;
            }
            case Ivor.MACHINE_CHECK -> {
                spr[Sprs.MCSRR0] = returnAddress;
                spr[Sprs.MCSRR1] = msr;
                kept = 0;
            }
            default -> {
                spr[Sprs.SRR0] = returnAddress;
                spr[Sprs.SRR1] = msr;
                kept = Msr.CE | Msr.ME | Msr.DE;
            }
        }
        setMsr(msr & kept);
        pc = (spr[Sprs.IVPR] & 0xFFFF0000) | (spr[Sprs.ivorSpr(ivor)] & 0xFFF0);
    }

    /**
     * Raises a program interrupt for the instruction at {@link #pc} with ESR set to {@code esr}
     * (exactly one of {@link Sprs#ESR_PIL}, {@link Sprs#ESR_PPR}, {@link Sprs#ESR_PTR}; the other
     * ESR bits are cleared) and returns the unwinder for the caller to throw.
     */
    public GuestTrap programInterrupt(int esr) {
        spr[Sprs.ESR] = esr;
        interrupt(Ivor.PROGRAM, pc);
        return GuestTrap.INSTANCE;
    }

    /**
     * Writes the MSR (keeping only {@link #MSR_IMPLEMENTED} bits), flushing translations when
     * PR/IS/DS change and asking the engine to return when interrupts may have become deliverable.
     */
    public void setMsr(int v) {
        v &= MSR_IMPLEMENTED;
        int old = msr;
        msr = v;
        if (((old ^ v) & (Msr.PR | Msr.IS | Msr.DS)) != 0) {
            switchSoftTlb(v);
        }
        if ((v & ~old & (Msr.EE | Msr.CE | Msr.ME | Msr.DE)) != 0) {
            requestExit();
        }
    }

    private void switchSoftTlb(int newMsr) {
        int ctx = ((newMsr & Msr.PR) != 0 ? 4 : 0) | ((newMsr & Msr.IS) != 0 ? 2 : 0) | ((newMsr & Msr.DS) != 0 ? 1 : 0);
        SoftTlb next = softTlbs[ctx];
        if (next == null) {
            next = softTlbs[ctx] = new SoftTlb();
        } else if (next.stale) {
            next.flush();
        }
        tlb.epoch++;            // whoever cached a page from the old table notices and re-reads tlb
        tlb = next;
    }

    /**
     * Drops every soft-TLB translation of every context (a TLB or PID change): the current context's
     * now, the others' when the core switches to them (they are marked stale; a kernel that changes
     * the PID on every task switch would otherwise clear all eight tables each time).
     */
    public void flushSoftTlbs() {
        for (SoftTlb t : softTlbs) {
            if (t == tlb) {
                t.flush();
            } else if (t != null) {
                t.stale = true;
            }
        }
    }

    /** Drops the soft-TLB translations of the effective page of {@code ea} in every context. */
    public void forgetPage(int ea) {
        for (SoftTlb t : softTlbs) {
            if (t != null && !t.stale) {
                t.forget(ea);
            }
        }
    }

    /** Drops fast-path writes to host page {@code mem[hostPageStart..+4096)} in every context (it now holds translated code). */
    public void dropWrites(byte[] mem, int hostPageStart) {
        for (SoftTlb t : softTlbs) {
            if (t != null) {
                t.dropWrite(mem, hostPageStart);
            }
        }
    }

    /**
     * Delivers the highest-priority pending asynchronous interrupt that the MSR allows, if any.
     * Engines call it between instructions when their slice ends. Returns true if one was taken.
     *
     * <p>Priorities (e500 core reference manual, interrupt ordering): machine check (MSR[ME]),
     * critical input, watchdog (MSR[CE]), external input, fixed-interval timer, decrementer
     * (MSR[EE]). A machine check with MSR[ME] = 0 is a checkstop, which the machine handles; it is
     * left pending here. Inputs are levels except the machine check, which is consumed.
     */
    public boolean pollInterrupts() {
        if (machineCheckInput && (msr & Msr.ME) != 0) {
            machineCheckInput = false;
            interrupt(Ivor.MACHINE_CHECK, pc);
            return true;
        }
        if ((msr & Msr.CE) != 0) {
            if (criticalInput) {
                interrupt(Ivor.CRITICAL_INPUT, pc);
                return true;
            }
            if (timers.watchdogPending()) {
                interrupt(Ivor.WATCHDOG, pc);
                return true;
            }
        }
        if ((msr & Msr.EE) != 0) {
            if (externalInput) {
                interrupt(Ivor.EXTERNAL_INPUT, pc);
                return true;
            }
            if (timers.fitPending()) {
                interrupt(Ivor.FIXED_INTERVAL_TIMER, pc);
                return true;
            }
            if (timers.decrementerPending()) {
                interrupt(Ivor.DECREMENTER, pc);
                return true;
            }
        }
        return false;
    }
}
