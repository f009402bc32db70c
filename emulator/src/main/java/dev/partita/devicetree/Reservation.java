package dev.partita.devicetree;

/**
 * One entry of the memory reservation block: physical memory the client must not use.
 *
 * @param address first reserved byte
 * @param size    bytes reserved (never 0: a (0, 0) pair terminates the block)
 */
public record Reservation(long address, long size) {
    public Reservation {
        if (address == 0 && size == 0) {
            throw new IllegalArgumentException("(0, 0) is the reservation block terminator");
        }
    }
}
