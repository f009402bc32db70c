package dev.partita.devices.i2c;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * A DS1338-compatible real-time clock with NVRAM (Maxim DS1338, Pericom PT7C4338; QEMU
 * {@code hw/rtc/ds1338.c}), an {@link I2cDevice} normally at address {@link #ADDRESS} 0x68.
 *
 * <p>64 byte-wide registers behind a register pointer: BCD time and date 0x00-0x06, control 0x07,
 * NVRAM 0x08-0x3F. The first byte of a write transfer sets the pointer; every data byte read or
 * written advances it, wrapping from 0x3F to 0x00. As on the chip, the time is copied into the
 * time registers at every START and at the wrap, so a multi-byte read sees one consistent time.
 * Bytes written to 0x00-0x06 take effect when the transaction ends (STOP, repeated START or wrap):
 * the seven registers, with the written ones replaced, become the new time, out-of-range fields
 * clamped (a date past the month's end becomes its last day); writing the seconds register also
 * restarts the current second. The day-of-week register counts on its own, as on the chip: it keeps
 * its value when the date is written and advances at midnight.
 *
 * <p>Seconds bit 7 (CH) stops the clock while set and sets the control register's OSF flag (which
 * software can only clear). Hours bit 6 selects 12-hour mode (bit 5 = PM, hours 1-12). The year
 * register holds the year within 2000-2099.
 *
 * <p>Time comes from a {@link LongSupplier} of milliseconds since 1970-01-01T00:00Z, read when a START
 * needs the time: pass {@code System::currentTimeMillis} for host time, or for reproducible runs a
 * fixed epoch plus guest time, e.g. {@code () -> EPOCH_MS + clock.nowNs() / 1_000_000} with the
 * machine's {@code VirtualClock}. The RTC keeps the time the guest sets as an offset from that source,
 * so it needs no timer events. UTC, no time zone. Not thread-safe: used from the guest's thread.
 */
public final class Ds1338Rtc implements I2cDevice {
    /** The usual 7-bit address (the ppce500 device tree's {@code rtc@68}). */
    public static final int ADDRESS = 0x68;

    // Register map: offset, name, reset value (the clock runs from the time source at reset).
    static final int SECONDS = 0x00;  // CH (bit 7) | BCD seconds 00-59
    static final int MINUTES = 0x01;  // BCD 00-59
    static final int HOURS = 0x02;    // 12/24 (bit 6) | PM (bit 5, 12-hour mode) | BCD hours
    static final int DAY = 0x03;      // day of week 1-7 (1 = Sunday after reset)
    static final int DATE = 0x04;     // BCD 01-31
    static final int MONTH = 0x05;    // BCD 01-12
    static final int YEAR = 0x06;     // BCD 00-99 (2000-2099)
    static final int CONTROL = 0x07;  // reset 0x00: OUT (7) | OSF (5) | SQWE (4) | RS1 RS0
    static final int NVRAM = 0x08;    // 0x08-0x3F: 56 bytes, reset 0x00
    static final int REGISTERS = 0x40;

    static final int SECONDS_CH = 0x80, HOURS_12 = 0x40, HOURS_PM = 0x20;
    static final int CONTROL_OSF = 0x20, CONTROL_MASK = 0xB3;

    private final LongSupplier epochMillis;
    private final byte[] regs = new byte[REGISTERS];
    private int pointer;
    /** The next written byte is the register pointer (first byte of a write transfer). */
    private boolean pointerByte;
    /** Bitmask of time registers 0-6 written since the last capture. */
    private int writtenTime;

    /** Guest time minus source time, in milliseconds (while running). */
    private long offsetMillis;
    /** Clock halted (CH) at {@link #haltedMillis}. */
    private boolean halted;
    private long haltedMillis;
    /** 12-hour mode (hours register bit 6 as last written). */
    private boolean hours12;
    /** Day-of-week register minus the real weekday (Sunday = 0), modulo 7. */
    private int dayOffset;

    public Ds1338Rtc(LongSupplier epochMillis) {
        this.epochMillis = java.util.Objects.requireNonNull(epochMillis);
        reset();
    }

    /** Power-on state: clock running at source time, 24-hour mode, control and NVRAM zero. */
    public void reset() {
        java.util.Arrays.fill(regs, (byte) 0);
        pointer = 0;
        pointerByte = false;
        writtenTime = 0;
        offsetMillis = 0;
        halted = false;
        hours12 = false;
        dayOffset = 0;
    }

    @Override
    public boolean start(boolean read) {
        commitTime();
        captureTime();
        pointerByte = !read;
        return true;
    }

    @Override
    public boolean write(int data) {
        if (pointerByte) {
            pointerByte = false;
            pointer = data & (REGISTERS - 1);
            return true;
        }
        if (pointer < CONTROL) {
            regs[pointer] = (byte) data;
            writtenTime |= 1 << pointer;
        } else if (pointer == CONTROL) {
            int osf = data & regs[CONTROL] & CONTROL_OSF; // OSF can be cleared, not set
            regs[CONTROL] = (byte) ((data & CONTROL_MASK & ~CONTROL_OSF) | osf);
        } else {
            regs[pointer] = (byte) data;
        }
        advance();
        return true;
    }

    @Override
    public int read(boolean ack) {
        int v = regs[pointer] & 0xFF;
        advance();
        return v;
    }

    @Override
    public void stop() {
        commitTime();
        pointerByte = false;
    }

    private void advance() {
        pointer = (pointer + 1) & (REGISTERS - 1);
        if (pointer == 0) {
            commitTime();
            captureTime();
        }
    }

    /** The clock's current time in milliseconds since the epoch. */
    private long nowMillis() {
        return halted ? haltedMillis : epochMillis.getAsLong() + offsetMillis;
    }

    /** Copies the current time into registers 0-6. */
    private void captureTime() {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(nowMillis(), 1000), 0, ZoneOffset.UTC);
        regs[SECONDS] = (byte) (toBcd(t.getSecond()) | (halted ? SECONDS_CH : 0));
        regs[MINUTES] = (byte) toBcd(t.getMinute());
        int h = t.getHour();
        if (hours12) {
            int h12 = h % 12 == 0 ? 12 : h % 12;
            regs[HOURS] = (byte) (HOURS_12 | (h >= 12 ? HOURS_PM : 0) | toBcd(h12));
        } else {
            regs[HOURS] = (byte) toBcd(h);
        }
        regs[DAY] = (byte) (Math.floorMod(weekday(t.toLocalDate()) + dayOffset, 7) + 1);
        regs[DATE] = (byte) toBcd(t.getDayOfMonth());
        regs[MONTH] = (byte) toBcd(t.getMonthValue());
        regs[YEAR] = (byte) toBcd(Math.floorMod(t.getYear(), 100));
        writtenTime = 0;
    }

    /** Makes written time registers the clock's time (registers 0-6 hold a capture plus the writes). */
    private void commitTime() {
        if (writtenTime == 0) {
            return;
        }
        long before = nowMillis();
        int sec = clamp(fromBcd(regs[SECONDS] & 0x7F), 0, 59);
        int min = clamp(fromBcd(regs[MINUTES] & 0x7F), 0, 59);
        int hr = regs[HOURS] & 0xFF;
        int hour;
        hours12 = (hr & HOURS_12) != 0;
        if (hours12) {
            int h = clamp(fromBcd(hr & 0x1F), 1, 12) % 12;
            hour = (hr & HOURS_PM) != 0 ? h + 12 : h;
        } else {
            hour = clamp(fromBcd(hr & 0x3F), 0, 23);
        }
        int year = 2000 + fromBcd(regs[YEAR] & 0xFF);
        int month = clamp(fromBcd(regs[MONTH] & 0x1F), 1, 12);
        int date = clamp(fromBcd(regs[DATE] & 0x3F), 1, LocalDate.of(year, month, 1).lengthOfMonth());
        LocalDate day = LocalDate.of(year, month, date);
        long millis = LocalDateTime.of(day, java.time.LocalTime.of(hour, min, sec)).toEpochSecond(ZoneOffset.UTC) * 1000;
        if ((writtenTime & (1 << SECONDS)) == 0) {
            millis += Math.floorMod(before, 1000); // the running second goes on
        }
        dayOffset = Math.floorMod(((regs[DAY] & 7) - 1) - weekday(day), 7);
        boolean stop = (regs[SECONDS] & SECONDS_CH) != 0;
        if (stop) {
            if (!halted) {
                regs[CONTROL] |= CONTROL_OSF;
            }
            halted = true;
            haltedMillis = millis;
        } else {
            halted = false;
            offsetMillis = millis - epochMillis.getAsLong();
        }
        writtenTime = 0;
    }

    /** Sunday = 0 ... Saturday = 6. */
    private static int weekday(LocalDate d) {
        return d.getDayOfWeek().getValue() % 7;
    }

    static int toBcd(int v) {
        return (v / 10) << 4 | v % 10;
    }

    static int fromBcd(int b) {
        return (b >> 4) * 10 + (b & 0x0F);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
