package dev.partita.memory;

/**
 * One mapping on the physical bus: either RAM (with {@link #ram} set) or a device window
 * ({@link #device} set). {@code base} and {@code size} are 36-bit physical addresses.
 */
public final class Region {
    public final String name;
    public final long base;
    public final long size;
    public final Ram ram;
    public final MmioDevice device;

    Region(String name, long base, long size, Ram ram, MmioDevice device) {
        this.name = name;
        this.base = base;
        this.size = size;
        this.ram = ram;
        this.device = device;
    }

    public boolean contains(long pa) {
        return pa - base >= 0 && pa - base < size;
    }

    public long end() {
        return base + size;
    }

    @Override
    public String toString() {
        return String.format("%s [0x%09x-0x%09x)", name, base, base + size);
    }
}
