package dev.partita.firmware;

import dev.partita.machine.Machine;
import dev.partita.machine.MachineConfig;
import dev.partita.machine.StopReason;
import java.nio.file.Path;

/**
 * Runs a guest ELF in-process on Partita's ppce500 machine (256 MiB, deterministic time) and returns
 * its console. Runs in slices so that a guest that never prints fails fast instead of burning the
 * whole budget.
 */
final class PartitaRunner {
    /** Upper bound on guest instructions; the slowest program (the timer waits) needs far fewer. */
    static final long MAX_INSTRUCTIONS = Long.getLong("partita.maxInstructions", 2_000_000_000L);
    /** Every program prints its first line within a few million instructions. */
    static final long SILENT_LIMIT = 200_000_000L;
    private static final long SLICE = 50_000_000L;

    /** The execution engine the guest tests run on: {@code -Dpartita.engine=interp|jit|auto} (default auto, the CLI's default). */
    static final String ENGINE = System.getProperty("partita.engine", "auto");

    private PartitaRunner() {}

    record Result(StopReason reason, String console) {}

    static Result run(Path elf) throws dev.partita.machine.ImageException {
        MachineConfig cfg = new MachineConfig().ramSize(256L << 20).bios(elf).deterministic(0);
        cfg.engine = ENGINE;
        Machine m = new Machine(cfg);
        long done = 0;
        StopReason r = StopReason.INSTRUCTION_LIMIT;
        while (done < MAX_INSTRUCTIONS) {
            long n = Math.min(SLICE, MAX_INSTRUCTIONS - done);
            r = m.run(n);
            done += n;
            if (r != StopReason.INSTRUCTION_LIMIT || (done >= SILENT_LIMIT && m.consoleText().isEmpty())) {
                break;
            }
        }
        return new Result(r, m.consoleText());
    }
}
