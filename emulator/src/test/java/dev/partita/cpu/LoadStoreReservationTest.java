package dev.partita.cpu;

import static dev.partita.cpu.SystemTestRig.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** lwarx / stwcx. reservations and dcbz. */
class LoadStoreReservationTest {
    final SystemTestRig rig = new SystemTestRig();
    final Cpu c = rig.cpu;

    static int lwarx(int rt, int ra, int rb) {
        return x(31, rt, ra, rb, 20);
    }

    static int stwcx(int rs, int ra, int rb) {
        return x(31, rs, ra, rb, 150) | 1;
    }

    @Test
    void lwarxThenStwcxSucceedsAndSetsEq() {
        rig.at(0x3000, 41);
        c.gpr[4] = 0x3000;
        c.xerSo = 1;
        c.cr = 0xFFFFFFFF;
        rig.code(lwarx(5, 0, 4), addi(5, 5, 1), stwcx(5, 0, 4));
        rig.run(3);
        assertEquals(42, rig.word(0x3000));
        assertEquals(0x2 | 0x1, c.cr >>> 28); // EQ and SO copied from XER
        assertEquals(0x0FFFFFFF, c.cr & 0x0FFFFFFF);
        assertFalse(c.reservationValid);
    }

    @Test
    void stwcxWithoutReservationFailsAndDoesNotStore() {
        rig.at(0x3000, 7);
        c.gpr[4] = 0x3000;
        c.gpr[5] = 99;
        c.cr = 0xF0000000;
        rig.code(stwcx(5, 0, 4));
        rig.run(1);
        assertEquals(7, rig.word(0x3000));
        assertEquals(0, c.cr >>> 28); // LT GT EQ cleared, SO = XER[SO] = 0
    }

    @Test
    void anyStwcxClearsTheReservation() {
        rig.at(0x3000, 1, 2);
        c.gpr[4] = 0x3000;
        c.gpr[6] = 0x3004;
        c.gpr[5] = 77;
        rig.code(lwarx(3, 0, 4), stwcx(5, 0, 6) /* other address: fails */, stwcx(5, 0, 4) /* now no reservation */);
        rig.run(2);
        assertEquals(0, c.cr >>> 28);
        assertEquals(2, rig.word(0x3004));
        assertFalse(c.reservationValid);
        rig.run(1);
        assertEquals(0, c.cr >>> 28);
        assertEquals(1, rig.word(0x3000));
    }

    @Test
    void secondStwcxFails() {
        rig.at(0x3000, 5);
        c.gpr[4] = 0x3000;
        c.gpr[5] = 6;
        c.gpr[7] = 8;
        rig.code(lwarx(3, 0, 4), stwcx(5, 0, 4), stwcx(7, 0, 4));
        rig.run(3);
        assertEquals(6, rig.word(0x3000));
        assertEquals(0, c.cr >>> 28);
    }

    @Test
    void misalignedLwarxTakesAlignmentInterrupt() {
        c.gpr[4] = 0x3002;
        c.gpr[3] = 0x1234;
        rig.code(lwarx(3, 0, 4));
        rig.run(1);
        assertEquals(vector(Ivor.ALIGNMENT), c.pc);
        assertEquals(0x3002, c.spr[Sprs.DEAR]);
        assertEquals(CODE, c.spr[Sprs.SRR0]);
        assertEquals(0, c.spr[Sprs.ESR]);
        assertEquals(0x1234, c.gpr[3]);
        assertFalse(c.reservationValid);
    }

    @Test
    void misalignedStwcxTakesAlignmentInterruptWithEsrSt() {
        c.gpr[4] = 0x3001;
        rig.code(stwcx(3, 0, 4));
        rig.run(1);
        assertEquals(vector(Ivor.ALIGNMENT), c.pc);
        assertEquals(0x3001, c.spr[Sprs.DEAR]);
        assertEquals(Sprs.ESR_ST, c.spr[Sprs.ESR]);
    }

    @Test
    void dcbzZeroesExactlyTheAligned32ByteLine() {
        for (int a = 0x2000; a < 0x2080; a += 4) {
            rig.at(a, 0xFFFFFFFF);
        }
        c.gpr[4] = 0x2020;
        c.gpr[5] = 0x05; // EA 0x2025, inside the line 0x2020..0x203F
        rig.code(x(31, 0, 4, 5, 1014));
        rig.run(1);
        for (int a = 0x2000; a < 0x2080; a += 4) {
            int expected = a >= 0x2020 && a < 0x2040 ? 0 : 0xFFFFFFFF;
            assertEquals(expected, rig.word(a), Integer.toHexString(a));
        }
        assertEquals(CODE + 4, c.pc);
    }

    @Test
    void dcbzCancelsAReservationInItsLine() {
        rig.at(0x2024, 3);
        c.gpr[4] = 0x2024;
        c.gpr[5] = 9;
        rig.code(lwarx(3, 0, 4), x(31, 0, 0, 4, 1014), stwcx(5, 0, 4));
        rig.run(3);
        assertEquals(0, rig.word(0x2024));
        assertEquals(0, c.cr >>> 28);
    }
}
