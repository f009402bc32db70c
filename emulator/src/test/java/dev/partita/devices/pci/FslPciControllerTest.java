package dev.partita.devices.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.partita.memory.MmioDevice;
import org.junit.jupiter.api.Test;

/**
 * The e500 PCI controller as U-Boot's pci_mpc85xx driver and Linux's fsl_pci use it: CFG_ADDR is
 * big-endian, CFG_DATA little-endian with byte lanes, absent functions read all ones (PCI master
 * abort), BARs are sized by writing all ones, and outbound ATMU windows translate CPU addresses to
 * bus addresses (MPC8544E RM, PCI ATMU registers).
 */
class FslPciControllerTest {
    static final long CFG_ADDR = 0x0, CFG_DATA = 0x4;

    /** A function with a 4 KiB memory BAR that records the last write and reads back its offset. */
    static final class Probe extends PciConfigSpace {
        long lastOffset = -1, lastValue;

        Probe() {
            super(0x1AF4, 0x1000, 0x020000, 1);
            memoryBar(1, 0x1000);
            interruptPin(1);
        }

        @Override
        public long barRead(int bar, long offset, int size) {
            return 0x11223344L >>> (8 * (4 - size)) ^ offset;
        }

        @Override
        public void barWrite(int bar, long offset, int size, long value) {
            lastOffset = offset;
            lastValue = value;
        }
    }

    private final PciBus bus = new PciBus();
    private final E500HostBridge host = new E500HostBridge(0x10_0000);
    private final Probe probe = new Probe();
    private final FslPciController pci = new FslPciController(bus);

    FslPciControllerTest() {
        bus.attach(0, 0, host);
        bus.attach(1, 0, probe);
    }

    private static int cfg(int dev, int fn, int reg) {
        return 0x80000000 | dev << 11 | fn << 8 | reg;
    }

    private long readConfig(int dev, int reg) {
        pci.write(CFG_ADDR, 4, cfg(dev, 0, reg & 0xFC));
        return Integer.reverseBytes((int) pci.read(CFG_DATA, 4)) & 0xFFFFFFFFL;   // in_le32
    }

    private void writeConfig(int dev, int reg, int v) {
        pci.write(CFG_ADDR, 4, cfg(dev, 0, reg));
        pci.write(CFG_DATA, 4, Integer.reverseBytes(v) & 0xFFFFFFFFL);          // out_le32
    }

    @Test
    void configSpaceOfTheHostBridge() {
        assertEquals(0x00301957L, readConfig(0, 0x00));              // device << 16 | vendor
        assertEquals(0x0B200000L, readConfig(0, 0x08));              // class 0x0b20, revision 0
        assertEquals(0x11001AF4L, readConfig(0, 0x2C));
        assertEquals(cfg(0, 0, 0x2C) & 0xFFFFFFFFL, pci.read(CFG_ADDR, 4), "CFG_ADDR reads back");
    }

    @Test
    void byteAndHalfwordLanesOfCfgData() {
        pci.write(CFG_ADDR, 4, cfg(0, 0, 0x00));
        assertEquals(0x57L, pci.read(CFG_DATA, 1));
        assertEquals(0x19L, pci.read(CFG_DATA + 1, 1));
        assertEquals(0x5719L, pci.read(CFG_DATA, 2));                // vendor 0x1957, bytes swapped on the bus
        assertEquals(0x3000L, pci.read(CFG_DATA + 2, 2));            // device 0x0030
    }

    @Test
    void absentFunctionsAndDisabledAccessesReadAllOnes() {
        assertEquals(0xFFFFFFFFL, readConfig(5, 0));
        pci.write(CFG_ADDR, 4, 0x00000000);                         // enable bit clear
        assertEquals(0xFFFFFFFFL, pci.read(CFG_DATA, 4));
        pci.write(CFG_ADDR, 4, 0x80010000);                         // bus 1 does not exist
        assertEquals(0xFFFFFFFFL, pci.read(CFG_DATA, 4));
    }

    @Test
    void barSizingAndCommandRegister() {
        writeConfig(0, 0x10, 0xFFFFFFFF);
        assertEquals(0xFFF00000L, readConfig(0, 0x10), "1 MiB memory BAR");
        writeConfig(0, 0x14, 0xFFFFFFFF);
        assertEquals(0L, readConfig(0, 0x14), "unimplemented BAR");
        writeConfig(0, 0x04, 0xFFFF_FFFF);
        assertEquals(0x0547L, readConfig(0, 0x04) & 0xFFFF, "only the implemented COMMAND bits stick");
        assertEquals(0L, readConfig(0, 0x04) >>> 16, "STATUS bits are write-one-to-clear from 0");
        writeConfig(0, 0x0C, 0xFFFF_FFFF);
        assertEquals(0x000000FFL, readConfig(0, 0x0C), "cache line writable, latency timer hardwired to 0");
        assertEquals(0x0100L, readConfig(1, 0x3C) & 0xFF00, "interrupt pin INTA");
    }

    @Test
    void outboundWindowTranslatesToTheBus() {
        long windowBase = 0xC_0000_0000L;
        MmioDevice w = pci.window(windowBase);
        writeConfig(1, 0x14, 0xE0001000);                           // BAR1 at bus 0xE0001000
        writeConfig(1, 0x04, PciConfigSpace.COMMAND_MEMORY);
        assertEquals(0L, w.read(0x1004, 4), "no window enabled yet: nothing answers");
        // outbound window 1: CPU 0xC_0000_0000 -> bus 0xE000_0000, 512 MiB, memory read/write
        pci.write(0xC20, 4, 0xE0000);                                // POTAR
        pci.write(0xC28, 4, 0xC00000);                               // POWBAR (bits 35..12)
        pci.write(0xC30, 4, 0x80044000L | 28);                       // POWAR: EN, mem, 2^29 bytes
        assertEquals(0x80044000L | 28, pci.read(0xC30, 4));
        assertEquals(Integer.reverseBytes(0x11223344 ^ 4) & 0xFFFFFFFFL, w.read(0x1004, 4), "little-endian bus");
        w.write(0x1008, 2, 0xABCD);
        assertEquals(8, probe.lastOffset);
        assertEquals(0xCDAB, probe.lastValue);
        writeConfig(1, 0x04, 0);                                     // memory decoding off
        assertEquals(0L, w.read(0x1004, 4));
    }

    @Test
    void resetClearsTheWindows() {
        pci.write(0xC30, 4, 0x8004401CL);
        pci.write(0xDF0, 4, 0xA0F5501EL);                            // PIWAR1
        assertEquals(0xA0F5501EL, pci.read(0xDF0, 4));
        pci.reset();
        assertEquals(0L, pci.read(0xC30, 4));
        assertEquals(0L, pci.read(0xDF0, 4));
    }
}
