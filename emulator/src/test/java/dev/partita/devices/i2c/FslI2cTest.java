package dev.partita.devices.i2c;

import static dev.partita.devices.i2c.UBootFslI2c.CR;
import static dev.partita.devices.i2c.UBootFslI2c.DR;
import static dev.partita.devices.i2c.UBootFslI2c.MBB;
import static dev.partita.devices.i2c.UBootFslI2c.SR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The controller driven by U-Boot's fsl_i2c register sequences (see {@link UBootFslI2c}). */
class FslI2cTest {
    private final I2cBus bus = new I2cBus();
    private final List<Boolean> irq = new ArrayList<>();
    private final FslI2c ctl = new FslI2c(bus, irq::add);
    private final UBootFslI2c uboot = new UBootFslI2c(ctl);
    private final RecordingDevice dev = new RecordingDevice();

    FslI2cTest() {
        bus.attach(0x68, dev);
        uboot.init(0x7F, 0x2B, 0x14);
        uboot.log.clear();
    }

    @Test
    void resetValuesAndWritableBits() {
        FslI2c c = new FslI2c(new I2cBus(), null);
        assertEquals(0x00, c.read(FslI2c.I2CADR, 1));
        assertEquals(0x00, c.read(FslI2c.I2CFDR, 1));
        assertEquals(0x00, c.read(FslI2c.I2CCR, 1));
        assertEquals(0x81, c.read(FslI2c.I2CSR, 1), "MCF and RXAK after reset (RM; QEMU mpc_i2c_reset)");
        assertEquals(0x10, c.read(FslI2c.I2CDFSRR, 1));
        c.write(FslI2c.I2CADR, 1, 0xFF);
        c.write(FslI2c.I2CFDR, 1, 0xFF);
        c.write(FslI2c.I2CDFSRR, 1, 0xFF);
        assertEquals(0xFE, c.read(FslI2c.I2CADR, 1), "ADR bit 0 is reserved");
        assertEquals(0x3F, c.read(FslI2c.I2CFDR, 1));
        assertEquals(0x3F, c.read(FslI2c.I2CDFSRR, 1));
        c.write(FslI2c.I2CCR, 1, 0xFF);
        assertEquals(0xF9, c.read(FslI2c.I2CCR, 1), "RSTA always reads 0; bit 1 is reserved");
        c.write(FslI2c.I2CSR, 1, 0x00);
        assertEquals(0xA1, c.read(FslI2c.I2CSR, 1) & 0xFF, "writing 0 clears only MAL/MIF, not MCF, MBB, RXAK");
    }

    @Test
    void wideAccessesUseBigEndianByteLanes() {
        FslI2c c = new FslI2c(new I2cBus(), null);
        c.write(FslI2c.I2CFDR, 1, 0x2B);
        assertEquals(0x2B00_0000L, c.read(FslI2c.I2CFDR, 4));
        assertEquals(0x0000_0000_8100_0000L, c.read(FslI2c.I2CCR, 8), "CR byte then SR byte");
        c.write(FslI2c.I2CADR, 4, 0x1200_0000L);
        assertEquals(0x12, c.read(FslI2c.I2CADR, 1));
        assertEquals(0, c.read(0x40, 1), "no register there");
    }

    @Test
    void initLeavesAnIdleEnabledController() {
        UBootFslI2c u = new UBootFslI2c(new FslI2c(new I2cBus(), null));
        u.init(0x7F, 0x2B, 0x14);
        assertEquals(List.of("w 08=00", "w 14=14", "w 04=2b", "w 00=fe", "w 0c=00",
                "w 08=80", "r 0c=81"), u.log, "MBB clear at once, so no fixup");
        assertEquals(0x14, u.readb(UBootFslI2c.DFSRR));
        assertEquals(0x2B, u.readb(UBootFslI2c.FDR));
    }

    @Test
    void readSevenBytesFromRegisterZeroOf0x68() {
        byte[] data = new byte[7];
        assertEquals(0, uboot.read(0x68, new byte[] {0}, 1, data, 7));
        assertEquals(List.of("start W", "write 0x00 ack", "start R",
                "read 0xa0 ack", "read 0xa1 ack", "read 0xa2 ack", "read 0xa3 ack", "read 0xa4 ack",
                "read 0xa5 ack", "read 0xa6 nack", "stop"), dev.log,
                "TXAK set before the last byte is fetched; the last DR read (MTX=1) fetches no more");
        assertArrayEquals(new byte[] {(byte) 0xA0, (byte) 0xA1, (byte) 0xA2, (byte) 0xA3, (byte) 0xA4,
                (byte) 0xA5, (byte) 0xA6}, data, "the dummy read makes each DR read return the previous byte");
        assertEquals(0, ctl.read(FslI2c.I2CSR, 1) & MBB, "STOP released the bus");
        assertTrue(uboot.polls < 40, "every wait ended at its first poll: " + uboot.polls);
        List<String> head = uboot.log.subList(0, 6);
        assertEquals(List.of("r 0c=81", "w 08=b0", "w 10=d0", "r 0c=a2", "r 0c=a2", "w 0c=00"), head,
                "bus idle; START and address byte; MCF|MBB|MIF with RXAK=0 (ACK); MIF cleared");
    }

    @Test
    void singleByteReadSetsTxakBeforeTheDummyRead() {
        byte[] data = new byte[1];
        assertEquals(0, uboot.read(0x68, new byte[] {7}, 1, data, 1));
        assertEquals(List.of("start W", "write 0x07 ack", "start R", "read 0xa0 nack", "stop"), dev.log);
        assertEquals((byte) 0xA0, data[0]);
    }

    @Test
    void writeWithOffsetByte() {
        assertEquals(0, uboot.write(0x68, new byte[] {0x08}, 1, new byte[] {0x5A, (byte) 0xA5}, 2));
        assertEquals(List.of("start W", "write 0x08 ack", "write 0x5a ack", "write 0xa5 ack", "stop"), dev.log);
        assertEquals(0, ctl.read(FslI2c.I2CSR, 1) & MBB);
    }

    @Test
    void dataNackFailsTheWriteAndStops() {
        dev.writesAcked = 1;
        assertEquals(-1, uboot.write(0x68, new byte[] {0x08}, 1, new byte[] {1, 2}, 2));
        assertEquals(List.of("start W", "write 0x08 ack", "write 0x01 nack", "stop"), dev.log);
        assertEquals(1, ctl.read(FslI2c.I2CSR, 1) & UBootFslI2c.RXAK);
    }

    @Test
    void probeFindsTheDeviceAndNotAnEmptyAddress() {
        assertEquals(0, uboot.probe(0x68));
        assertEquals(List.of("start W", "stop"), dev.log);
        uboot.polls = 0;
        assertEquals(-1, uboot.probe(0x50));
        assertTrue(uboot.polls < 10, "a NACKed address completes with RXAK, no timeout: " + uboot.polls);
        assertEquals(0, ctl.read(FslI2c.I2CSR, 1) & MBB);
        assertEquals(-1, uboot.probe(0x7F), "U-Boot skips its own slave address");
    }

    @Test
    void writeToAnEmptyAddressFailsFast() {
        uboot.polls = 0;
        assertEquals(-1, uboot.write(0x51, new byte[] {0}, 1, new byte[] {1}, 1));
        assertTrue(uboot.polls < 10);
        assertEquals(List.of(), dev.log);
        assertFalse(bus.busy());
    }

    @Test
    void fixupSequenceSucceedsOnAFreeBus() {
        assertEquals(0, uboot.fixup());
        assertEquals(0, ctl.read(FslI2c.I2CSR, 1) & MBB);
        assertEquals(0x80, ctl.read(FslI2c.I2CCR, 1));
        assertEquals(List.of(), dev.log, "no address byte was sent");
    }

    @Test
    void interruptFollowsMienAndMif() {
        irq.clear();
        ctl.write(CR, 1, 0xF0);               // MEN MIEN MSTA MTX
        assertEquals(List.of(), irq);
        ctl.write(DR, 1, 0xD0);               // address byte: MIF
        assertEquals(List.of(true), irq);
        ctl.write(SR, 1, 0x00);               // clear MIF
        assertEquals(List.of(true, false), irq);
        ctl.write(DR, 1, 0x00);
        assertEquals(List.of(true, false, true), irq);
        ctl.write(CR, 1, 0xB0);               // MIEN off with MIF pending
        assertEquals(List.of(true, false, true, false), irq);
        ctl.write(CR, 1, 0xF0);               // back on
        assertEquals(List.of(true, false, true, false, true), irq);
        ctl.write(CR, 1, 0x00);               // module reset clears MIF
        assertEquals(List.of(true, false, true, false, true, false), irq);
        assertEquals(List.of("start W", "write 0x00 ack", "stop"), dev.log);
    }

    @Test
    void clearingMenStopsTheTransferAndResetsStatus() {
        ctl.write(CR, 1, 0xB0);
        ctl.write(DR, 1, 0xD0);
        assertTrue(bus.busy());
        ctl.write(CR, 1, 0x00);
        assertFalse(bus.busy());
        assertEquals(0x81, ctl.read(SR, 1));
        ctl.write(DR, 1, 0xD0);
        assertEquals(List.of("start W", "stop"), dev.log, "I2CDR writes do nothing while MEN is clear");
    }

    @Test
    void repeatedStartToAnotherAddressEndsTheFirstTransaction() {
        RecordingDevice other = new RecordingDevice();
        bus.attach(0x50, other);
        assertEquals(1, uboot.writeAddr(0x68, 0, false));
        assertEquals(1, uboot.writeAddr(0x50, 1, true));
        uboot.writeb(0x80, CR);
        assertEquals(List.of("start W", "stop"), dev.log);
        assertEquals(List.of("start R", "stop"), other.log);
    }

    @Test
    void readsTheRtcTimeAsUBootDoes() {
        I2cBus b = new I2cBus();
        b.attach(Ds1338Rtc.ADDRESS, new Ds1338Rtc(() -> 1_709_214_356_000L)); // Thu 2024-02-29 13:45:56 UTC
        UBootFslI2c u = new UBootFslI2c(new FslI2c(b, null));
        u.init(0x7F, 0x2B, 0x14);
        byte[] data = new byte[7];
        assertEquals(0, u.read(0x68, new byte[] {0}, 1, data, 7));
        assertArrayEquals(new byte[] {0x56, 0x45, 0x13, 5, 0x29, 0x02, 0x24}, data);
    }

    @Test
    void randomGuestAccessesNeverThrow() {
        long[] now = {0};
        I2cBus b = new I2cBus();
        b.attach(Ds1338Rtc.ADDRESS, new Ds1338Rtc(() -> now[0]));
        b.attach(0x50, new RecordingDevice());
        FslI2c c = new FslI2c(b, level -> {});
        java.util.Random rnd = new java.util.Random(0x2C);
        int[] sizes = {1, 2, 4, 8, 3, 0};
        for (int i = 0; i < 200_000; i++) {
            long off = rnd.nextInt(8) == 0 ? rnd.nextInt(0x100) : rnd.nextInt(6) * 4;
            int size = sizes[rnd.nextInt(sizes.length)];
            now[0] = rnd.nextLong(-5_000_000_000_000L, 5_000_000_000_000L);
            if (rnd.nextBoolean()) {
                c.write(off, size, rnd.nextLong());
            } else {
                c.read(off, size);
            }
        }
    }
}
