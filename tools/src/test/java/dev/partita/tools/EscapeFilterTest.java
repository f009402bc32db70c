package dev.partita.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** QEMU's -nographic escapes: C-a x quits, C-a h helps, C-a C-a sends C-a, other bytes pass through. */
class EscapeFilterTest {
    int quits, helps;
    final EscapeFilter f = new EscapeFilter(new EscapeFilter.Actions() {
        @Override
        public void quit() {
            quits++;
        }

        @Override
        public void help(String text) {
            helps++;
        }
    });

    byte[] feed(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return f.filter(b, b.length);
    }

    @Test
    void plainBytesPassThrough() {
        assertArrayEquals(new byte[] {'l', 's', 3, '\r', (byte) 0xFF}, feed('l', 's', 3, '\r', 0xFF));
        assertEquals(0, quits);
    }

    @Test
    void ctrlAxQuitsAndDropsTheRest() {
        assertArrayEquals(new byte[] {'a'}, feed('a', 1, 'x', 'b'));
        assertEquals(1, quits);
    }

    @Test
    void escapeSplitAcrossReads() {
        assertArrayEquals(new byte[] {'q'}, feed('q', 1));
        assertArrayEquals(new byte[0], feed('x'));
        assertEquals(1, quits);
    }

    @Test
    void doubledEscapeSendsOneAndHelpIsLocal() {
        assertArrayEquals(new byte[] {1, 'z'}, feed(1, 1, 'z'));
        assertArrayEquals(new byte[0], feed(1, 'h'));
        assertEquals(1, helps);
        assertArrayEquals(new byte[] {'k'}, feed(1, 'c', 'k'));     // unknown escape swallowed
        assertEquals(0, quits);
    }
}
