package dev.partita.cpu;

import dev.partita.memory.PhysicalBus;
import java.util.List;

/**
 * Makes {@link Engine}s other than the interpreter; a translator module registers one as a
 * {@link java.util.ServiceLoader} service ({@code META-INF/services/dev.partita.cpu.EngineFactory}).
 */
public interface EngineFactory {
    /** The engine names this factory makes, e.g. {@code jit} and {@code auto}. */
    List<String> names();

    /** A new engine {@code name} (one of {@link #names}) for {@code cpu}, whose RAM is on {@code bus}. */
    Engine create(String name, Cpu cpu, PhysicalBus bus);
}
