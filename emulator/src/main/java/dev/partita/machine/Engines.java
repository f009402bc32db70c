package dev.partita.machine;

import dev.partita.cpu.Cpu;
import dev.partita.cpu.Engine;
import dev.partita.cpu.EngineFactory;
import dev.partita.cpu.Interpreter;
import dev.partita.memory.PhysicalBus;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds execution engines by name: the built-in interpreter and those of registered {@link EngineFactory}s. */
public final class Engines {
    private Engines() {}

    /** The names of every available engine, the interpreter first. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        out.add("interp");
        for (EngineFactory f : ServiceLoader.load(EngineFactory.class)) {
            out.addAll(f.names());
        }
        return out;
    }

    /** A new engine called {@code name}; IllegalArgumentException naming the available ones if there is none. */
    public static Engine create(String name, Cpu cpu, PhysicalBus bus) {
        if (name.equals("interp")) {
            return new Interpreter();
        }
        for (EngineFactory f : ServiceLoader.load(EngineFactory.class)) {
            if (f.names().contains(name)) {
                return f.create(name, cpu, bus);
            }
        }
        throw new IllegalArgumentException("unknown engine '" + name + "' (available: " + String.join(", ", names()) + ")");
    }
}
