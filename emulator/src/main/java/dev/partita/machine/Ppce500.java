package dev.partita.machine;

/** Physical layout and interrupt numbers of the ppce500 board (as QEMU's hw/ppc/e500.c and e500plat.c define them). */
public final class Ppce500 {
    private Ppce500() {}

    public static final long CCSR_BASE = 0xF_E000_0000L;
    public static final long CCSR_SIZE = 0x10_0000L;
    public static final long I2C_OFFSET = 0x3000, I2C_SIZE = 0x14;
    public static final long UART0_OFFSET = 0x4500, UART1_OFFSET = 0x4600, UART_SIZE = 0x100;
    public static final long PCI_OFFSET = 0x8000, PCI_SIZE = 0x1000;
    public static final long MPIC_OFFSET = 0x40000, MPIC_SIZE = 0x40000;
    public static final long MSI_OFFSET = 0x41600, MSI_SIZE = 0x200;
    public static final long GUTS_OFFSET = 0xE0000, GUTS_SIZE = 0x1000;
    public static final long GPIO_OFFSET = 0xFF000, GPIO_SIZE = 0x1000;
    public static final long SPIN_TABLE_BASE = 0xF_EF00_0000L;
    public static final long PCI_MMIO_BASE = 0xC_0000_0000L, PCI_MMIO_BUS = 0xE000_0000L, PCI_MMIO_SIZE = 0x2000_0000L;
    public static final long PCI_IO_BASE = 0xF_E100_0000L, PCI_IO_SIZE = 0x1_0000L;
    public static final long PLATFORM_BASE = 0xF_0000_0000L, PLATFORM_SIZE = 0x800_0000L;

    /** MPIC interrupt source numbers. */
    public static final int IRQ_UART = 42, IRQ_I2C = 43, IRQ_GPIO = 47, IRQ_PCI = 24;

    /** Core clock, CCB clock and time base frequency (QEMU's device tree: 400 MHz each). */
    public static final long CLOCK_FREQUENCY = 400_000_000L;
    public static final long TIMEBASE_FREQUENCY = 400_000_000L;

    /** PVR of QEMU's e500v2_v30 and the SVR QEMU's ppce500 board reports. */
    public static final int PVR_E500V2 = dev.partita.cpu.Sprs.PVR_E500V2;
}
