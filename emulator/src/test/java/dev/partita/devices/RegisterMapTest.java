package dev.partita.devices;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class RegisterMapTest {
    @Test
    void plainStorageWithWriteMaskAndReset() {
        RegisterMap m = new RegisterMap("t", 0);
        Register r = m.define(0x10, 4, "CTRL", 0x11223344).writable(0x0000FFFF);
        assertEquals(0x11223344L, m.read(0x10, 4));
        m.write(0x10, 4, 0xAAAABBBBL);
        assertEquals(0x1122BBBB, r.get());
        m.reset();
        assertEquals(0x11223344, r.get());
    }

    @Test
    void narrowAccessesAreBigEndian() {
        RegisterMap m = new RegisterMap("t", 0);
        Register r = m.define(0, 4, "R", 0x11223344);
        assertEquals(0x11, m.read(0, 1));
        assertEquals(0x44, m.read(3, 1));
        assertEquals(0x3344, m.read(2, 2));
        m.write(1, 1, 0xAB);
        assertEquals(0x11AB3344, r.get());
    }

    @Test
    void wideAccessSplitsAcrossRegisters() {
        RegisterMap m = new RegisterMap("t", 0);
        m.define(0, 4, "HI", 0x01020304);
        Register lo = m.define(4, 4, "LO", 0x05060708);
        assertEquals(0x0102030405060708L, m.read(0, 8));
        m.write(0, 8, 0x1111111122222222L);
        assertEquals(0x22222222, lo.get());
    }

    @Test
    void behaviours() {
        RegisterMap m = new RegisterMap("t", 0xFFFFFFFF);
        Register ro = m.define(0, 4, "RO", 7).readOnly();
        Register st = m.define(4, 4, "ST", 0xF0).writeOneToClear();
        int[] seen = {0};
        m.define(8, 4, "CMD", 0).onWrite(v -> seen[0] = v);
        m.define(12, 2, "CNT", 0).onRead(() -> 0x12345);
        m.write(0, 4, 0);
        assertEquals(7, ro.get());
        m.write(4, 4, 0x30);
        assertEquals(0xC0, st.get());
        m.write(8, 4, 0x55);
        assertEquals(0x55, seen[0]);
        assertEquals(0x2345, m.read(12, 2), "value limited to the register width");
        assertEquals(0xFFFF, m.read(14, 2), "hole reads the unmapped value");
        assertEquals(0xFFFFFFFFL, m.read(0x100, 4));
        assertDoesNotThrow(() -> m.write(-5, 4, 1));
    }

    @Test
    void overlapsAreRejectedAtDefinition() {
        RegisterMap m = new RegisterMap("t", 0);
        m.define(4, 4, "A", 0);
        assertThrows(IllegalArgumentException.class, () -> m.define(6, 2, "B", 0));
        assertThrows(IllegalArgumentException.class, () -> m.define(2, 4, "C", 0));
        assertThrows(IllegalArgumentException.class, () -> m.define(4, 1, "D", 0));
    }

    @Test
    void narrowWriteMergesWithTheComputedValue() {
        RegisterMap m = new RegisterMap("t", 0);
        int[] state = {0x11223344};
        m.define(0, 4, "V", 0).onRead(() -> state[0]).onWrite(v -> state[0] = v);
        m.write(3, 1, 0xAA);
        assertEquals(0x112233AA, state[0]);
        int[] reads = {0};
        int[] written = {0};
        m.define(4, 4, "ACK", 0x55).onRead(() -> ++reads[0]).readSideEffects().onWrite(v -> written[0] = v);
        m.write(4, 2, 0x1234);
        assertEquals(0, reads[0], "no side-effecting read for a narrow write");
        assertEquals(0x12340055, written[0]);
    }
}
