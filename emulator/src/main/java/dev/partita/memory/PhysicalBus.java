package dev.partita.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The 36-bit physical address space of a machine: RAM chunks and device windows that never overlap.
 *
 * <p>{@link #find} returns the region holding an address or {@code null} for an unmapped one; the
 * caller (the MMU's slow path, a DMA engine, the loader) decides what an unmapped access means.
 * The map is built before the machine runs and is immutable afterwards.
 */
public final class PhysicalBus {
    public static final long ADDRESS_LIMIT = 1L << 36;

    private final List<Region> regions = new ArrayList<>();
    private Region[] sorted = new Region[0];
    private Region last;

    public Region addRam(String name, long base, Ram ram) {
        return add(new Region(name, base, ram.size(), ram, null));
    }

    public Region addDevice(String name, long base, long size, MmioDevice device) {
        return add(new Region(name, base, size, null, device));
    }

    private Region add(Region r) {
        if (r.base < 0 || r.size <= 0 || r.end() > ADDRESS_LIMIT) {
            throw new IllegalArgumentException("region outside the 36-bit physical space: " + r);
        }
        for (Region o : regions) {
            if (r.base < o.end() && o.base < r.end()) {
                throw new IllegalArgumentException("region " + r + " overlaps " + o);
            }
        }
        regions.add(r);
        sorted = regions.toArray(new Region[0]);
        java.util.Arrays.sort(sorted, Comparator.comparingLong(x -> x.base));
        return r;
    }

    /** The region holding {@code pa}, or {@code null} when nothing is mapped there. */
    public Region find(long pa) {
        Region l = last;
        if (l != null && l.contains(pa)) {
            return l;
        }
        Region[] s = sorted;
        int lo = 0, hi = s.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Region r = s[mid];
            if (pa < r.base) {
                hi = mid - 1;
            } else if (pa >= r.end()) {
                lo = mid + 1;
            } else {
                last = r;
                return r;
            }
        }
        return null;
    }

    public List<Region> regions() {
        return List.of(sorted);
    }

    /** Copies bytes into RAM (for loaders); throws IllegalArgumentException if any byte is not RAM. */
    public void writeBytes(long pa, byte[] data, int off, int len) {
        while (len > 0) {
            Region r = find(pa);
            if (r == null || r.ram == null) {
                throw new IllegalArgumentException(String.format("physical address 0x%x is not RAM", pa));
            }
            int start = (int) (pa - r.base);
            int n = (int) Math.min(len, r.size - start);
            System.arraycopy(data, off, r.ram.bytes, start, n);
            r.ram.written(start, n);
            pa += n;
            off += n;
            len -= n;
        }
    }

    /** Reads bytes from RAM (for tests and dumps); throws IllegalArgumentException if any byte is not RAM. */
    public byte[] readBytes(long pa, int len) {
        byte[] out = new byte[len];
        int off = 0;
        while (off < len) {
            Region r = find(pa);
            if (r == null || r.ram == null) {
                throw new IllegalArgumentException(String.format("physical address 0x%x is not RAM", pa));
            }
            int start = (int) (pa - r.base);
            int n = (int) Math.min(len - off, r.size - start);
            System.arraycopy(r.ram.bytes, start, out, off, n);
            pa += n;
            off += n;
        }
        return out;
    }
}
