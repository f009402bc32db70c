package dev.partita.devices;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class IrqCombinerTest {
    @Test
    void combinerIsWiredOr() {
        boolean[] out = {false};
        int[] calls = {0};
        IrqCombiner c = new IrqCombiner(l -> {
            out[0] = l;
            calls[0]++;
        }, 2);
        c.input(0).set(true);
        c.input(1).set(true);
        c.input(0).set(false);
        assertTrue(out[0]);
        c.input(1).set(false);
        assertFalse(out[0]);
        assertEquals(2, calls[0]);
    }
}
