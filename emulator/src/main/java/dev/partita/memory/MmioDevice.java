package dev.partita.memory;

/**
 * A device's register window on the physical bus.
 *
 * <p>Offsets are relative to the start of the window; {@code size} is 1, 2, 4 or 8 bytes. Values are
 * in the bus's (big-endian) byte order, right-aligned. An access must never throw: a register that
 * does not exist reads as the device defines (usually 0) and ignores writes. Calls come from the
 * thread running the CPU; devices that have host-side threads (console input) synchronise themselves.
 */
public interface MmioDevice {
    long read(long offset, int size);

    void write(long offset, int size, long value);
}
