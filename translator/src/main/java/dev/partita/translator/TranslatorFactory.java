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
 * code cache's bound on live bytecode. {@code auto} builds translations on a background thread
 * ({@link JitEngine}) unless {@code partita.jit.background} is {@code false}; {@code jit} always
 * builds them on the guest thread.
 */
public final class TranslatorFactory implements EngineFactory {
    /** Entries before auto translates. */
    static final int HOT = 50;

    @Override
    public List<String> names() {
        return List.of("jit", "auto");
    }

    @Override
    public Engine create(String name, Cpu cpu, PhysicalBus bus) {
        int threshold = name.equals("jit") ? 1 : Integer.getInteger("partita.jit.threshold", HOT);
        long cache = Long.getLong("partita.jit.cacheKiB", 64 * 1024) << 10;
        boolean background = !name.equals("jit") && !"false".equals(System.getProperty("partita.jit.background"));
        return new JitEngine(name, threshold, cpu, bus, cache, background ? JitEngine.newWorker() : null);
    }
}
