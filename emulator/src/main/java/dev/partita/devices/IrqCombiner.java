package dev.partita.devices;

/**
 * Several level-sensitive device lines wired to one interrupt controller input (wired-OR: the
 * output is high while any input is high). On ppce500 both UARTs share MPIC source 42:
 * {@code IrqCombiner c = new IrqCombiner(mpic.input(42), 2)}, then give {@code c.input(0)} to
 * UART0 and {@code c.input(1)} to UART1. Used on the CPU thread only.
 */
public final class IrqCombiner {
    private final IrqLine output;
    private final boolean[] levels;
    private int high;

    public IrqCombiner(IrqLine output, int inputs) {
        this.output = output;
        this.levels = new boolean[inputs];
    }

    public IrqLine input(int i) {
        if (i < 0 || i >= levels.length) {
            throw new IllegalArgumentException("no combiner input " + i);
        }
        return level -> set(i, level);
    }

    private void set(int i, boolean level) {
        if (levels[i] == level) {
            return;
        }
        levels[i] = level;
        int before = high;
        high += level ? 1 : -1;
        if ((before == 0) != (high == 0)) {
            output.set(high != 0);
        }
    }
}
