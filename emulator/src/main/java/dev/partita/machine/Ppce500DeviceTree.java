package dev.partita.machine;

import dev.partita.devicetree.FdtWriter;
import dev.partita.devicetree.Node;
import dev.partita.devicetree.PhandleAllocator;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Generates the ppce500 board's device tree from the machine model: the same nodes, names,
 * properties and order as QEMU 7.2's {@code ppce500_load_device_tree} (hw/ppc/e500.c with the
 * e500plat fixup), built from the {@link Ppce500} constants and the run's {@link BoardLayout}.
 *
 * <p>Each device node has its own method, and {@link Options#devices()} selects which of them are
 * created, so a machine without some device can leave its node out. Nodes are created in QEMU's
 * order and the tree is reversed at the end, because libfdt puts every new property and subnode
 * first: the blob then lists them as QEMU's does (Linux takes the first cpu node as the boot cpu
 * and the first serial node as its early console).
 */
public final class Ppce500DeviceTree {
    private Ppce500DeviceTree() {}

    /** Device names accepted in {@link Options#devices()}. */
    public static final String SERIAL0 = "serial0", SERIAL1 = "serial1", I2C = "i2c", RTC = "rtc",
            GUTS = "global-utilities", MSI = "msi", PCI = "pci", GPIO = "gpio", POWER_OFF = "power-off",
            PLATFORM = "platform";

    /** Every device this generator knows. */
    public static final Set<String> ALL_DEVICES =
            Set.of(SERIAL0, SERIAL1, I2C, RTC, GUTS, MSI, PCI, GPIO, POWER_OFF, PLATFORM);

    /** What {@code qemu-system-ppc -M ppce500} has with one serial port: everything but serial1. */
    public static final Set<String> DEFAULT_DEVICES =
            Set.of(SERIAL0, I2C, RTC, GUTS, MSI, PCI, GPIO, POWER_OFF, PLATFORM);

    /** The first phandle; QEMU's ppce500 hands out 0x8003 (pic), 0x8004 (msi), 0x8005 (gpio). */
    public static final int FIRST_PHANDLE = 0x8003;

    /** Default seed of /chosen/rng-seed, so that runs with default options produce identical trees. */
    public static final long DEFAULT_RNG_SEED = 0x5041_5254_4954_4121L;

    /** PCI slots with interrupt-map entries (QEMU: pci_first_slot 1, PCI_SLOT_MAX - 1 slots). */
    static final int PCI_FIRST_SLOT = 1, PCI_SLOT_COUNT = 31;
    /** MPIC sources of the PCI INTA..INTD lines (QEMU's pci_irq_nrs = {1, 2, 3, 4}). */
    static final int PCI_INTA_IRQ = 1;
    /** MPIC interrupt senses, the second interrupt cell (Linux's fsl,mpic binding). */
    private static final int SENSE_EDGE = 0, SENSE_LEVEL_LOW = 1, SENSE_LEVEL_HIGH = 2;
    /** First MPIC source of the eight shared MSI interrupts and how many there are. */
    private static final int MSI_FIRST_IRQ = 0xE0, MSI_IRQ_COUNT = 8;
    private static final int PCI_CLOCK_FREQUENCY = 66_666_666;
    private static final int RTC_I2C_ADDRESS = 0x68;
    /** e500v2 L1 caches: 32 KiB each with 32-byte lines. */
    private static final int L1_CACHE_SIZE = 0x8000, L1_LINE_SIZE = 32;
    /** Bytes per cpu in the spin table (ePAPR: entry addr, r3, rsvd, pir, r6...). */
    private static final int SPIN_TABLE_ENTRY_SIZE = 0x20;
    private static final int RNG_SEED_BYTES = 32;

    /**
     * Generator options.
     *
     * @param devices device names to include (a subset of {@link #ALL_DEVICES}); rtc is only created
     *                with i2c, power-off only with gpio, pci's fsl,msi only with msi
     * @param rngSeed seed from which the 32 bytes of /chosen/rng-seed are derived
     */
    public record Options(Set<String> devices, long rngSeed) {
        public static final Options DEFAULT = new Options(DEFAULT_DEVICES, DEFAULT_RNG_SEED);

        public Options {
            devices = Set.copyOf(devices);
            for (String d : devices) {
                if (!ALL_DEVICES.contains(d)) {
                    throw new IllegalArgumentException("unknown ppce500 device \"" + d + "\"; known: " + ALL_DEVICES);
                }
            }
        }

        public Options withDevices(Set<String> newDevices) {
            return new Options(newDevices, rngSeed);
        }

        public Options withRngSeed(long seed) {
            return new Options(devices, seed);
        }

        /** These options with some devices left out. */
        public Options without(String... names) {
            Set<String> s = new LinkedHashSet<>(devices);
            for (String n : names) {
                s.remove(n);
            }
            return withDevices(s);
        }

        boolean has(String device) {
            return devices.contains(device);
        }
    }

    /** The tree for {@code layout} with the default devices and rng seed. */
    public static Node build(BoardLayout layout) {
        return build(layout, Options.DEFAULT);
    }

    /** The DTB for {@code layout} with the default devices and rng seed. */
    public static byte[] dtb(BoardLayout layout) {
        return dtb(layout, Options.DEFAULT);
    }

    /** The DTB for {@code layout} and {@code options}. */
    public static byte[] dtb(BoardLayout layout, Options options) {
        return FdtWriter.write(build(layout, options));
    }

    /** The tree for {@code layout} and {@code options}; its root is a fresh, mutable node. */
    public static Node build(BoardLayout layout, Options options) {
        if (layout.cpuCount() < 1) {
            throw new IllegalArgumentException("a ppce500 needs at least one cpu, not " + layout.cpuCount());
        }
        if (layout.ramSize() <= 0) {
            throw new IllegalArgumentException("RAM size must be positive, not " + layout.ramSize());
        }
        return new Builder(layout, options).build();
    }

    /** One generation run: the tree under construction and the nodes devices refer to. */
    private static final class Builder {
        private final BoardLayout layout;
        private final Options options;
        private final PhandleAllocator phandles = new PhandleAllocator(FIRST_PHANDLE);
        private final Node root = Node.root();
        private Node chosen;
        private Node aliases;
        private Node soc;
        private int mpicPhandle;
        private int msiPhandle;

        Builder(BoardLayout layout, Options options) {
            this.layout = layout;
            this.options = options;
        }

        Node build() {
            root.setCells("#address-cells", 2);
            root.setCells("#size-cells", 2);
            memory();
            chosen();
            cpus();
            aliases = root.addChild("aliases");
            soc();
            mpic();
            if (options.has(SERIAL1)) {          // created first so that serial0 comes first in the blob
                serial(Ppce500.UART1_OFFSET, 1, "serial1", false);
            }
            if (options.has(SERIAL0)) {
                serial(Ppce500.UART0_OFFSET, 0, "serial0", true);
            }
            if (options.has(I2C)) {
                Node i2c = i2c();
                if (options.has(RTC)) {
                    rtc(i2c);
                }
            }
            if (options.has(GUTS)) {
                globalUtilities();
            }
            if (options.has(MSI)) {
                msi();
            }
            if (options.has(PCI)) {
                pci();
            }
            if (options.has(GPIO)) {
                int gpio = gpio();
                if (options.has(POWER_OFF)) {
                    powerOff(gpio);
                }
            }
            if (options.has(PLATFORM)) {
                platform();
            }
            root.setString("model", "QEMU ppce500");          // e500plat's fixup_devtree
            root.setString("compatible", "fsl,qemu-e500");
            root.reverseOrder();
            return root;
        }

        private void memory() {
            Node memory = root.addChild("memory");
            memory.setString("device_type", "memory");
            memory.setU64("reg", 0, layout.ramSize());
        }

        private void chosen() {
            chosen = root.addChild("chosen");
            if (layout.initrdStart() >= 0) {                   // one cell each, as QEMU writes them
                chosen.setCells("linux,initrd-start", (int) layout.initrdStart());
                chosen.setCells("linux,initrd-end", (int) layout.initrdEnd());
            }
            if (layout.kernelStart() >= 0) {
                chosen.setCells("qemu,boot-kernel", hi(layout.kernelStart()), lo(layout.kernelStart()),
                        hi(layout.kernelSize()), lo(layout.kernelSize()));
            }
            chosen.setString("bootargs", layout.bootargs() == null ? "" : layout.bootargs());
            chosen.setBytes("rng-seed", rngSeed(options.rngSeed()));
        }

        private void cpus() {
            Node cpus = root.addChild("cpus");
            cpus.setCells("#address-cells", 1);
            cpus.setCells("#size-cells", 0);
            for (int i = layout.cpuCount() - 1; i >= 0; i--) {    // reversed: cpu 0 ends up first
                Node cpu = cpus.addChild("PowerPC,8544@" + Integer.toHexString(i));
                cpu.setCells("clock-frequency", (int) Ppce500.CLOCK_FREQUENCY);
                cpu.setCells("timebase-frequency", (int) Ppce500.TIMEBASE_FREQUENCY);
                cpu.setString("device_type", "cpu");
                cpu.setCells("reg", i);
                cpu.setCells("d-cache-line-size", L1_LINE_SIZE);
                cpu.setCells("i-cache-line-size", L1_LINE_SIZE);
                cpu.setCells("d-cache-size", L1_CACHE_SIZE);
                cpu.setCells("i-cache-size", L1_CACHE_SIZE);
                cpu.setCells("bus-frequency", 0);
                if (i != 0) {
                    cpu.setString("status", "disabled");
                    cpu.setString("enable-method", "spin-table");
                    cpu.setU64("cpu-release-addr", Ppce500.SPIN_TABLE_BASE + (long) i * SPIN_TABLE_ENTRY_SIZE);
                } else {
                    cpu.setString("status", "okay");
                }
            }
        }

        private void soc() {
            soc = root.addChild("soc@" + Long.toHexString(Ppce500.CCSR_BASE));
            soc.setString("device_type", "soc");
            soc.setStrings("compatible", "fsl,mpc8544-immr", "simple-bus");
            soc.setCells("#address-cells", 1);
            soc.setCells("#size-cells", 1);
            soc.setCells("ranges", 0, hi(Ppce500.CCSR_BASE), lo(Ppce500.CCSR_BASE), (int) Ppce500.CCSR_SIZE);
            soc.setCells("bus-frequency", 0);
        }

        /** {@code interrupts = <source sense>} and the MPIC as interrupt-parent. */
        private void interrupt(Node n, int source, int sense) {
            n.setCells("interrupts", source, sense);
            n.setCells("interrupt-parent", mpicPhandle);
        }

        /** A node under /soc for the CCSR device at {@code offset}: {@code name@offset}. */
        private Node ccsrDevice(String name, long offset) {
            return soc.addChild(name + "@" + Long.toHexString(offset));
        }

        private static void reg(Node n, long offset, long size) {
            n.setCells("reg", (int) offset, (int) size);
        }

        private void mpic() {
            Node pic = ccsrDevice("pic", Ppce500.MPIC_OFFSET);
            pic.setString("device_type", "open-pic");
            pic.setString("compatible", "fsl,mpic");
            reg(pic, Ppce500.MPIC_OFFSET, Ppce500.MPIC_SIZE);
            pic.setCells("#address-cells", 0);
            pic.setCells("#interrupt-cells", 2);
            mpicPhandle = pic.assignPhandle(phandles);
            pic.setEmpty("interrupt-controller");
        }

        private void serial(long offset, int index, String alias, boolean console) {
            Node ser = ccsrDevice("serial", offset);
            ser.setString("device_type", "serial");
            ser.setString("compatible", "ns16550");
            reg(ser, offset, Ppce500.UART_SIZE);
            ser.setCells("cell-index", index);
            ser.setCells("clock-frequency", (int) Ppce500.CLOCK_FREQUENCY);
            interrupt(ser, Ppce500.IRQ_UART, SENSE_LEVEL_HIGH);
            aliases.setString(alias, ser.path());
            if (console) {
                chosen.setString("linux,stdout-path", ser.path());
                chosen.setString("stdout-path", ser.path());
            }
        }

        private Node i2c() {
            Node i2c = ccsrDevice("i2c", Ppce500.I2C_OFFSET);
            i2c.setString("device_type", "i2c");
            i2c.setString("compatible", "fsl-i2c");
            reg(i2c, Ppce500.I2C_OFFSET, Ppce500.I2C_SIZE);
            i2c.setCells("cell-index", 0);
            interrupt(i2c, Ppce500.IRQ_I2C, SENSE_LEVEL_HIGH);
            aliases.setString("i2c", i2c.path());
            return i2c;
        }

        private void rtc(Node i2c) {
            Node rtc = i2c.addChild("rtc@" + Integer.toHexString(RTC_I2C_ADDRESS));
            rtc.setString("compatible", "pericom,pt7c4338");
            rtc.setCells("reg", RTC_I2C_ADDRESS);
            // QEMU names the rtc relative to the i2c alias (libfdt resolves "i2c/rtc@68" through it).
            aliases.setString("rtc", "i2c/" + rtc.name());
        }

        private void globalUtilities() {
            Node guts = ccsrDevice("global-utilities", Ppce500.GUTS_OFFSET);
            guts.setString("compatible", "fsl,mpc8544-guts");
            reg(guts, Ppce500.GUTS_OFFSET, Ppce500.GUTS_SIZE);
            guts.setEmpty("fsl,has-rstcr");
        }

        private void msi() {
            Node msi = ccsrDevice("msi", Ppce500.MSI_OFFSET);
            msi.setString("compatible", "fsl,mpic-msi");
            reg(msi, Ppce500.MSI_OFFSET, Ppce500.MSI_SIZE);
            msiPhandle = phandles.allocate();
            msi.setCells("msi-available-ranges", 0, 0x100);
            msi.setCells("interrupt-parent", mpicPhandle);
            int[] irqs = new int[MSI_IRQ_COUNT * 2];
            for (int i = 0; i < MSI_IRQ_COUNT; i++) {
                irqs[2 * i] = MSI_FIRST_IRQ + i;
                irqs[2 * i + 1] = SENSE_EDGE;
            }
            msi.setCells("interrupts", irqs);
            msi.setCells("phandle", msiPhandle);
            msi.setCells("linux,phandle", msiPhandle);
        }

        private void pci() {
            long base = Ppce500.CCSR_BASE + Ppce500.PCI_OFFSET;
            Node pci = root.addChild("pci@" + Long.toHexString(base));
            pci.setCells("cell-index", 0);
            pci.setString("compatible", "fsl,mpc8540-pci");
            pci.setString("device_type", "pci");
            pci.setCells("interrupt-map-mask", 0xF800, 0, 0, 7);
            pci.setCells("interrupt-map", pciInterruptMap(mpicPhandle));
            pci.setCells("interrupt-parent", mpicPhandle);
            pci.setCells("interrupts", Ppce500.IRQ_PCI, SENSE_LEVEL_HIGH);
            pci.setCells("bus-range", 0, 255);
            if (options.has(MSI)) {
                pci.setCells("fsl,msi", msiPhandle);
            }
            pci.setCells("ranges",
                    PCI_SPACE_MEM32, 0, (int) Ppce500.PCI_MMIO_BUS,
                    hi(Ppce500.PCI_MMIO_BASE), lo(Ppce500.PCI_MMIO_BASE),
                    hi(Ppce500.PCI_MMIO_SIZE), lo(Ppce500.PCI_MMIO_SIZE),
                    PCI_SPACE_IO, 0, 0,
                    hi(Ppce500.PCI_IO_BASE), lo(Ppce500.PCI_IO_BASE),
                    hi(Ppce500.PCI_IO_SIZE), lo(Ppce500.PCI_IO_SIZE));
            pci.setCells("reg", hi(base), lo(base), hi(Ppce500.PCI_SIZE), lo(Ppce500.PCI_SIZE));
            pci.setCells("clock-frequency", PCI_CLOCK_FREQUENCY);
            pci.setCells("#interrupt-cells", 1);
            pci.setCells("#size-cells", 2);
            pci.setCells("#address-cells", 3);
            aliases.setString("pci0", pci.path());
        }

        private int gpio() {
            Node gpio = ccsrDevice("gpio", Ppce500.GPIO_OFFSET);
            gpio.setString("compatible", "fsl,qoriq-gpio");
            reg(gpio, Ppce500.GPIO_OFFSET, Ppce500.GPIO_SIZE);
            interrupt(gpio, Ppce500.IRQ_GPIO, SENSE_LEVEL_HIGH);
            gpio.setCells("#gpio-cells", 2);
            gpio.setEmpty("gpio-controller");
            return gpio.assignPhandle(phandles);
        }

        private void powerOff(int gpioPhandle) {
            Node off = soc.addChild("power-off");
            off.setString("compatible", "gpio-poweroff");
            off.setCells("gpios", gpioPhandle, 0, 0);           // GPIO pin 0, flags 0
        }

        private void platform() {
            Node plat = root.addChild("platform@" + Long.toHexString(Ppce500.PLATFORM_BASE));
            plat.setStrings("compatible", "qemu,platform", "simple-bus");
            plat.setCells("#size-cells", 1);
            plat.setCells("#address-cells", 1);
            plat.setCells("ranges", 0, hi(Ppce500.PLATFORM_BASE), lo(Ppce500.PLATFORM_BASE),
                    (int) Ppce500.PLATFORM_SIZE);
            plat.setCells("interrupt-parent", mpicPhandle);
        }
    }

    /** phys.hi space codes of PCI addresses (IEEE 1275 PCI binding): 32-bit memory and I/O. */
    private static final int PCI_SPACE_MEM32 = 0x0200_0000, PCI_SPACE_IO = 0x0100_0000;

    /**
     * The PCI interrupt-map: for each slot and pin INTA..INTD, the child unit address (device
     * number in phys.hi bits 11-15) and pin, then the MPIC phandle and the source the pin is wired
     * to, level low. Pins rotate across slots: pin p of slot s drives line (s + p) mod 4 (QEMU's
     * ppce500_pci_map_irq_slot, the standard PCI swizzle).
     */
    static int[] pciInterruptMap(int mpicPhandle) {
        int[] map = new int[PCI_SLOT_COUNT * 4 * 7];
        int i = 0;
        for (int slot = PCI_FIRST_SLOT; slot < PCI_FIRST_SLOT + PCI_SLOT_COUNT; slot++) {
            for (int pin = 0; pin < 4; pin++) {
                map[i++] = slot << 11;
                map[i++] = 0;
                map[i++] = 0;
                map[i++] = pin + 1;
                map[i++] = mpicPhandle;
                map[i++] = PCI_INTA_IRQ + (slot + pin) % 4;
                map[i++] = SENSE_LEVEL_LOW;
            }
        }
        return map;
    }

    /** 32 deterministic bytes from {@code seed} (SplitMix64). */
    static byte[] rngSeed(long seed) {
        byte[] out = new byte[RNG_SEED_BYTES];
        long state = seed;
        for (int i = 0; i < out.length; i += 8) {
            state += 0x9E37_79B9_7F4A_7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
            z ^= z >>> 31;
            for (int b = 0; b < 8; b++) {
                out[i + b] = (byte) (z >>> (56 - 8 * b));
            }
        }
        return out;
    }

    private static int hi(long v) {
        return (int) (v >>> 32);
    }

    private static int lo(long v) {
        return (int) v;
    }
}
