package dev.partita.machine;

import dev.partita.cpu.Cpu;
import dev.partita.cpu.Engine;
import dev.partita.cpu.Interpreter;
import dev.partita.memory.PhysicalBus;
import dev.partita.memory.Ram;
import dev.partita.time.VirtualClock;
import java.io.ByteArrayOutputStream;

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
    static final long MAX_SLICE = 20_000;

    private final MachineConfig config;
    private final PhysicalBus bus = new PhysicalBus();
    private final VirtualClock clock;
    private final Cpu cpu;
    private final Engine engine;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private volatile boolean stopRequested;
    private StopReason pendingStop;

    public Machine(MachineConfig config) {
        this.config = config;
        long ram = config.ramSize;
        for (long base = 0; base < ram; base += Ram.MAX_CHUNK) {
            bus.addRam("ram", base, new Ram((int) Math.min(Ram.MAX_CHUNK, ram - base)));
        }
        Cpu[] holder = new Cpu[1];
        this.clock = config.icountShift >= 0
                ? VirtualClock.deterministic(() -> holder[0].icount, config.icountShift)
                : VirtualClock.realTime();
        this.cpu = new Cpu(bus, clock);
        holder[0] = cpu;
        this.engine = new Interpreter();
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
                return r;
            }
            if (cpu.icount >= limit) {
                return StopReason.INSTRUCTION_LIMIT;
            }
            clock.runDue();
            cpu.pollInterrupts();
            long slice = Math.min(MAX_SLICE, limit - cpu.icount);
            cpu.sliceEnd = cpu.icount + slice;
            engine.run(cpu);
        }
    }
}
