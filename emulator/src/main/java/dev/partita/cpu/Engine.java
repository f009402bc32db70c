package dev.partita.cpu;

/**
 * Something that executes guest instructions on a {@link Cpu}: the interpreter, or a translator
 * that plugs in from another module.
 *
 * <p>Contract: {@link #run} executes instructions from {@code cpu.pc} until {@code cpu.icount}
 * reaches {@code cpu.sliceEnd} (which instructions may lower to force an early return), counting
 * each executed instruction in {@code cpu.icount}. It delivers synchronous interrupts itself and
 * leaves asynchronous ones ({@link Cpu#pollInterrupts}) and timer events to the caller. On return
 * the guest state is exactly what the interpreter would have left after the same instructions.
 */
public interface Engine {
    String name();

    void run(Cpu cpu);

    /** Statistics for {@code --stats} (one line per fact), or an empty string. */
    default String stats() {
        return "";
    }
}
