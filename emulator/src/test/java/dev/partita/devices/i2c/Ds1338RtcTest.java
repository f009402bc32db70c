package dev.partita.devices.i2c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * DS1338 behaviour through the I2C bus. Expected register values are the calendar facts for the chosen
 * instants (checked with {@code date -u -d @SECONDS}) in the chip's BCD layout, day 1 = Sunday.
 */
class Ds1338RtcTest {
    /** Thu 2024-02-29 13:45:56 UTC. */
    static final long LEAP_DAY = 1_709_214_356_000L;
    /** Wed 2024-01-31 23:59:59 UTC. */
    static final long END_OF_JANUARY = 1_706_745_599_000L;

    private final long[] now = {LEAP_DAY};
    private final I2cBus bus = new I2cBus();
    private final Ds1338Rtc rtc = new Ds1338Rtc(() -> now[0]);

    Ds1338RtcTest() {
        bus.attach(0x68, rtc);
    }

    private int[] read(int pointer, int n) {
        assertTrue(bus.start(0x68, false));
        assertTrue(bus.write(pointer));
        assertTrue(bus.start(0x68, true));
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = bus.read(i < n - 1);
        }
        bus.stop();
        return r;
    }

    private void write(int pointer, int... bytes) {
        assertTrue(bus.start(0x68, false));
        assertTrue(bus.write(pointer));
        for (int b : bytes) {
            assertTrue(bus.write(b));
        }
        bus.stop();
    }

    @Test
    void readsBcdTimeFromTheSource() {
        assertArrayEquals(new int[] {0x56, 0x45, 0x13, 5, 0x29, 0x02, 0x24, 0x00}, read(0, 8));
        now[0] += (3600 + 2 * 60 + 5) * 1000L;
        assertArrayEquals(new int[] {0x01, 0x48, 0x14}, read(0, 3));
        now[0] = END_OF_JANUARY + 1000;  // Thu 2024-02-01 00:00:00
        assertArrayEquals(new int[] {0x00, 0x00, 0x00, 5, 0x01, 0x02, 0x24}, read(0, 7));
    }

    @Test
    void timeIsCapturedAtStart() {
        bus.start(0x68, false);
        bus.write(0);
        bus.start(0x68, true);
        assertEquals(0x56, bus.read(true));
        now[0] += 60_000;
        assertEquals(0x45, bus.read(false), "a read sees one snapshot, not the minute that passed meanwhile");
        bus.stop();
        assertEquals(0x46, read(1, 1)[0]);
    }

    @Test
    void pointerPersistsBetweenTransactions() {
        read(0, 7);
        bus.start(0x68, true);
        assertEquals(0x00, bus.read(true), "control register follows the year");
        assertEquals(0x00, bus.read(false));
        bus.stop();
        write(0x20, 0x11, 0x22);
        bus.start(0x68, true);
        assertEquals(0x00, bus.read(false), "pointer stopped at 0x22");
        bus.stop();
    }

    @Test
    void burstWriteSetsTheTimeAndItKeepsRunning() {
        now[0] = LEAP_DAY + 900;  // mid-second
        write(0, 0x00, 0x30, 0x09, 3, 0x15, 0x08, 0x23);  // Tue 2023-08-15 09:30:00
        assertArrayEquals(new int[] {0x00, 0x30, 0x09, 3, 0x15, 0x08, 0x23}, read(0, 7));
        now[0] += 150;
        assertEquals(0x00, read(0, 1)[0], "writing the seconds restarted the second");
        now[0] += 850;
        assertEquals(0x01, read(0, 1)[0]);
        now[0] += (14 * 3600 + 29 * 60 + 59) * 1000L;  // to Wed 00:00:00
        assertArrayEquals(new int[] {0x00, 0x00, 0x00, 4, 0x16, 0x08, 0x23}, read(0, 7));
    }

    @Test
    void uBootRtcSetWritesOneRegisterPerTransaction() {
        now[0] = END_OF_JANUARY;
        // rtc_set() of U-Boot's pt7c4338 driver: year, month, day, date, hours, minutes, seconds
        write(6, 0x24);
        write(5, 0x02);  // "Feb 31" for a moment: must not roll over into March
        write(3, 5);
        write(4, 0x29);
        write(2, 0x13);
        write(1, 0x45);
        write(0, 0x56);
        assertArrayEquals(new int[] {0x56, 0x45, 0x13, 5, 0x29, 0x02, 0x24}, read(0, 7));
    }

    @Test
    void dayOfWeekIsAnIndependentCounter() {
        now[0] = END_OF_JANUARY;  // a Wednesday, but the guest says day 1
        write(3, 1);
        assertEquals(1, read(3, 1)[0]);
        write(4, 0x10);           // writing the date keeps the day register
        assertArrayEquals(new int[] {1, 0x10}, read(3, 2));
        now[0] += 1000;            // midnight
        assertArrayEquals(new int[] {2, 0x11}, read(3, 2));
        now[0] += 6 * 86_400_000L;
        assertEquals(1, read(3, 1)[0], "7 wraps to 1");
    }

    @Test
    void twelveHourMode() {
        write(0, 0x58, 0x59, 0x71);  // 11:59:58 PM
        assertArrayEquals(new int[] {0x58, 0x59, 0x71, 5, 0x29}, read(0, 5));
        now[0] += 2000;
        assertArrayEquals(new int[] {0x00, 0x00, 0x52, 6, 0x01, 0x03}, read(0, 6), "12 AM on Fri Mar 1");
        now[0] += 12 * 3600_000L;
        assertEquals(0x72, read(2, 1)[0], "12 PM");
        now[0] += 3600_000L;
        assertEquals(0x61, read(2, 1)[0], "1 PM");
        write(2, 0x52);              // 12 AM written in 12-hour mode is hour 0
        assertArrayEquals(new int[] {0x52, 6, 0x01}, read(2, 3));
        write(2, 0x13);              // back to 24-hour mode
        assertEquals(0x13, read(2, 1)[0]);
    }

    @Test
    void nvramHolds56Bytes() {
        int[] data = new int[56];
        for (int i = 0; i < 56; i++) {
            data[i] = 0xC0 ^ i;
        }
        write(0x08, data);
        now[0] += 3600_000L;
        assertArrayEquals(data, read(0x08, 56));
        assertEquals(0x56, read(0, 1)[0], "NVRAM writes leave the time alone");
    }

    @Test
    void pointerWrapsToSecondsWithAFreshTime() {
        write(0x3E, 0xAA, 0xBB);
        now[0] += 3000;
        assertArrayEquals(new int[] {0xAA, 0xBB, 0x59, 0x45}, read(0x3E, 4));
        write(0x3F, 0xCC, 0x10);     // wraps into the seconds register
        assertArrayEquals(new int[] {0xCC, 0x10, 0x45}, read(0x3F, 3));
        assertEquals(0xCC, read(0x7F, 1)[0], "the pointer byte is taken modulo 64");
    }

    @Test
    void controlRegisterBitsAndOsf() {
        write(7, 0xFF);
        assertEquals(0x93, read(7, 1)[0], "bits 6, 3, 2 read 0 and OSF cannot be set by software");
        write(0, 0x80);              // CH: the oscillator stops, OSF goes up
        assertEquals(0xB3, read(7, 1)[0]);
        write(7, 0x33);
        assertEquals(0x33, read(7, 1)[0], "writing 1 to OSF leaves it set");
        write(7, 0x00);
        assertEquals(0x00, read(7, 1)[0]);
    }

    @Test
    void clockHaltStopsTheTime() {
        write(0, 0x80 | 0x30);
        now[0] += 10_000;
        assertArrayEquals(new int[] {0xB0, 0x45, 0x13}, read(0, 3));
        write(1, 0x50);              // other fields can be set while halted
        now[0] += 10_000;
        assertArrayEquals(new int[] {0xB0, 0x50}, read(0, 2));
        write(0, 0x30);              // restart
        now[0] += 5_000;
        assertArrayEquals(new int[] {0x35, 0x50}, read(0, 2));
    }

    @Test
    void readWithoutPointerByteAndResetState() {
        now[0] += 1000;
        bus.start(0x68, true);
        assertEquals(0x57, bus.read(false), "pointer 0 after power-on");
        bus.stop();
        write(0x08, 0x42);
        rtc.reset();
        assertEquals(0x00, read(0x08, 1)[0]);
    }
}
