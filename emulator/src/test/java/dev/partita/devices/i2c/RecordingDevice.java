package dev.partita.devices.i2c;

import java.util.ArrayList;
import java.util.List;

/** An I2C device that logs every call ("start R", "write 0x12 ack", "read 0x34 nack", "stop") and serves bytes from a list. */
final class RecordingDevice implements I2cDevice {
    final List<String> log = new ArrayList<>();
    boolean ackAddress = true;
    int writesAcked = Integer.MAX_VALUE;
    int nextRead = 0xA0;

    @Override
    public boolean start(boolean read) {
        log.add("start " + (read ? "R" : "W") + (ackAddress ? "" : " nack"));
        return ackAddress;
    }

    @Override
    public boolean write(int data) {
        boolean ack = writesAcked-- > 0;
        log.add(String.format("write 0x%02x %s", data, ack ? "ack" : "nack"));
        return ack;
    }

    @Override
    public int read(boolean ack) {
        int v = nextRead++ & 0xFF;
        log.add(String.format("read 0x%02x %s", v, ack ? "ack" : "nack"));
        return v;
    }

    @Override
    public void stop() {
        log.add("stop");
    }
}
