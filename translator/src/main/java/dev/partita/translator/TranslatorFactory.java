package dev.partita.translator;

import dev.partita.cpu.Cpu;
import dev.partita.cpu.Engine;
import dev.partita.cpu.EngineFactory;
import dev.partita.memory.PhysicalBus;
import java.util.List;

/**
 * Registers the translator's engines: {@code jit} (translate every block on its first entry) and
 * {@code auto} (interpret until an entry point has run {@link #HOT} times). System properties
 * {@code partita.jit.threshold} and {@code partita.jit.cacheKiB} override the threshold and the
 * code cache's bound on live bytecode. During a guest's first {@link #START_INSNS} instructions
 * {@code auto} uses the higher threshold {@link #START_HOT} ({@code partita.jit.startThreshold},
 * {@code partita.jit.startInsns}): while the JVM is still compiling the interpreter, translating
 * lukewarm code (and running the fresh classes in the JVM's own interpreter) costs more than it
 * gives; only code as hot as a long loop is worth it then. U-Boot's autoboot line: 0.49 s with 50
 * from the start, 0.37 s with 5000 (median of 9). {@code auto} builds translations on a background thread
 * ({@link JitEngine}) unless {@code partita.jit.background} is {@code false}; {@code jit} always
 * builds them on the guest thread.
 */
public final class TranslatorFactory implements EngineFactory {
    /** Entries before auto translates. */
    static final int HOT = 50;
    /** Entries before auto translates during start-up, and how many instructions start-up lasts. */
    static final int START_HOT = 5000;
    static final long START_INSNS = 20_000_000;

    @Override
    public List<String> names() {
        return List.of("jit", "auto");
    }

    @Override
    public Engine create(String name, Cpu cpu, PhysicalBus bus) {
        int threshold = name.equals("jit") ? 1 : Integer.getInteger("partita.jit.threshold", HOT);
        // an explicit threshold holds from the start (tests rely on it)
        boolean explicit = System.getProperty("partita.jit.threshold") != null;
        int startThreshold = name.equals("jit") ? 1
                : Integer.getInteger("partita.jit.startThreshold", explicit ? threshold : Math.max(threshold, START_HOT));
        long startInsns = Long.getLong("partita.jit.startInsns", START_INSNS);
        long cache = Long.getLong("partita.jit.cacheKiB", 64 * 1024) << 10;
        boolean background = !name.equals("jit") && !"false".equals(System.getProperty("partita.jit.background"));
        return new JitEngine(name, threshold, startThreshold, startInsns, cpu, bus, cache,
                background ? JitEngine.newWorker() : null);
    }
}
