package dev.partita.devices;

import dev.partita.memory.MmioDevice;
import dev.partita.time.TimerEvent;
import dev.partita.time.VirtualClock;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Freescale MPIC (OpenPIC) of the ppce500 board, as QEMU models "FSL MPIC 4.2": a 256 KiB
 * register window with the global registers (BRR1, FRR, GCR with its reset bit, VIR, PIR, IPI
 * vector/priority registers, SPVR), the four global timers of group A (TFRR, GTCCR, GTBCR, GTVPR,
 * GTDR; counting down at {@link #TIMER_FREQUENCY_HZ} on the {@link VirtualClock}), the shared MSI
 * registers (MSIR0-7, MSISR, MSIIR), per-source IVPR/IDR/ILR for sources 0..255, and the per-CPU
 * registers (IPIDR0-3, CTPR, WHOAMI, IACK, EOI) both in each CPU's window and in the "current CPU"
 * window of the global block.
 *
 * <p>Source numbering follows QEMU and the Linux "fsl,mpic" binding: source {@code n} has its IVPR
 * at {@code 0x10000 + 0x20 * n}. Sources 0..15 are the external pins (edge or level by
 * IVPR[S]), 16..255 the internal sources (level-sensitive; internal source k is {@code 16 + k}, so
 * the DUART, internal 26, is 42), MSI banks are 224..231. IPIs (256..259) and global timers
 * (260..263) are numbered after them; they are edge-triggered and have their registers in the
 * global and timer blocks. Device-tree {@code interrupts = <42 2>} means {@code input(42)}.
 *
 * <p>Delivery follows OpenPIC: a source is raised at a CPU when it is pending, unmasked and
 * directed there (IDR); the CPU's interrupt output is asserted while the highest raised priority
 * exceeds CTPR and the priority of the interrupt in service. IACK returns the vector of the
 * highest raised source (or the spurious vector) and puts it in service, EOI ends the service of
 * the highest-priority interrupt in service. ILR can route a source to the critical or machine
 * check output instead; those ignore priority, IACK and EOI.
 *
 * <p>Wiring on ppce500 (done by the machine): {@code new Mpic(clock, 1, () -> 0, cpu ->
 * level -> { cpu0.externalInput = level; cpu0.requestExit(); })} (or the one-CPU constructor),
 * optionally {@link #setOutput} for the critical and machine check outputs, mapped with
 * {@code bus.addDevice("mpic", CCSR_BASE + 0x40000, 0x40000, mpic)}; devices get
 * {@link #input}{@code (source)}. Call {@link #reset} on machine reset. CPU thread only.
 */
public final class Mpic implements MmioDevice {
    public static final int MAX_SOURCES = 256, IPI_COUNT = 4, TIMER_COUNT = 4, MAX_CPUS = 32;
    /** Internal number of IPI 0 and global timer 0 (after the 256 sources); MSI bank 0 is source 224. */
    public static final int IRQ_IPI0 = 256, IRQ_TIMER0 = 260, IRQ_MSI0 = 224;
    static final int TOTAL_IRQS = IRQ_TIMER0 + TIMER_COUNT;
    /** QEMU clocks the global timers at 25 MHz. */
    public static final long TIMER_FREQUENCY_HZ = 25_000_000L;
    static final long NS_PER_TICK = 1_000_000_000L / TIMER_FREQUENCY_HZ;

    /** Outputs of the MPIC to each core (the INTTGT codes of ILR). */
    public static final int OUTPUT_INT = 0, OUTPUT_CRITICAL = 1, OUTPUT_MACHINE_CHECK = 2;

    static final int IVPR_MASK = 0x80000000, IVPR_ACTIVITY = 0x40000000, IVPR_MODE = 0x20000000,
            IVPR_POLARITY = 0x00800000, IVPR_SENSE = 0x00400000, IVPR_PRIORITY = 0x000F0000;
    static final int VECTOR_MASK = 0xFFFF;
    static final int GCR_RESET = 0x80000000, GCR_MODE_MASK = 0x60000000;
    static final int TBCR_CI = 0x80000000, TCCR_TOG = 0x80000000;
    /** BRR1 and VID of QEMU's FSL MPIC 4.2; FRR reports 196 sources. */
    static final int BRR1 = 0x00400402, VID = 2, FRR_SOURCES = 196;

    private static final int TYPE_NORMAL = 0, TYPE_FSL_INTERNAL = 1, TYPE_FSL_SPECIAL = 2;
    private static final int QUEUE_WORDS = (TOTAL_IRQS + 63) / 64;
    private static final Logger LOG = LoggerFactory.getLogger(Mpic.class);

    private final VirtualClock clock;
    private final int cpuCount;
    private final IntSupplier currentCpu;
    private final RegisterMap regs = new RegisterMap("mpic", 0xFFFFFFFF);

    // sources
    private final int[] ivpr = new int[TOTAL_IRQS];
    private final int[] idr = new int[TOTAL_IRQS];
    private final int[] destMask = new int[TOTAL_IRQS];
    private final int[] lastCpu = new int[TOTAL_IRQS];
    private final int[] output = new int[TOTAL_IRQS];
    private final int[] type = new int[TOTAL_IRQS];
    private final boolean[] pending = new boolean[TOTAL_IRQS];
    private final boolean[] level = new boolean[TOTAL_IRQS];

    // destinations
    private final int[] ctpr;
    private final long[][] raised;
    private final long[][] servicing;
    private final int[][] outputsActive;
    private final IrqLine[][] outputs;
    private final boolean[][] outputLevel;

    // global registers
    private int gcr, pir, spve, tfrr;
    private final int[] msir = new int[8];

    // global timers
    private final int[] tbcr = new int[TIMER_COUNT];
    private final int[] tccr = new int[TIMER_COUNT];
    private final long[] timerOrigin = new long[TIMER_COUNT];
    private final TimerEvent[] timerEvents = new TimerEvent[TIMER_COUNT];

    /** A one-CPU MPIC whose interrupt output drives {@code intOutput}. */
    public Mpic(VirtualClock clock, IrqLine intOutput) {
        this(clock, 1, () -> 0, cpu -> intOutput);
    }

    /**
     * @param clock      the machine's clock (global timers)
     * @param cpuCount   number of cores (1..32)
     * @param currentCpu the index of the core making the access (for the "current CPU" registers)
     * @param intOutputs for each core, the line its interrupt output (INT) drives
     */
    public Mpic(VirtualClock clock, int cpuCount, IntSupplier currentCpu,
                java.util.function.IntFunction<IrqLine> intOutputs) {
        if (cpuCount < 1 || cpuCount > MAX_CPUS) {
            throw new IllegalArgumentException("MPIC supports 1.." + MAX_CPUS + " CPUs: " + cpuCount);
        }
        this.clock = clock;
        this.cpuCount = cpuCount;
        this.currentCpu = currentCpu;
        this.ctpr = new int[cpuCount];
        this.raised = new long[cpuCount][QUEUE_WORDS];
        this.servicing = new long[cpuCount][QUEUE_WORDS];
        this.outputsActive = new int[cpuCount][3];
        this.outputs = new IrqLine[cpuCount][3];
        this.outputLevel = new boolean[cpuCount][3];
        for (int c = 0; c < cpuCount; c++) {
            outputs[c][OUTPUT_INT] = intOutputs.apply(c);
            outputs[c][OUTPUT_CRITICAL] = IrqLine.NONE;
            outputs[c][OUTPUT_MACHINE_CHECK] = IrqLine.NONE;
        }
        for (int i = 0; i < TOTAL_IRQS; i++) {
            type[i] = i < 16 ? TYPE_NORMAL : i < MAX_SOURCES ? TYPE_FSL_INTERNAL : TYPE_FSL_SPECIAL;
            level[i] = type[i] == TYPE_FSL_INTERNAL;
        }
        for (int t = 0; t < TIMER_COUNT; t++) {
            int timer = t;
            timerEvents[t] = new TimerEvent("mpic.timer" + t, () -> timerExpired(timer));
        }
        defineRegisters();
        reset();
    }

    /** Connects a core's critical ({@link #OUTPUT_CRITICAL}) or machine check output. */
    public void setOutput(int cpu, int which, IrqLine line) {
        outputs[cpu][which] = line;
    }

    /** The input line of source {@code source} (0..255), for a device's interrupt output. */
    public IrqLine input(int source) {
        if (source < 0 || source >= MAX_SOURCES) {
            throw new IllegalArgumentException("MPIC source out of range: " + source);
        }
        return lvl -> setIrq(source, lvl);
    }

    // ---- register map ----

    private void defineRegisters() {
        regs.define(0x0000, 4, "BRR1", BRR1).readOnly();
        defineCpuRegisters(0x0000, -1);
        regs.define(0x1000, 4, "FRR", 0).readOnly().onRead(() ->
                ((FRR_SOURCES - 1) << 16) | ((cpuCount - 1) << 8) | VID);
        regs.define(0x1020, 4, "GCR", 0).onRead(() -> gcr).onWrite(this::writeGcr);
        regs.define(0x1080, 4, "VIR", 0).readOnly();
        regs.define(0x1090, 4, "PIR", 0).onRead(() -> 0).onWrite(v -> {
            if (v != pir) {
                LOG.debug("mpic: PIR 0x{} (core reset lines) not modelled", Integer.toHexString(v));
            }
            pir = v;
        });
        for (int i = 0; i < IPI_COUNT; i++) {
            int irq = IRQ_IPI0 + i;
            regs.define(0x10A0 + 0x10 * i, 4, "IPIVPR" + i, 0).onRead(() -> ivpr[irq])
                    .onWrite(v -> writeIvpr(irq, v));
        }
        regs.define(0x10E0, 4, "SPVR", 0).onRead(() -> spve).onWrite(v -> spve = v & VECTOR_MASK);
        regs.define(0x10F0, 4, "TFRR", 0).onRead(() -> tfrr).onWrite(v -> tfrr = v);
        for (int t = 0; t < TIMER_COUNT; t++) {
            int timer = t, irq = IRQ_TIMER0 + t, base = 0x1100 + 0x40 * t;
            regs.define(base, 4, "GTCCRA" + t, 0).onRead(() -> readTccr(timer)).onWrite(v -> {});
            regs.define(base + 0x10, 4, "GTBCRA" + t, 0).onRead(() -> tbcr[timer]).onWrite(v -> writeTbcr(timer, v));
            regs.define(base + 0x20, 4, "GTVPRA" + t, 0).onRead(() -> ivpr[irq]).onWrite(v -> writeIvpr(irq, v));
            regs.define(base + 0x30, 4, "GTDRA" + t, 0).onRead(() -> idr[irq]).onWrite(v -> writeIdr(irq, v));
        }
        for (int s = 0; s < msir.length; s++) {
            int srs = s;
            regs.define(0x1600 + 0x10 * s, 4, "MSIR" + s, 0).onRead(() -> readMsir(srs)).readSideEffects()
                    .onWrite(v -> {});
        }
        regs.define(0x1720, 4, "MSISR", 0).readOnly().onRead(() -> {
            int r = 0;
            for (int s = 0; s < msir.length; s++) {
                r |= (msir[s] != 0 ? 1 : 0) << s;
            }
            return r;
        });
        regs.define(0x1740, 4, "MSIIR", 0).onRead(() -> 0).onWrite(this::writeMsiir);
        for (int n = 0; n < MAX_SOURCES; n++) {
            int irq = n, base = 0x10000 + 0x20 * n;
            regs.define(base, 4, "IVPR" + n, 0).onRead(() -> ivpr[irq]).onWrite(v -> writeIvpr(irq, v));
            regs.define(base + 0x10, 4, "IDR" + n, 0).onRead(() -> idr[irq]).onWrite(v -> writeIdr(irq, v));
            regs.define(base + 0x18, 4, "ILR" + n, 0).onRead(() -> output[irq]).onWrite(v -> writeIlr(irq, v));
        }
        for (int c = 0; c < cpuCount; c++) {
            defineCpuRegisters(0x20000 + 0x1000 * c, c);
        }
    }

    /** The per-CPU registers at {@code base}; {@code cpu} -1 is the "current CPU" window. */
    private void defineCpuRegisters(int base, int cpu) {
        String p = cpu < 0 ? "" : "P" + cpu + ".";
        IntSupplier who = cpu < 0 ? currentCpu : () -> cpu;
        for (int i = 0; i < IPI_COUNT; i++) {
            int ipi = i;
            regs.define(base + 0x40 + 0x10 * i, 4, p + "IPIDR" + i, 0).onRead(() -> 0xFFFFFFFF)
                    .onWrite(v -> dispatchIpi(who.getAsInt(), ipi, v));
        }
        regs.define(base + 0x80, 4, p + "CTPR", 0).onRead(() -> withCpu(who, c -> ctpr[c]))
                .onWrite(v -> {
                    int c = who.getAsInt();
                    if (c >= 0 && c < cpuCount) {
                        writeCtpr(c, v);
                    }
                });
        regs.define(base + 0x90, 4, p + "WHOAMI", 0).onRead(() -> withCpu(who, c -> c)).onWrite(v -> {});
        regs.define(base + 0xA0, 4, p + "IACK", 0).onRead(() -> withCpu(who, this::iack)).readSideEffects()
                .onWrite(v -> {});
        regs.define(base + 0xB0, 4, p + "EOI", 0).onRead(() -> withCpu(who, c -> 0)).onWrite(v -> {
            int c = who.getAsInt();
            if (c >= 0 && c < cpuCount) {
                eoi(c);
            }
        });
    }

    private int withCpu(IntSupplier who, java.util.function.IntUnaryOperator f) {
        int c = who.getAsInt();
        return c >= 0 && c < cpuCount ? f.applyAsInt(c) : 0xFFFFFFFF;
    }

    @Override
    public long read(long offset, int size) {
        if (offset >= 0x3800 && offset < 0x4000) {
            return 0; // summary registers (EISR/EIMR): not modelled, read as 0 like QEMU
        }
        return regs.read(offset, size);
    }

    @Override
    public void write(long offset, int size, long value) {
        regs.write(offset, size, value);
    }

    // ---- reset and global registers ----

    /** The MPIC's reset (also what GCR[RST] does): all sources masked and directed to CPU 0, timers inhibited. */
    public void reset() {
        gcr = 0;
        pir = 0;
        spve = VECTOR_MASK;
        tfrr = 0;
        for (int i = 0; i < TOTAL_IRQS; i++) {
            ivpr[i] = IVPR_MASK;
            if (type[i] == TYPE_NORMAL) {
                level[i] = false;
            } else if (type[i] == TYPE_FSL_INTERNAL) {
                ivpr[i] |= IVPR_POLARITY;
            }
            if (!level[i]) {
                pending[i] = false; // a level source keeps its input level through the reset
            }
            output[i] = OUTPUT_INT;
            lastCpu[i] = 0;
            writeIdr(i, i >= IRQ_IPI0 && i < IRQ_TIMER0 ? 0 : 1);
        }
        for (int c = 0; c < cpuCount; c++) {
            ctpr[c] = 15;
            java.util.Arrays.fill(raised[c], 0);
            java.util.Arrays.fill(servicing[c], 0);
            for (int o = 0; o < 3; o++) {
                outputsActive[c][o] = 0;
                setOutputLevel(c, o, false);
            }
        }
        for (int t = 0; t < TIMER_COUNT; t++) {
            tccr[t] = 0;
            tbcr[t] = TBCR_CI;
            clock.cancel(timerEvents[t]);
        }
        java.util.Arrays.fill(msir, 0);
    }

    private void writeGcr(int v) {
        if ((v & GCR_RESET) != 0) {
            reset();
            return;
        }
        gcr = (gcr & ~GCR_MODE_MASK) | (v & GCR_MODE_MASK);
        if ((gcr & GCR_MODE_MASK) == GCR_MODE_MASK) {
            LOG.debug("mpic: external proxy mode selected; the core still uses IACK");
        }
    }

    // ---- source registers ----

    private void writeIvpr(int n, int v) {
        int mask = IVPR_MASK | IVPR_PRIORITY | IVPR_SENSE | IVPR_POLARITY | VECTOR_MASK;
        ivpr[n] = (ivpr[n] & IVPR_ACTIVITY) | (v & mask);
        switch (type[n]) {
            case TYPE_NORMAL -> level[n] = (ivpr[n] & IVPR_SENSE) != 0;
            case TYPE_FSL_INTERNAL -> ivpr[n] &= ~IVPR_SENSE;
            default -> ivpr[n] &= ~(IVPR_POLARITY | IVPR_SENSE);
        }
        updateIrq(n);
    }

    private void writeIdr(int n, int v) {
        idr[n] = v & ((int) ((1L << cpuCount) - 1));
        destMask[n] = idr[n];
    }

    private void writeIlr(int n, int v) {
        int target = v & 0xFF;
        if (target > OUTPUT_MACHINE_CHECK) {
            LOG.debug("mpic: unsupported ILR INTTGT {} for source {}, using INT", target, n);
            target = OUTPUT_INT;
        }
        output[n] = target;
    }

    private int readMsir(int srs) {
        int r = msir[srs];
        msir[srs] = 0;
        setIrq(IRQ_MSI0 + srs, false);
        return r;
    }

    private void writeMsiir(int v) {
        int srs = v >>> 29;
        int ibs = (v >>> 24) & 0x1F;
        msir[srs] |= 1 << ibs;
        setIrq(IRQ_MSI0 + srs, true);
    }

    // ---- delivery ----

    private void setIrq(int n, boolean lvl) {
        if (level[n]) {
            pending[n] = lvl;
            updateIrq(n);
        } else if (lvl) {
            pending[n] = true;
            updateIrq(n);
            if (output[n] != OUTPUT_INT) {
                // an edge on a non-INT output is a pulse, not a latched request
                pending[n] = false;
                updateIrq(n);
            }
        }
    }

    private int priority(int n) {
        return (ivpr[n] & IVPR_PRIORITY) >>> 16;
    }

    /** Re-evaluates source {@code n} after its input or its registers changed. */
    private void updateIrq(int n) {
        boolean active = pending[n] && (ivpr[n] & IVPR_MASK) == 0;
        boolean wasActive = (ivpr[n] & IVPR_ACTIVITY) != 0;
        if (!active && !wasActive) {
            return;
        }
        if (active) {
            ivpr[n] |= IVPR_ACTIVITY;
        } else {
            ivpr[n] &= ~IVPR_ACTIVITY;
        }
        int dest = destMask[n];
        if (dest == 0) {
            return;
        }
        if (dest == 1 << lastCpu[n]) {
            localPipe(lastCpu[n], n, active, wasActive);
        } else if ((ivpr[n] & IVPR_MODE) == 0) {
            for (int c = 0; c < cpuCount; c++) {
                if ((dest & (1 << c)) != 0) {
                    localPipe(c, n, active, wasActive);
                }
            }
        } else {
            for (int i = 1; i <= cpuCount; i++) {
                int c = (lastCpu[n] + i) % cpuCount;
                if ((dest & (1 << c)) != 0) {
                    localPipe(c, n, active, wasActive);
                    lastCpu[n] = c;
                    break;
                }
            }
        }
    }

    private void localPipe(int cpu, int n, boolean active, boolean wasActive) {
        int out = output[n];
        if (out != OUTPUT_INT) {
            // critical and machine check outputs ignore priority, IACK and EOI
            if (active && !wasActive && outputsActive[cpu][out]++ == 0) {
                setOutputLevel(cpu, out, true);
            } else if (!active && wasActive && --outputsActive[cpu][out] == 0) {
                setOutputLevel(cpu, out, false);
            }
            return;
        }
        // raised even when its priority is too low, in case CTPR is lowered later
        if (active) {
            setBit(raised[cpu], n);
        } else {
            clearBit(raised[cpu], n);
        }
        setOutputLevel(cpu, OUTPUT_INT, shouldSignal(cpu));
    }

    /** True when the highest raised interrupt beats CTPR and every interrupt in service. */
    private boolean shouldSignal(int cpu) {
        int r = highest(raised[cpu]);
        if (r < 0 || priority(r) <= ctpr[cpu]) {
            return false;
        }
        int s = highest(servicing[cpu]);
        return s < 0 || priority(r) > priority(s);
    }

    private void writeCtpr(int cpu, int v) {
        ctpr[cpu] = v & 0xF;
        setOutputLevel(cpu, OUTPUT_INT, shouldSignal(cpu));
    }

    private int iack(int cpu) {
        int n = highest(raised[cpu]);
        if (n < 0) {
            setOutputLevel(cpu, OUTPUT_INT, false);
            return spve;
        }
        if ((ivpr[n] & IVPR_ACTIVITY) == 0 || priority(n) <= ctpr[cpu]) {
            // nothing deliverable (e.g. IACK read while the output is low): spurious, nothing taken
            updateIrq(n);
            setOutputLevel(cpu, OUTPUT_INT, shouldSignal(cpu));
            return spve;
        }
        setBit(servicing[cpu], n);
        int ret = ivpr[n] & VECTOR_MASK;
        if (!level[n]) {
            ivpr[n] &= ~IVPR_ACTIVITY;
            pending[n] = false;
            clearBit(raised[cpu], n);
        }
        if (n >= IRQ_IPI0) {
            // IPIs and timers are multicast: deliver to the CPUs that have not taken it yet
            destMask[n] &= ~(1 << cpu);
            if (destMask[n] != 0 && !level[n]) {
                setIrq(n, true);
                ivpr[n] |= IVPR_ACTIVITY;
            }
        }
        setOutputLevel(cpu, OUTPUT_INT, shouldSignal(cpu));
        return ret;
    }

    private void eoi(int cpu) {
        int s = highest(servicing[cpu]);
        if (s < 0) {
            return;
        }
        clearBit(servicing[cpu], s);
        setOutputLevel(cpu, OUTPUT_INT, shouldSignal(cpu));
    }

    private void dispatchIpi(int fromCpu, int ipi, int targets) {
        if (fromCpu < 0 || fromCpu >= cpuCount) {
            return;
        }
        int n = IRQ_IPI0 + ipi;
        destMask[n] |= targets & ((int) ((1L << cpuCount) - 1));
        setIrq(n, true);
    }

    private void setOutputLevel(int cpu, int which, boolean lvl) {
        if (outputLevel[cpu][which] != lvl) {
            outputLevel[cpu][which] = lvl;
            outputs[cpu][which].set(lvl);
        }
    }

    /** The raised or in-service source with the highest priority (lowest number on ties), or -1. */
    private int highest(long[] q) {
        int best = -1, bestPriority = -1;
        for (int w = 0; w < q.length; w++) {
            long bits = q[w];
            while (bits != 0) {
                int n = 64 * w + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (priority(n) > bestPriority) {
                    best = n;
                    bestPriority = priority(n);
                }
            }
        }
        return best;
    }

    private static void setBit(long[] q, int n) {
        q[n >>> 6] |= 1L << n;
    }

    private static void clearBit(long[] q, int n) {
        q[n >>> 6] &= ~(1L << n);
    }

    // ---- global timers ----

    private int readTccr(int t) {
        TimerEvent e = timerEvents[t];
        if (!e.isScheduled()) {
            return tccr[t];
        }
        long now = clock.nowNs();
        if (e.deadlineNs() <= now) {
            timerExpired(t); // the machine loop has not run the event yet
        }
        if (!e.isScheduled()) {
            return tccr[t];
        }
        long used = (now - timerOrigin[t]) / NS_PER_TICK;
        int count = (int) ((tccr[t] & ~TCCR_TOG) - used);
        return (tccr[t] & TCCR_TOG) | (count & ~TCCR_TOG);
    }

    private void writeTbcr(int t, int v) {
        int old = tbcr[t];
        if (((old ^ v) & TBCR_CI) != 0) {
            if ((v & TBCR_CI) == 0) {
                // counting starts from the base count, with the toggle bit cleared
                tccr[t] = v & ~TCCR_TOG;
                startTimer(t, clock.nowNs());
            } else {
                tccr[t] = readTccr(t); // counting stops and the count holds
                clock.cancel(timerEvents[t]);
            }
        }
        tbcr[t] = v;
    }

    private void startTimer(int t, long originNs) {
        long count = tccr[t] & ~TCCR_TOG & 0xFFFFFFFFL;
        if (count == 0) {
            // a zero count would expire continuously; like QEMU, the timer does not run
            clock.cancel(timerEvents[t]);
            return;
        }
        timerOrigin[t] = originNs;
        clock.schedule(timerEvents[t], originNs + count * NS_PER_TICK);
    }

    /** The count reached zero: toggle, reload from the base count, raise the timer's (edge) interrupt. */
    private void timerExpired(int t) {
        long origin = timerEvents[t].deadlineNs();
        int toggle = (tccr[t] & TCCR_TOG) ^ TCCR_TOG;
        long base = tbcr[t] & ~TBCR_CI & 0xFFFFFFFFL;
        long now = clock.nowNs();
        if (base != 0 && now >= origin + base * NS_PER_TICK) {
            // more periods passed before anyone looked: the interrupt is latched once, the count is exact
            long periods = (now - origin) / (base * NS_PER_TICK);
            origin += periods * base * NS_PER_TICK;
            toggle ^= (int) (periods & 1) << 31;
        }
        tccr[t] = (int) base | toggle;
        startTimer(t, origin);
        int n = IRQ_TIMER0 + t;
        destMask[n] = idr[n];
        setIrq(n, true);
    }
}
