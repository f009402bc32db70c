package dev.partita.machine;

import dev.partita.cpu.Cpu;
import dev.partita.cpu.Engine;
import dev.partita.memory.PhysicalBus;
import dev.partita.memory.Ram;
import dev.partita.time.VirtualClock;
import dev.partita.devices.Guts;
import dev.partita.devices.Mpic;
import dev.partita.devices.Ns16550;
import dev.partita.devices.FslGpio;
import dev.partita.devices.i2c.Ds1338Rtc;
import dev.partita.devices.i2c.FslI2c;
import dev.partita.devices.i2c.I2cBus;
import dev.partita.devices.pci.E500HostBridge;
import dev.partita.devices.pci.FslPciController;
import dev.partita.devices.pci.PciBus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A ppce500-compatible machine: one e500v2 core, RAM at physical 0, the CCSR devices, a generated
 * device tree, and the loop that runs the core between timer events.
 *
 * <p>Use: build it from a {@link MachineConfig} (which loads the images and prepares the boot state
 * as QEMU's e500 board does), then call {@link #run} as often as needed; read the console with
 * {@link #consoleText}. Everything runs on the calling thread except {@link #requestStop}.
 */
public final class Machine {
    /** Largest number of instructions the core runs before the machine looks at timers and devices. */
    static final long MAX_SLICE = 200_000;

    private final MachineConfig config;
    private final PhysicalBus bus = new PhysicalBus();
    private final VirtualClock clock;
    private final Cpu cpu;
    private final Engine engine;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private volatile boolean stopRequested;
    private StopReason pendingStop;

    /** Smallest and largest RAM the board accepts. */
    public static final long MIN_RAM = 16L << 20, MAX_RAM = 3L << 30;

    private final BootLoader loader;
    private BootLoader.Placement placement;
    private byte[] dtb;

    /**
     * Builds the machine and loads its images; the core is ready to run at the payload's entry point.
     *
     * @throws ImageException when an image is missing or malformed, or the configuration is unusable
     */
    public Machine(MachineConfig config) throws ImageException {
        this.config = config;
        long ram = config.ramSize;
        if (ram < MIN_RAM || ram > MAX_RAM || (ram & 0xFFFFF) != 0) {
            throw new ImageException("RAM size must be a whole number of MiB from 16 MiB to 3 GiB, not " + ram + " bytes");
        }
        for (long base = 0; base < ram; base += Ram.MAX_CHUNK) {
            bus.addRam("ram", base, new Ram((int) Math.min(Ram.MAX_CHUNK, ram - base)));
        }
        Cpu[] holder = new Cpu[1];
        this.clock = config.icountShift >= 0
                ? VirtualClock.deterministic(() -> holder[0].icount, config.icountShift)
                : VirtualClock.realTime();
        this.cpu = new Cpu(bus, clock);
        holder[0] = cpu;
        Engine e = Engines.create(config.engine, cpu, bus);
        this.engine = config.trace != null ? new TraceEngine(e, config.trace, config.traceFrom) : e;
        addDevices();
        this.loader = new BootLoader(bus, ram);
        loadImages();
        resetCpu();
    }

    /** The RTC's time at reset in deterministic runs without an explicit base: 2025-01-01T00:00:00Z. */
    public static final long DETERMINISTIC_RTC_EPOCH_MS = 1_735_689_600_000L;

    private Mpic mpic;
    private Ns16550 uart0;
    private Guts guts;
    private FslI2c i2c;
    private Ds1338Rtc rtc;
    private FslGpio gpio;
    private FslPciController pci;

    /** Maps the ppce500 CCSR devices at QEMU's offsets and wires their interrupts to the MPIC. */
    private void addDevices() {
        long ccsr = Ppce500.CCSR_BASE;
        mpic = new Mpic(clock, level -> {
            cpu.externalInput = level;
            cpu.requestExit();
        });
        bus.addDevice("mpic", ccsr + Ppce500.MPIC_OFFSET, Ppce500.MPIC_SIZE, mpic);
        uart0 = new Ns16550("uart0", clock, mpic.input(Ppce500.IRQ_UART), this::consoleByte,
                cpu::requestExit, Ns16550.PPCE500_BAUD_BASE);
        bus.addDevice("uart0", ccsr + Ppce500.UART0_OFFSET, Ppce500.UART_SIZE, uart0);
        guts = new Guts(Ppce500.PVR_E500V2, 0, () -> stop(StopReason.RESET));
        bus.addDevice("guts", ccsr + Ppce500.GUTS_OFFSET, Ppce500.GUTS_SIZE, guts);
        cpu.timers.setWatchdogResetAction(() -> stop(StopReason.RESET));
        cpu.resetHandler = () -> stop(StopReason.RESET);

        I2cBus i2cBus = new I2cBus();
        rtc = new Ds1338Rtc(rtcTimeSource());
        i2cBus.attach(Ds1338Rtc.ADDRESS, rtc);
        i2c = new FslI2c(i2cBus, mpic.input(Ppce500.IRQ_I2C));
        bus.addDevice("i2c", ccsr + Ppce500.I2C_OFFSET, FslI2c.WINDOW_SIZE, i2c);

        gpio = FslGpio.ppce500(mpic.input(Ppce500.IRQ_GPIO), () -> stop(StopReason.POWER_OFF));
        bus.addDevice("gpio", ccsr + Ppce500.GPIO_OFFSET, Ppce500.GPIO_SIZE, gpio);

        PciBus pciBus = new PciBus();
        pciBus.attach(0, 0, new E500HostBridge(Ppce500.CCSR_SIZE));
        pci = new FslPciController(pciBus);
        bus.addDevice("pci", ccsr + Ppce500.PCI_OFFSET, Ppce500.PCI_SIZE, pci);
        bus.addDevice("pci-mem", Ppce500.PCI_MMIO_BASE, Ppce500.PCI_MMIO_SIZE, pci.window(Ppce500.PCI_MMIO_BASE));
        bus.addDevice("pci-io", Ppce500.PCI_IO_BASE, Ppce500.PCI_IO_SIZE, pci.window(Ppce500.PCI_IO_BASE));
    }

    /** Milliseconds since the epoch the RTC counts from: host time, or a base plus guest time. */
    private java.util.function.LongSupplier rtcTimeSource() {
        Long base = config.rtcBaseMillis;
        if (base == null && !clock.isDeterministic()) {
            return System::currentTimeMillis;
        }
        long b = base != null ? base : DETERMINISTIC_RTC_EPOCH_MS;
        return () -> b + clock.nowNs() / 1_000_000L;
    }

    private void consoleByte(int b) {
        synchronized (console) {
            console.write(b);
        }
        OutputStream out = config.serialOutput;
        if (out != null) {
            try {
                out.write(b);
            } catch (IOException e) {
                // the host side of the console went away; the guest keeps running
            }
        }
    }

    private void loadImages() throws ImageException {
        placement = loader.load(config);
        if (dtb == null) {
            dtb = config.dtb != null ? DeviceTrees.readUserDtb(config.dtb) : DeviceTrees.generate(layout());
        }
        loader.placeDtb(placement.dtBase(), dtb);
    }

    /** The per-run facts the device tree is generated from. */
    public BoardLayout layout() {
        BootLoader.Placement p = placement;
        return new BoardLayout(config.ramSize, 1, config.append == null ? "" : config.append,
                p.initrdStart(), p.initrdStart() < 0 ? -1 : p.initrdStart() + p.initrdSize(),
                p.kernelStart(), p.kernelSize());
    }

    /** The device tree blob handed to the guest. */
    public byte[] deviceTreeBlob() {
        return dtb.clone();
    }

    /** Physical address of the device tree in guest RAM (the value in r3 at entry). */
    public long deviceTreeAddress() {
        return placement.dtBase();
    }

    /**
     * Puts the core in the state QEMU's e500 board gives it (ppce500_cpu_reset): r1 = 16 MiB - 8,
     * r3 = device tree, r6 = ePAPR magic, r7 = size of the initial mapping, MSR = 0, pc = entry, and
     * TLB1 entry 0 mapping EA 0 to PA 0 with all permissions, large enough to cover the device tree
     * as QEMU sizes it ({@link #qemuDtSize}).
     */
    private void resetCpu() {
        Cpu c = cpu;
        java.util.Arrays.fill(c.gpr, 0);
        java.util.Arrays.fill(c.gprHigh, 0);
        dev.partita.cpu.Sprs.reset(c);      // power-on SPR values (L1CFG0/1, SVR...), not all zeros
        c.cr = 0;
        c.setXer(0);
        c.lr = 0;
        c.ctr = 0;
        c.setMsr(0);
        c.reservationValid = false;
        c.externalInput = c.criticalInput = c.machineCheckInput = false;
        c.mmu.reset();
        c.timers.reset();
        long dtEnd = placement.dtBase() + qemuDtSize();
        int log2KiB = 63 - Long.numberOfLeadingZeros(dtEnd >>> 10) + 1;
        if ((log2KiB & 1) != 0) {
            log2KiB++;
        }
        long mapSize = 1L << (10 + log2KiB);
        int mas1 = 0x80000000 | ((log2KiB / 2) << 8);
        int mas3 = 0x3F; // UX SX UW SW UR SR
        c.mmu.setTlb1Entry(0, mas1, 0, mas3, 0);
        c.gpr[1] = (16 << 20) - 8;
        c.gpr[3] = (int) placement.dtBase();
        c.gpr[6] = 0x45504150;
        c.gpr[7] = (int) mapSize;
        c.pc = (int) placement.entry();
    }

    /**
     * The device tree size QEMU's e500 board bases the initial mapping (r7) on: the 1 MiB buffer its
     * generated tree lives in, or for a -dtb file the buffer it opens the file into, (file size + 10000) * 2.
     */
    private long qemuDtSize() {
        return config.dtb != null ? (dtb.length + 10_000L) * 2 : 1L << 20;
    }

    /** Restarts the machine as a guest-requested reset does: images reloaded, core reset. */
    public void reset() throws ImageException {
        mpic.reset();
        uart0.reset();
        i2c.reset();
        gpio.reset();
        pci.reset();
        loadImages();
        resetCpu();
    }

    /** The engine executing guest code (its {@link Engine#stats} for --stats). */
    public Engine engine() {
        return engine;
    }

    public Cpu cpu() {
        return cpu;
    }

    public PhysicalBus bus() {
        return bus;
    }

    public VirtualClock clock() {
        return clock;
    }

    /** Everything UART0 has transmitted so far, as ISO-8859-1 text. */
    public String consoleText() {
        synchronized (console) {
            return console.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** Queues bytes typed on the host for the console UART; callable from any thread. */
    public void sendConsoleInput(byte[] bytes) {
        uart0.receive(bytes);
    }

    /** Ends the current or next {@link #run} with {@link StopReason#STOPPED}; callable from any thread. */
    public void requestStop() {
        stopRequested = true;
        cpu.requestExit();
    }

    /** Called by devices (GUTS reset, GPIO power-off) to end the run after the current instruction. */
    public void stop(StopReason reason) {
        pendingStop = reason;
        cpu.requestExit();
    }

    /** Runs until the guest stops the machine, or for at most {@code maxInstructions}. */
    public StopReason run(long maxInstructions) {
        long limit = maxInstructions == Long.MAX_VALUE ? Long.MAX_VALUE : cpu.icount + maxInstructions;
        while (true) {
            if (stopRequested) {
                stopRequested = false;
                return StopReason.STOPPED;
            }
            if (pendingStop != null) {
                StopReason r = pendingStop;
                pendingStop = null;
                if (r == StopReason.RESET && !config.noReboot) {
                    try {
                        reset();
                        continue;
                    } catch (ImageException e) {
                        return StopReason.RESET;
                    }
                }
                return r;
            }
            if (cpu.icount >= limit) {
                return StopReason.INSTRUCTION_LIMIT;
            }
            clock.runDue();
            uart0.service();
            cpu.pollInterrupts();
            long slice = Math.min(MAX_SLICE, limit - cpu.icount);
            if (clock.isDeterministic()) {
                long toDeadline = clock.nextDeadlineNs() - clock.nowNs();
                if (toDeadline < Long.MAX_VALUE / 2) {
                    long insns = Math.max(1, (toDeadline + (1L << clock.shift()) - 1) >> clock.shift());
                    slice = Math.min(slice, insns);
                }
            }
            cpu.sliceEnd = cpu.icount + slice;
            engine.run(cpu);
        }
    }
}
