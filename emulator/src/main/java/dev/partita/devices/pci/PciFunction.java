package dev.partita.devices.pci;

/**
 * One function of a PCI device as the bus sees it: its 256-byte configuration space (PCI Local Bus
 * Specification 3.0, chapter 6) and, for each memory or I/O BAR it decodes, the accesses that hit it.
 *
 * <p>Configuration accesses are little-endian within the space (offset 0 is the low byte of the vendor
 * ID); {@code size} is 1, 2 or 4 and {@code offset} is aligned to it. Accesses never throw.
 */
public interface PciFunction {
    /** Reads {@code size} bytes of configuration space at {@code offset}, little-endian. */
    int configRead(int offset, int size);

    /** Writes {@code size} bytes of configuration space at {@code offset}, little-endian. */
    void configWrite(int offset, int size, int value);

    /**
     * The BAR that decodes bus address {@code address} in memory space ({@code io} false) or I/O space,
     * or -1; only enabled decoders (COMMAND[MEM] or COMMAND[IO]) answer.
     */
    default int decode(long address, boolean io) {
        return -1;
    }

    /** A read of {@code size} bytes at {@code offset} into BAR {@code bar}, in bus (little-endian) order. */
    default long barRead(int bar, long offset, int size) {
        return 0;
    }

    /** A write of {@code size} bytes at {@code offset} into BAR {@code bar}. */
    default void barWrite(int bar, long offset, int size, long value) {}

    /** Back to the power-on state. */
    default void reset() {}
}
