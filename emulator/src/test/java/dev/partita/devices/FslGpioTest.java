package dev.partita.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** qoriq GPIO: registers as in the MPC8544E RM / QEMU hw/gpio/mpc8xxx.c; pin 0 is the MSB. */
class FslGpioTest {
    static final int GPDIR = 0x00, GPODR = 0x04, GPDAT = 0x08, GPIER = 0x0C, GPIMR = 0x10, GPICR = 0x14;

    private final List<Boolean> irq = new ArrayList<>();
    private final FslGpio gpio = new FslGpio(irq::add);

    private long r(int off) {
        return gpio.read(off, 4);
    }

    private void w(int off, long v) {
        gpio.write(off, 4, v);
    }

    @Test
    void resetStateAndPlainRegisters() {
        for (int off = 0; off <= GPICR; off += 4) {
            assertEquals(0, r(off), "register 0x" + Integer.toHexString(off));
        }
        w(GPDIR, 0xF000_000FL);
        w(GPODR, 0x1234_5678L);
        w(GPIMR, 0x8000_0001L);
        w(GPICR, 0xFFFF_0000L);
        assertEquals(0xF000_000FL, r(GPDIR));
        assertEquals(0x1234_5678L, r(GPODR));
        assertEquals(0x8000_0001L, r(GPIMR));
        assertEquals(0xFFFF_0000L, r(GPICR));
        assertEquals(0, r(0x18));
        assertEquals(0, r(0xFFC));
    }

    @Test
    void onlyWordAccessesCount() {
        w(GPDIR, 0xFFFF_FFFFL);
        gpio.write(GPDIR, 1, 0);
        gpio.write(GPDIR, 2, 0);
        assertEquals(0xFFFF_FFFFL, r(GPDIR));
        assertEquals(0, gpio.read(GPDIR, 1));
        assertEquals(0, gpio.read(GPDIR, 2));
    }

    @Test
    void dataReadsLatchForOutputsAndPinsForInputs() {
        w(GPDIR, 0xFFFF_0000L);
        w(GPDAT, 0xAAAA_AAAAL);
        assertEquals(0xAAAA_0000L, r(GPDAT), "input pins read their (low) external level");
        gpio.setInput(31, true);
        gpio.setInput(16, true);
        assertEquals(0xAAAA_8001L, r(GPDAT));
        gpio.setInput(0, false);  // output pin: the latch wins
        assertEquals(0xAAAA_8001L, r(GPDAT));
        w(GPDIR, 0xFFFF_FFFFL);
        assertEquals(0xAAAA_AAAAL, r(GPDAT), "the latch kept the bits written while they were inputs");
    }

    @Test
    void outputCallbacksSeeLevelChanges() {
        List<String> seen = new ArrayList<>();
        gpio.connectOutput(0, l -> seen.add("p0=" + l));
        gpio.connectOutput(31, l -> seen.add("p31=" + l));
        w(GPDAT, 0x8000_0001L);
        assertEquals(List.of(), seen, "inputs drive nothing");
        w(GPDIR, 0x0000_0001L);
        assertEquals(List.of("p31=true"), seen);
        w(GPDAT, 0x8000_0001L);
        assertEquals(List.of("p31=true"), seen, "no change, no call");
        w(GPDAT, 0);
        assertEquals(List.of("p31=true", "p31=false"), seen);
        w(GPDIR, 0x8000_0001L);
        w(GPDAT, 0x8000_0000L);
        assertEquals(List.of("p31=true", "p31=false", "p0=true"), seen);
    }

    @Test
    void inputEdgesSetEventsAnyEdgeOrFallingOnly() {
        w(GPICR, FslGpio.mask(1));         // pin 1: high-to-low only; pin 2: both edges
        gpio.setInput(1, true);
        assertEquals(0, r(GPIER), "rising edge ignored when GPICR is set");
        gpio.setInput(1, false);
        assertEquals(0x4000_0000L, r(GPIER));
        gpio.setInput(2, true);
        assertEquals(0x6000_0000L, r(GPIER));
        w(GPIER, 0x4000_0000L);            // write 1 to clear
        assertEquals(0x2000_0000L, r(GPIER));
        gpio.setInput(2, true);
        assertEquals(0x2000_0000L, r(GPIER), "no edge, no new event");
        w(GPIER, 0xFFFF_FFFFL);
        gpio.setInput(2, false);
        assertEquals(0x2000_0000L, r(GPIER), "falling edge counts when GPICR is clear");
        w(GPIER, 0xFFFF_FFFFL);
        w(GPDIR, FslGpio.mask(3));
        gpio.setInput(3, true);
        assertEquals(0, r(GPIER), "outputs raise no events");
    }

    @Test
    void interruptLineIsEventsAndMask() {
        gpio.setInput(5, true);
        assertEquals(List.of(), irq, "masked");
        w(GPIMR, FslGpio.mask(5));
        assertEquals(List.of(true), irq);
        w(GPIMR, 0);
        assertEquals(List.of(true, false), irq);
        w(GPIMR, FslGpio.mask(5));
        w(GPIER, FslGpio.mask(5));
        assertEquals(List.of(true, false, true, false), irq);
        gpio.setInput(5, false);
        assertEquals(List.of(true, false, true, false, true), irq);
    }

    @Test
    void powerOffWhenPinZeroDrivesHigh() {
        int[] offs = {0};
        FslGpio g = FslGpio.ppce500(IrqLine.NONE, () -> offs[0]++);
        // Linux gpio-poweroff / U-Boot poweroff_gpio on gpios = <&gpio 0 0>: output low, then high
        g.write(GPDAT, 4, 0);
        g.write(GPDIR, 4, 0x8000_0000L);
        assertEquals(0, offs[0]);
        g.write(GPDAT, 4, 0x4000_0000L);
        assertEquals(0, offs[0], "pin 1 is not the power-off pin");
        g.write(GPDAT, 4, 0xC000_0000L);
        assertEquals(1, offs[0]);
        g.write(GPDAT, 4, 0x8000_0000L);
        assertEquals(1, offs[0], "a level, not a write, triggers");
        g.write(GPDAT, 4, 0);
        assertEquals(1, offs[0], "falling edge does nothing");
        g.write(GPDIR, 4, 0);
        g.write(GPDAT, 4, 0x8000_0000L);
        assertEquals(1, offs[0], "as an input pin 0 drives nothing");
        g.write(GPDIR, 4, 0x8000_0000L);
        assertEquals(2, offs[0], "making it an output with the latch high drives it high");
        g.write(GPDAT, 4, 0xFFFF_FFFFL);
        assertEquals(2, offs[0], "already high");
    }

    @Test
    void resetReturnsPinsToInputs() {
        List<Boolean> p0 = new ArrayList<>();
        gpio.connectOutput(0, p0::add);
        w(GPDIR, 0x8000_0000L);
        w(GPDAT, 0x8000_0000L);
        gpio.setInput(9, true);
        w(GPIMR, 0xFFFF_FFFFL);
        gpio.reset();
        assertEquals(List.of(true, false), p0);
        assertEquals(List.of(true, false), irq);
        assertEquals(FslGpio.mask(9), r(GPDAT), "external levels stay applied");
    }

    @Test
    void randomGuestAccessesNeverThrow() {
        FslGpio g = FslGpio.ppce500(level -> {}, () -> {});
        java.util.Random rnd = new java.util.Random(0x6E);
        int[] sizes = {1, 2, 4, 8, 3, 0};
        for (int i = 0; i < 100_000; i++) {
            long off = rnd.nextInt(4) == 0 ? rnd.nextInt(FslGpio.WINDOW_SIZE) : rnd.nextInt(6) * 4;
            int size = sizes[rnd.nextInt(sizes.length)];
            if (rnd.nextBoolean()) {
                g.write(off, size, rnd.nextLong());
            } else {
                g.read(off, size);
            }
            g.setInput(rnd.nextInt(32), rnd.nextBoolean());
        }
    }
}
