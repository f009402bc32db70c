package dev.partita.devices.i2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class I2cBusTest {
    private final I2cBus bus = new I2cBus();
    private final RecordingDevice dev = new RecordingDevice();

    @Test
    void emptyAddressNacksAndReadsPulledUpBus() {
        bus.attach(0x50, dev);
        assertFalse(bus.start(0x51, false));
        assertFalse(bus.write(0x12), "data after a NACKed address is not acknowledged");
        assertFalse(bus.start(0x51, true));
        assertEquals(0xFF, bus.read(true), "nobody drives SDA: reads as all ones");
        bus.stop();
        assertFalse(bus.busy());
        assertEquals(List.of(), dev.log, "the device at another address sees nothing");
    }

    @Test
    void writeTransactionReachesTheDevice() {
        bus.attach(0x50, dev);
        assertTrue(bus.start(0x50, false));
        assertTrue(bus.busy());
        assertTrue(bus.write(0x12));
        assertTrue(bus.write(0x34));
        bus.stop();
        assertFalse(bus.busy());
        assertEquals(List.of("start W", "write 0x12 ack", "write 0x34 ack", "stop"), dev.log);
    }

    @Test
    void repeatedStartToTheSameDeviceIsOneTransaction() {
        bus.attach(0x68, dev);
        assertTrue(bus.start(0x68, false));
        assertTrue(bus.write(0x00));
        assertTrue(bus.start(0x68, true));
        assertEquals(0xA0, bus.read(true));
        assertEquals(0xA1, bus.read(false));
        bus.stop();
        assertEquals(List.of("start W", "write 0x00 ack", "start R", "read 0xa0 ack", "read 0xa1 nack", "stop"),
                dev.log);
    }

    @Test
    void addressingAnotherDeviceEndsTheFirstTransaction() {
        RecordingDevice other = new RecordingDevice();
        bus.attach(0x10, dev);
        bus.attach(0x11, other);
        bus.start(0x10, false);
        bus.start(0x11, false);
        bus.stop();
        assertEquals(List.of("start W", "stop"), dev.log);
        assertEquals(List.of("start W", "stop"), other.log);
    }

    @Test
    void deviceNackedAddressStillGetsStopAndNoData() {
        dev.ackAddress = false;
        bus.attach(0x20, dev);
        assertFalse(bus.start(0x20, false));
        assertFalse(bus.write(0x55));
        bus.stop();
        assertEquals(List.of("start W nack", "stop"), dev.log);
    }

    @Test
    void wrongDirectionDataIsRefused() {
        bus.attach(0x20, dev);
        bus.start(0x20, true);
        assertFalse(bus.write(0x55), "a master cannot write in a read transfer");
        bus.start(0x20, false);
        assertEquals(0xFF, bus.read(true), "nor read in a write transfer");
        bus.stop();
        assertEquals(List.of("start R", "start W", "stop"), dev.log);
    }

    @Test
    void deviceNackOnDataIsPassedOn() {
        dev.writesAcked = 1;
        bus.attach(0x20, dev);
        bus.start(0x20, false);
        assertTrue(bus.write(1));
        assertFalse(bus.write(2));
    }

    @Test
    void attachRejectsBadAndTakenAddresses() {
        bus.attach(0x7F, dev);
        assertThrows(IllegalArgumentException.class, () -> bus.attach(0x7F, new RecordingDevice()));
        assertThrows(IllegalArgumentException.class, () -> bus.attach(0x80, new RecordingDevice()));
        assertThrows(IllegalArgumentException.class, () -> bus.attach(-1, new RecordingDevice()));
        assertFalse(bus.start(0x80, false), "an out-of-range address just NACKs");
    }
}
