package dev.partita.devices.pci;

/**
 * The PCI face of the e500 host bridge at bus 0, device 0 (QEMU's "e500-host-bridge"): Freescale
 * (0x1957) MPC8533E (0x0030), class 0x0B20 (processor, PowerPC), subsystem 0x1AF4:0x1100 as QEMU
 * gives every device, no interrupt pin, and BAR0 a 32-bit memory BAR of the CCSR window's size
 * (1 MiB) through which PCI masters would see the CCSR registers. Nothing on this bus masters it, so
 * accesses through BAR0 read 0.
 */
public final class E500HostBridge extends PciConfigSpace {
    public static final int VENDOR_FREESCALE = 0x1957, DEVICE_MPC8533E = 0x0030, CLASS_PROCESSOR_POWERPC = 0x0B2000;

    public E500HostBridge(long ccsrSize) {
        super(VENDOR_FREESCALE, DEVICE_MPC8533E, CLASS_PROCESSOR_POWERPC, 0);
        subsystem(0x1AF4, 0x1100);
        memoryBar(0, ccsrSize);
    }
}
