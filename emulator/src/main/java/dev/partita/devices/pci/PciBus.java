package dev.partita.devices.pci;

/**
 * One conventional PCI bus (bus number 0): up to 32 devices of up to 8 functions, addressed by
 * devfn = device &lt;&lt; 3 | function, and the bus's memory and I/O address spaces, which the
 * functions' BARs decode. A configuration access to an absent function reads all ones and is ignored
 * (a master abort, which host bridges turn into all ones); a memory or I/O access nobody decodes reads
 * 0 and is ignored, as in QEMU 7.2.
 */
public final class PciBus {
    public static final int DEVFNS = 256;

    private final PciFunction[] functions = new PciFunction[DEVFNS];

    /** Plugs {@code f} in at device {@code device} (0..31), function {@code function} (0..7). */
    public void attach(int device, int function, PciFunction f) {
        if (device < 0 || device > 31 || function < 0 || function > 7) {
            throw new IllegalArgumentException("PCI device 0..31 and function 0..7, not " + device + "." + function);
        }
        int devfn = device << 3 | function;
        if (functions[devfn] != null) {
            throw new IllegalArgumentException("PCI slot " + device + "." + function + " is taken");
        }
        functions[devfn] = java.util.Objects.requireNonNull(f);
    }

    public PciFunction function(int devfn) {
        return devfn >= 0 && devfn < DEVFNS ? functions[devfn] : null;
    }

    /** A configuration read (little-endian, size 1, 2 or 4, offset aligned); all ones if nothing is there. */
    public int configRead(int devfn, int offset, int size) {
        PciFunction f = function(devfn);
        if (f == null) {
            return size == 4 ? 0xFFFFFFFF : (1 << (8 * size)) - 1;
        }
        return f.configRead(offset, size);
    }

    public void configWrite(int devfn, int offset, int size, int value) {
        PciFunction f = function(devfn);
        if (f != null) {
            f.configWrite(offset, size, value);
        }
    }

    /** A read of {@code size} bytes at bus address {@code address} in memory or I/O space, little-endian value. */
    public long read(long address, int size, boolean io) {
        for (PciFunction f : functions) {
            if (f != null) {
                int bar = f.decode(address, io);
                if (bar >= 0) {
                    return f.barRead(bar, address - barBase(f, bar), size);
                }
            }
        }
        return 0;
    }

    public void write(long address, int size, long value, boolean io) {
        for (PciFunction f : functions) {
            if (f != null) {
                int bar = f.decode(address, io);
                if (bar >= 0) {
                    f.barWrite(bar, address - barBase(f, bar), size, value);
                    return;
                }
            }
        }
    }

    private static long barBase(PciFunction f, int bar) {
        return f instanceof PciConfigSpace c ? c.barAddress(bar) : 0;
    }

    /** Resets every function. */
    public void reset() {
        for (PciFunction f : functions) {
            if (f != null) {
                f.reset();
            }
        }
    }
}
