package dev.partita.devices;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class GutsTest {
    int resets;
    Guts guts = new Guts(0x80210030, 0, () -> resets++);

    @Test
    void versionRegisters() {
        assertEquals(0x80210030L, guts.read(0xA0, 4), "PVR of e500v2 rev 3.0");
        assertEquals(0, guts.read(0xA4, 4), "SVR as QEMU's ppce500 reports it");
        guts.write(0xA0, 4, 0);
        assertEquals(0x80210030L, guts.read(0xA0, 4), "read-only");
    }

    @Test
    void rstcrRequestsResetOnlyWithHresetReq() {
        guts.write(0xB0, 4, 0x1);
        assertEquals(0, resets);
        guts.write(0xB0, 4, 0x2);
        assertEquals(1, resets);
        assertEquals(0, guts.read(0xB0, 4));
    }

    @Test
    void porRegistersReadZeroLikeQemu() {
        assertEquals(0, guts.read(0x00, 4), "PORPLLSR");
        assertEquals(0, guts.read(0x0C, 4), "PORDEVSR");
        guts.write(0x70, 4, 0xFFFFFFFFL);
        assertEquals(0, guts.read(0x70, 4), "DEVDISR writes are ignored");
        assertEquals(0, guts.read(0x800, 4), "unimplemented reads 0");
    }
}
