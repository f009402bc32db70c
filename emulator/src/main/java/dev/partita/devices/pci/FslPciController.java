package dev.partita.devices.pci;

import dev.partita.memory.MmioDevice;

/**
 * The PCI host controller of the MPC8544 ("fsl,mpc8540-pci"; MPC8544E RM chapter "PCI Bus
 * Interface", QEMU {@code hw/pci-host/ppce500.c}): the 4 KiB register block at CCSR + 0x8000 and the
 * address translation and mapping units (ATMUs) that take CPU accesses into the {@link PciBus}.
 *
 * <p>Register block (32-bit registers, big-endian unless noted):
 * <ul>
 *   <li>0x000 CFG_ADDR: bit 31 enable, bus 23..16, devfn 15..8, register 7..2, extended register
 *       number 27..24; 0x004 CFG_DATA: the addressed configuration dword, little-endian, byte lanes
 *       by address (a 1- or 2-byte access at 0x004 + k reaches register + k). Reads of a disabled
 *       address, another bus or an absent function return all ones; extended registers (above 0xFF)
 *       do not exist on conventional PCI and read all ones.</li>
 *   <li>0x008 INT_ACK: reads 0 (no 8259 behind the bridge).</li>
 *   <li>0xC00 + 0x20 n, n = 0..4, outbound window n: POTAR (+0x0, translation address bits 43..12),
 *       POTEAR (+0x4, bits 63..44), POWBAR (+0x8, window base bits 35..12 in bits 23..0, WBEA:WBA; window 0, the default
 *       window, has none), POWAR (+0x10: EN bit 31, read type 19..16 with 8 = I/O and 4 = memory,
 *       size 2^(SIZE+1) bytes in bits 5..0).</li>
 *   <li>0xDA0, 0xDC0, 0xDE0 inbound windows 3, 2, 1: PITAR (+0x0), PIWBAR (+0x8), PIWBEAR (+0xC),
 *       PIWAR (+0x10); stored only, since no PCI function here masters the bus.</li>
 *   <li>0xE20 gasket timer: stored. Everything else reads 0 and ignores writes.</li>
 * </ul>
 * All registers reset to 0 as in QEMU 7.2 (on the chip POWAR0 resets enabled).
 *
 * <p>CPU accesses reach the bus through {@link #window}: a physical range the machine maps (the device
 * tree's {@code ranges}); an access there goes through the first enabled outbound window 1..4 that
 * contains it, to bus address {@code POTAR:POTEAR << 12 + (pa - POWBAR << 12)}, in memory or I/O
 * space by the window's read type, with PCI's little-endian byte order. An access no window covers
 * reads 0 and is ignored (QEMU maps nothing there).
 */
public final class FslPciController implements MmioDevice {
    static final int CFG_ADDR = 0x000, CFG_DATA = 0x004, INT_ACK = 0x008;
    static final int OUTBOUND_BASE = 0xC00, OUTBOUND_COUNT = 5, INBOUND_BASE = 0xDA0, INBOUND_COUNT = 3;
    static final int GASKET_TIMER = 0xE20;
    static final int POTAR = 0x0, POTEAR = 0x4, POWBAR = 0x8, POWAR = 0x10;
    static final int PITAR = 0x0, PIWBAR = 0x8, PIWBEAR = 0xC, PIWAR = 0x10;
    static final int WAR_EN = 0x80000000, WAR_SIZE = 0x3F, POWAR_RTT = 0x000F0000, RTT_IO = 0x00080000;
    public static final int WINDOW_SIZE = 0x1000;

    private final PciBus bus;
    private int cfgAddr;
    private final int[][] outbound = new int[OUTBOUND_COUNT][5];
    private final int[][] inbound = new int[INBOUND_COUNT][5];
    private int gasketTimer;

    public FslPciController(PciBus bus) {
        this.bus = java.util.Objects.requireNonNull(bus);
    }

    public PciBus bus() {
        return bus;
    }

    public void reset() {
        cfgAddr = 0;
        for (int[] w : outbound) {
            java.util.Arrays.fill(w, 0);
        }
        for (int[] w : inbound) {
            java.util.Arrays.fill(w, 0);
        }
        gasketTimer = 0;
        bus.reset();
    }

    @Override
    public long read(long offset, int size) {
        int off = (int) offset;
        if (off >= CFG_DATA && off < CFG_DATA + 4) {
            return configData(off - CFG_DATA, size);
        }
        if (size != 4 || (off & 3) != 0) {
            return 0;
        }
        int[] reg = register(off);
        if (reg != null) {
            return reg[0] == 0 ? cfgAddr & 0xFFFFFFFFL : (reg[1] == -1 ? gasketTimer : windowReg(reg)) & 0xFFFFFFFFL;
        }
        return 0;
    }

    @Override
    public void write(long offset, int size, long value) {
        int off = (int) offset;
        int v = (int) value;
        if (off >= CFG_DATA && off < CFG_DATA + 4) {
            writeConfigData(off - CFG_DATA, size, v);
            return;
        }
        if (size != 4 || (off & 3) != 0) {
            return;
        }
        int[] reg = register(off);
        if (reg == null) {
            return;
        }
        if (reg[0] == 0) {
            cfgAddr = v;
        } else if (reg[1] == -1) {
            gasketTimer = v;
        } else {
            (reg[0] == 1 ? outbound : inbound)[reg[1]][reg[2] >>> 2] = v;
        }
    }

    /** Locates a 32-bit register: {0} CFG_ADDR, {1, window, field} outbound, {2, window, field} inbound, {3, -1} gasket. */
    private static int[] register(int off) {
        if (off == CFG_ADDR) {
            return new int[] {0};
        }
        if (off == GASKET_TIMER) {
            return new int[] {3, -1};
        }
        if (off >= OUTBOUND_BASE && off < OUTBOUND_BASE + 0x20 * OUTBOUND_COUNT) {
            int field = off & 0x1F;
            int n = (off - OUTBOUND_BASE) >>> 5;
            if (field == POTAR || field == POTEAR || field == POWAR || field == POWBAR && n != 0) {
                return new int[] {1, n, field};
            }
            return null;
        }
        if (off >= INBOUND_BASE && off < INBOUND_BASE + 0x20 * INBOUND_COUNT) {
            int field = off & 0x1F;
            int n = 2 - ((off - INBOUND_BASE) >>> 5);          // 0xDA0 is window 3 (index 2)
            if (field == PITAR || field == PIWBAR || field == PIWBEAR || field == PIWAR) {
                return new int[] {2, n, field};
            }
        }
        return null;
    }

    private int windowReg(int[] reg) {
        return (reg[0] == 1 ? outbound : inbound)[reg[1]][reg[2] >>> 2];
    }

    /** The devfn and register CFG_ADDR selects on bus 0, or -1 when it selects nothing that exists. */
    private int selected() {
        if (cfgAddr >= 0 || ((cfgAddr >>> 16) & 0xFF) != 0 || (cfgAddr & 0x0F000000) != 0) {
            return -1;
        }
        return cfgAddr & 0xFFFC;
    }

    private long configData(int lane, int size) {
        int sel = selected();
        if (sel < 0 || (lane & (size - 1)) != 0) {
            return size == 4 ? 0xFFFFFFFFL : (1L << (8 * size)) - 1;
        }
        int v = bus.configRead(sel >>> 8, (sel & 0xFC) + lane, size);
        return swap(v & 0xFFFFFFFFL, size);
    }

    private void writeConfigData(int lane, int size, int v) {
        int sel = selected();
        if (sel < 0 || (lane & (size - 1)) != 0) {
            return;
        }
        bus.configWrite(sel >>> 8, (sel & 0xFC) + lane, size, (int) swap(v & 0xFFFFFFFFL, size));
    }

    static long swap(long v, int size) {
        return switch (size) {
            case 2 -> Short.reverseBytes((short) v) & 0xFFFFL;
            case 4 -> Integer.reverseBytes((int) v) & 0xFFFFFFFFL;
            case 8 -> Long.reverseBytes(v);
            default -> v;
        };
    }

    /** An enabled outbound window (1..4) containing physical address {@code pa}, or -1. */
    int outboundWindow(long pa) {
        for (int n = 1; n < OUTBOUND_COUNT; n++) {
            int[] w = outbound[n];
            if ((w[POWAR >>> 2] & WAR_EN) == 0) {
                continue;
            }
            long base = (w[POWBAR >>> 2] & 0xFFFFFFL) << 12;
            long size = 2L << (w[POWAR >>> 2] & WAR_SIZE);
            if (pa >= base && pa - base < size) {
                return n;
            }
        }
        return -1;
    }

    private long busAddress(int n, long pa) {
        int[] w = outbound[n];
        long target = ((w[POTAR >>> 2] & 0xFFFFFFFFL) << 12) | ((long) (w[POTEAR >>> 2] & 0xFFFFF) << 44);
        long base = (w[POWBAR >>> 2] & 0xFFFFFFL) << 12;
        return target + (pa - base);
    }

    private boolean isIo(int n) {
        return (outbound[n][POWAR >>> 2] & POWAR_RTT) == RTT_IO;
    }

    /**
     * A device for the physical range {@code [base, base + size)} that forwards accesses through the
     * outbound windows; the machine maps it at {@code base}.
     */
    public MmioDevice window(long base) {
        return new MmioDevice() {
            @Override
            public long read(long offset, int size) {
                long pa = base + offset;
                int n = outboundWindow(pa);
                if (n < 0) {
                    return 0;
                }
                return swap(bus.read(busAddress(n, pa), size, isIo(n)), size);
            }

            @Override
            public void write(long offset, int size, long value) {
                long pa = base + offset;
                int n = outboundWindow(pa);
                if (n >= 0) {
                    bus.write(busAddress(n, pa), size, swap(value, size), isIo(n));
                }
            }
        };
    }
}
