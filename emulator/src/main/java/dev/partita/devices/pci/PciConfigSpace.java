package dev.partita.devices.pci;

/**
 * A type 0 configuration header (PCI Local Bus Specification 3.0, 6.1-6.2) with the behaviour every
 * simple function shares: read-only identification (vendor, device, revision, class, subsystem,
 * header type, interrupt pin), a COMMAND register with the I/O, memory, bus master, parity, SERR and
 * INTx-disable bits writable, a STATUS register whose error bits are write-one-to-clear, writable
 * cache line size and interrupt line (the latency timer is hardwired to 0, as QEMU 7.2 has it), and up to six 32-bit BARs sized by their decoders
 * (writing all ones reads back the size mask, as firmware probes). Other registers read 0.
 *
 * <p>Subclasses declare their BARs with {@link #memoryBar} / {@link #ioBar} and override
 * {@link #barRead} / {@link #barWrite}.
 */
public class PciConfigSpace implements PciFunction {
    public static final int VENDOR_ID = 0x00, DEVICE_ID = 0x02, COMMAND = 0x04, STATUS = 0x06, REVISION = 0x08,
            CLASS_PROG = 0x09, CACHE_LINE = 0x0C, LATENCY = 0x0D, HEADER_TYPE = 0x0E, BAR0 = 0x10,
            SUBSYSTEM_VENDOR = 0x2C, SUBSYSTEM_ID = 0x2E, INTERRUPT_LINE = 0x3C, INTERRUPT_PIN = 0x3D;
    public static final int COMMAND_IO = 0x1, COMMAND_MEMORY = 0x2, COMMAND_MASTER = 0x4;
    /** COMMAND bits software can set: I/O, memory, master, parity response, SERR#, INTx disable. */
    static final int COMMAND_WRITABLE = 0x0001 | 0x0002 | 0x0004 | 0x0040 | 0x0100 | 0x0400;
    /** STATUS bits cleared by writing 1: master data parity, target/master aborts, SERR, parity. */
    static final int STATUS_W1C = 0xF900;
    static final int BAR_COUNT = 6;

    private final byte[] initial = new byte[256];
    private final byte[] config = new byte[256];
    /** Size of each BAR in bytes (power of two), 0 when the BAR is not implemented. */
    private final long[] barSize = new long[BAR_COUNT];
    private final boolean[] barIo = new boolean[BAR_COUNT];

    /**
     * @param vendor     vendor ID
     * @param device     device ID
     * @param classCode  base class, subclass and programming interface (24 bits, e.g. 0x0B2000)
     * @param revision   revision ID
     */
    public PciConfigSpace(int vendor, int device, int classCode, int revision) {
        put16(initial, VENDOR_ID, vendor);
        put16(initial, DEVICE_ID, device);
        initial[REVISION] = (byte) revision;
        initial[CLASS_PROG] = (byte) classCode;
        initial[CLASS_PROG + 1] = (byte) (classCode >>> 8);
        initial[CLASS_PROG + 2] = (byte) (classCode >>> 16);
        reset();
    }

    /** Sets the subsystem vendor and ID (read-only to software). */
    public final PciConfigSpace subsystem(int vendor, int id) {
        put16(initial, SUBSYSTEM_VENDOR, vendor);
        put16(initial, SUBSYSTEM_ID, id);
        reset();
        return this;
    }

    /** Sets the interrupt pin (1 = INTA# .. 4 = INTD#, 0 none). */
    public final PciConfigSpace interruptPin(int pin) {
        initial[INTERRUPT_PIN] = (byte) pin;
        reset();
        return this;
    }

    /** Declares BAR {@code n} as a 32-bit non-prefetchable memory BAR of {@code size} bytes (a power of two, at least 16). */
    public final PciConfigSpace memoryBar(int n, long size) {
        if (Long.bitCount(size) != 1 || size < 16 || size > 0x8000_0000L) {
            throw new IllegalArgumentException("memory BAR size must be a power of two from 16 bytes to 2 GiB: " + size);
        }
        barSize[n] = size;
        barIo[n] = false;
        return this;
    }

    /** Declares BAR {@code n} as an I/O BAR of {@code size} bytes (a power of two, 4 to 256). */
    public final PciConfigSpace ioBar(int n, long size) {
        if (Long.bitCount(size) != 1 || size < 4 || size > 256) {
            throw new IllegalArgumentException("I/O BAR size must be a power of two from 4 to 256 bytes: " + size);
        }
        barSize[n] = size;
        barIo[n] = true;
        return this;
    }

    @Override
    public void reset() {
        System.arraycopy(initial, 0, config, 0, config.length);
    }

    /** The current value of BAR {@code n}'s address field. */
    public final long barAddress(int n) {
        long v = get32(BAR0 + 4 * n) & 0xFFFFFFFFL;
        return v & (barIo[n] ? ~0x3L : ~0xFL);
    }

    public final int command() {
        return get16(COMMAND);
    }

    @Override
    public int decode(long address, boolean io) {
        int cmd = command();
        if ((cmd & (io ? COMMAND_IO : COMMAND_MEMORY)) == 0) {
            return -1;
        }
        for (int n = 0; n < BAR_COUNT; n++) {
            if (barSize[n] != 0 && barIo[n] == io) {
                long base = barAddress(n);
                if (base != 0 && address >= base && address - base < barSize[n]) {
                    return n;
                }
            }
        }
        return -1;
    }

    @Override
    public int configRead(int offset, int size) {
        int v = 0;
        for (int k = size - 1; k >= 0; k--) {
            v = (v << 8) | (config[(offset + k) & 0xFF] & 0xFF);
        }
        return v;
    }

    @Override
    public void configWrite(int offset, int size, int value) {
        for (int k = 0; k < size; k++) {
            writeByte((offset + k) & 0xFF, (value >>> (8 * k)) & 0xFF);
        }
    }

    private void writeByte(int off, int b) {
        if (off == COMMAND || off == COMMAND + 1) {
            int mask = (COMMAND_WRITABLE >>> (8 * (off - COMMAND))) & 0xFF;
            config[off] = (byte) ((config[off] & ~mask) | (b & mask));
        } else if (off == STATUS || off == STATUS + 1) {
            int w1c = (STATUS_W1C >>> (8 * (off - STATUS))) & 0xFF;
            config[off] = (byte) (config[off] & ~(b & w1c));
        } else if (off == CACHE_LINE || off == INTERRUPT_LINE) {
            config[off] = (byte) b;
        } else if (off >= BAR0 && off < BAR0 + 4 * BAR_COUNT) {
            writeBarByte((off - BAR0) >>> 2, off & 3, b);
        }
    }

    private void writeBarByte(int n, int lane, int b) {
        long size = barSize[n];
        if (size == 0) {
            return;
        }
        int mask = (int) ~(size - 1);                 // address bits the decoder implements
        int typeBits = barIo[n] ? 0x1 : 0x0;          // I/O space indicator, or 32-bit non-prefetchable memory
        int off = BAR0 + 4 * n;
        int v = get32(off);
        v = (v & ~(0xFF << (8 * lane))) | (b << (8 * lane));
        put32(config, off, (v & mask) | typeBits);
    }

    private int get16(int off) {
        return (config[off] & 0xFF) | (config[off + 1] & 0xFF) << 8;
    }

    private int get32(int off) {
        return get16(off) | get16(off + 2) << 16;
    }

    private static void put16(byte[] a, int off, int v) {
        a[off] = (byte) v;
        a[off + 1] = (byte) (v >>> 8);
    }

    private static void put32(byte[] a, int off, int v) {
        put16(a, off, v);
        put16(a, off + 2, v >>> 16);
    }
}
