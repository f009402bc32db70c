package dev.partita.devices;

import dev.partita.memory.MmioDevice;

/**
 * The Freescale GPIO controller ("fsl,qoriq-gpio", MPC8xxx GPIO; QEMU {@code hw/gpio/mpc8xxx.c}):
 * 32 pins, pin 0 is the most significant bit (0x80000000) of every register.
 *
 * <p>Registers are 32 bits wide; as in QEMU, accesses of any other size read 0 and are ignored.
 * GPDIR bit 1 makes a pin an output. GPDAT reads the data latch for outputs and the external level for
 * inputs; writes go to the latch. An output pin drives its latch bit; whenever the driven level of a
 * pin changes (by a GPDAT or GPDIR write) its output callback ({@link #connectOutput}) is called with
 * the new level; a pin turned into an input drives low. An edge on an input pin ({@link #setInput})
 * sets its GPIER bit: any edge when its GPICR bit is 0, only high-to-low when it is 1. GPIER is
 * write-one-to-clear. The interrupt output is high while {@code GPIER & GPIMR} is non-zero.
 *
 * <p>Differences from QEMU 7.2 (which follow the hardware): QEMU calls output callbacks only on GPDAT
 * writes and reads back written input bits; it tests GPICR against the pin number instead of the
 * pin's bit, and flags an event even when an input is set to its current level.
 *
 * <p>Wiring on ppce500 (done by the machine): map at CCSR + 0xFF000, {@link #WINDOW_SIZE} bytes;
 * connect the {@link IrqLine} to MPIC input 47; power-off is {@link #ppce500}'s pin-0 wiring. QEMU's
 * board connects output 0 to a handler that requests shutdown when called with level 1, i.e. when
 * pin 0, configured as output, goes from low to high (the device tree's {@code gpio-poweroff} node,
 * {@code gpios = <&gpio 0 0>}, active high).
 */
public final class FslGpio implements MmioDevice {
    // Register map: offset, name, reset value (all 32 bits, all reset to 0).
    static final int GPDIR = 0x00;  // direction, 1 = output
    static final int GPODR = 0x04;  // open drain (stored only)
    static final int GPDAT = 0x08;  // data
    static final int GPIER = 0x0C;  // interrupt events, write 1 to clear
    static final int GPIMR = 0x10;  // interrupt mask, 1 = enabled
    static final int GPICR = 0x14;  // interrupt control, 1 = high-to-low edges only

    /** Bytes the machine should map (the device tree's {@code reg = <0xff000 0x1000>}). */
    public static final int WINDOW_SIZE = 0x1000;
    public static final int PINS = 32;

    private final IrqLine irq;
    private final IrqLine[] outputs = new IrqLine[PINS];

    private int dir, odr, latch, ier, imr, icr;
    /** Levels applied to the pins from outside. */
    private int external;
    /** Levels the controller drives: {@code dir & latch}. */
    private int driven;
    private boolean irqLevel;

    public FslGpio(IrqLine irq) {
        this.irq = irq == null ? IrqLine.NONE : irq;
        java.util.Arrays.fill(outputs, IrqLine.NONE);
    }

    /**
     * The ppce500 controller: interrupt on {@code irq}, and {@code powerOff} run each time pin 0 starts
     * driving high. {@code powerOff} runs on the guest's thread in the middle of the guest's store to
     * GPDAT or GPDIR, so it should only ask the machine to stop (e.g. set a pending stop reason).
     */
    public static FslGpio ppce500(IrqLine irq, Runnable powerOff) {
        FslGpio g = new FslGpio(irq);
        g.connectOutput(0, level -> {
            if (level) {
                powerOff.run();
            }
        });
        return g;
    }

    /** Mask of pin {@code pin} (pin 0 = 0x80000000). */
    public static int mask(int pin) {
        return 0x80000000 >>> pin;
    }

    /** Calls {@code line} with pin {@code pin}'s level whenever the level the controller drives on it changes. */
    public void connectOutput(int pin, IrqLine line) {
        outputs[pin] = line == null ? IrqLine.NONE : line;
    }

    /** Applies an external level to pin {@code pin}; an edge on an input pin may raise an interrupt event. */
    public void setInput(int pin, boolean level) {
        int m = mask(pin);
        int old = external & m;
        external = level ? external | m : external & ~m;
        if ((dir & m) == 0 && old != (external & m)) {
            boolean falling = !level;
            if ((icr & m) == 0 || falling) {
                ier |= m;
                updateIrq();
            }
        }
    }

    /** Hardware reset: all registers 0 (all pins inputs), outputs low, interrupt low. */
    public void reset() {
        dir = odr = latch = ier = imr = icr = 0;
        updateOutputs();
        updateIrq();
    }

    @Override
    public long read(long offset, int size) {
        if (size != 4 || offset < 0 || offset > GPICR) {
            return 0;
        }
        return switch ((int) offset) {
            case GPDIR -> dir;
            case GPODR -> odr;
            case GPDAT -> (latch & dir) | (external & ~dir);
            case GPIER -> ier;
            case GPIMR -> imr;
            case GPICR -> icr;
            default -> 0;
        } & 0xFFFFFFFFL;
    }

    @Override
    public void write(long offset, int size, long value) {
        if (size != 4 || offset < 0 || offset > GPICR) {
            return;
        }
        int v = (int) value;
        switch ((int) offset) {
            case GPDIR -> dir = v;
            case GPODR -> odr = v;
            case GPDAT -> latch = v;
            case GPIER -> ier &= ~v;
            case GPIMR -> imr = v;
            case GPICR -> icr = v;
            default -> {
                return;
            }
        }
        updateOutputs();
        updateIrq();
    }

    private void updateOutputs() {
        int now = dir & latch;
        int changed = now ^ driven;
        driven = now;
        while (changed != 0) {
            int pin = Integer.numberOfLeadingZeros(changed);
            changed &= ~mask(pin);
            outputs[pin].set((now & mask(pin)) != 0);
        }
    }

    private void updateIrq() {
        boolean level = (ier & imr) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }
}
