package dev.partita.firmware;

import dev.partita.machine.Machine;
import dev.partita.machine.MachineConfig;
import dev.partita.machine.StopReason;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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

    /** How a run ended: the stop reason, the console, instructions executed and the engine's statistics. */
    record Result(StopReason reason, String console, long instructions, String engineStats) {
        /** The counter printed as "N label" in the engine's statistics, or -1 when it is not there. */
        long statistic(String label) {
            return PartitaRunner.statistic(engineStats, label);
        }
    }

    /** The counter printed as "N label" in {@code engineStats} (e.g. "cache flushes"), or -1 when it is not there. */
    static long statistic(String engineStats, String label) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) " + java.util.regex.Pattern.quote(label)).matcher(engineStats);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static Result run(Path elf) throws dev.partita.machine.ImageException {
        return run(elf, ENGINE, Map.of());
    }

    /** Runs {@code elf} on {@code engine}, created while the system {@code properties} are set. */
    static Result run(Path elf, String engine, Map<String, String> properties) throws dev.partita.machine.ImageException {
        Machine m = machine(elf, engine, properties);
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
        return new Result(r, m.consoleText(), m.cpu().icount, m.engine().stats());
    }

    /**
     * The test machine (256 MiB, deterministic time) for {@code elf} on {@code engine}. The system
     * {@code properties} (e.g. partita.jit.threshold, partita.jit.cacheKiB, read when the engine is
     * created) are set while the machine is built and restored afterwards.
     */
    static Machine machine(Path elf, String engine, Map<String, String> properties) throws dev.partita.machine.ImageException {
        Map<String, String> saved = new HashMap<>();
        properties.forEach((k, v) -> {
            saved.put(k, System.getProperty(k));
            System.setProperty(k, v);
        });
        try {
            MachineConfig cfg = new MachineConfig().ramSize(256L << 20).bios(elf).deterministic(0);
            cfg.engine = engine;
            return new Machine(cfg);
        } finally {
            saved.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }
}
