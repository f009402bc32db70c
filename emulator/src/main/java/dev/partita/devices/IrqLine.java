package dev.partita.devices;

/** An interrupt line from a device to an interrupt controller input (level-sensitive: high = asserted). */
@FunctionalInterface
public interface IrqLine {
    IrqLine NONE = level -> {};

    void set(boolean level);
}
