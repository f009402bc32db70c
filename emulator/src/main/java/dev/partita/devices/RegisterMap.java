package dev.partita.devices;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The register window of one device, declared once (offset, width, name, reset value, behaviour)
 * and giving the device its MMIO dispatch, its reset and the logging of unimplemented accesses.
 *
 * <p>Use: build the map in the device's constructor with {@link #define}, refine each
 * {@link Register} with its builder methods, and forward {@link dev.partita.memory.MmioDevice}
 * calls to {@link #read} and {@link #write}. Values are big-endian: a narrower access to part of a
 * register reads or writes the addressed bytes of it (a narrow write merges with the stored value,
 * then runs the register's write behaviour on the whole register); a wider access that covers
 * several registers is split into halves. (A narrow write merges with the register's current value:
 * its {@code onRead} view unless it is marked {@link Register#readSideEffects}, else its storage.) Accesses where no register is declared read
 * {@code unmappedValue} (as many bytes as asked for), ignore writes and are logged through slf4j at
 * debug level on the logger {@code dev.partita.devices.<device name>}. Nothing here throws on a
 * guest access.
 */
public final class RegisterMap {
    private final String device;
    private final int unmappedValue;
    private final Logger log;
    private Register[] registers = new Register[0];
    private int[] starts = new int[0];

    /**
     * @param device        the device's name in log messages and the logger name
     * @param unmappedValue what a read of an unimplemented location returns (per 4 bytes)
     */
    public RegisterMap(String device, int unmappedValue) {
        this.device = device;
        this.unmappedValue = unmappedValue;
        this.log = LoggerFactory.getLogger("dev.partita.devices." + device);
    }

    /** Declares a register; throws IllegalArgumentException if it overlaps one declared before. */
    public Register define(int offset, int width, String name, int resetValue) {
        Register r = new Register(offset, width, name, resetValue);
        int i = Arrays.binarySearch(starts, offset);
        if (i >= 0) {
            throw new IllegalArgumentException(device + ": " + r + " overlaps " + registers[i]);
        }
        int at = -i - 1;
        if ((at > 0 && registers[at - 1].offset + registers[at - 1].width > offset)
                || (at < registers.length && offset + width > registers[at].offset)) {
            throw new IllegalArgumentException(device + ": " + r + " overlaps a declared register");
        }
        Register[] nr = new Register[registers.length + 1];
        int[] ns = new int[starts.length + 1];
        System.arraycopy(registers, 0, nr, 0, at);
        System.arraycopy(starts, 0, ns, 0, at);
        nr[at] = r;
        ns[at] = offset;
        System.arraycopy(registers, at, nr, at + 1, registers.length - at);
        System.arraycopy(starts, at, ns, at + 1, starts.length - at);
        registers = nr;
        starts = ns;
        return r;
    }

    /** The register that starts at {@code offset}, or null. */
    public Register at(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? registers[i] : null;
    }

    /** Puts every register back to its reset value. */
    public void reset() {
        for (Register r : registers) {
            r.reset();
        }
    }

    public long read(long offset, int size) {
        Register r = find(offset);
        if (r != null && offset + size <= r.offset + r.width) {
            int shift = 8 * (r.offset + r.width - (int) offset - size);
            return ((r.read() & 0xFFFFFFFFL) >>> shift) & sizeMask(size);
        }
        if (size > 1 && overlapsAny(offset, size)) {
            int half = size / 2;
            return (read(offset, half) << (8 * half)) | read(offset + half, half);
        }
        if (log.isDebugEnabled()) {
            log.debug("{}: unimplemented read of {} bytes at 0x{}", device, size, Long.toHexString(offset));
        }
        long v = unmappedValue & 0xFFFFFFFFL;
        return (v | (v << 32)) & sizeMask(size);
    }

    public void write(long offset, int size, long value) {
        Register r = find(offset);
        if (r != null && offset + size <= r.offset + r.width) {
            int v;
            if (size == r.width) {
                v = (int) value;
            } else {
                int shift = 8 * (r.offset + r.width - (int) offset - size);
                int m = (int) (sizeMask(size) << shift);
                v = (r.mergeBase() & ~m) | ((int) (value << shift) & m);
            }
            if (!r.write(v) && log.isDebugEnabled()) {
                log.debug("{}: write 0x{} to read-only {} ignored", device, Long.toHexString(value), r.name);
            }
            return;
        }
        if (size > 1 && overlapsAny(offset, size)) {
            int half = size / 2;
            write(offset, half, value >>> (8 * half));
            write(offset + half, half, value & sizeMask(half));
            return;
        }
        if (log.isDebugEnabled()) {
            log.debug("{}: unimplemented write of {} bytes 0x{} at 0x{}", device, size,
                    Long.toHexString(value & sizeMask(size)), Long.toHexString(offset));
        }
    }

    private Register find(long offset) {
        if (offset < 0 || offset > Integer.MAX_VALUE) {
            return null;
        }
        int i = Arrays.binarySearch(starts, (int) offset);
        if (i < 0) {
            i = -i - 2;
            if (i < 0) {
                return null;
            }
        }
        Register r = registers[i];
        return offset < r.offset + r.width ? r : null;
    }

    private boolean overlapsAny(long offset, int size) {
        for (long o = offset; o < offset + size; o++) {
            if (find(o) != null) {
                return true;
            }
        }
        return false;
    }

    private static long sizeMask(int size) {
        return size >= 8 ? -1L : (1L << (8 * size)) - 1;
    }
}
