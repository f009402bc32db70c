package dev.partita.machine;

import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Everything needed to build a {@link Machine}; the CLI's options map onto it one to one.
 * Paths may be null when the option was not given.
 */
public final class MachineConfig {
    public long ramSize = 128L << 20;
    public Path bios;
    public Path kernel;
    public Path initrd;
    public String append = "";
    public Path dtb;
    /** -1: real time; 0..10: deterministic, guest time = instructions << shift nanoseconds. */
    public int icountShift = -1;
    /** Where UART0's output goes (in addition to the machine's console buffer); null for nowhere. */
    public OutputStream serialOutput;
    /** When true, a guest reset ends the run ({@link StopReason#RESET}); otherwise the machine restarts. */
    public boolean noReboot = true;
    /** "interp", or an engine a translator module registers. */
    public String engine = "interp";
    /**
     * Time the RTC shows at reset, in milliseconds since 1970-01-01T00:00Z; it then advances with guest
     * time. Null: host time with a real-time clock, {@link Machine#DETERMINISTIC_RTC_EPOCH_MS} with a
     * deterministic one (so runs repeat exactly).
     */
    public Long rtcBaseMillis;
    /** When non-null, every instruction from {@link #traceFrom} on is logged here (slow; for debugging). */
    public java.io.PrintStream trace;
    /** Instruction count from which {@link #trace} starts logging. */
    public long traceFrom;

    public MachineConfig ramSize(long bytes) {
        this.ramSize = bytes;
        return this;
    }

    public MachineConfig bios(Path p) {
        this.bios = p;
        return this;
    }

    public MachineConfig kernel(Path p) {
        this.kernel = p;
        return this;
    }

    public MachineConfig deterministic(int shift) {
        this.icountShift = shift;
        return this;
    }

    public MachineConfig serialOutput(OutputStream out) {
        this.serialOutput = out;
        return this;
    }
}
