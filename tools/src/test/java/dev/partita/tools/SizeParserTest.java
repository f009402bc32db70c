package dev.partita.tools;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** QEMU's -m syntax: a bare number is MiB; suffixes K, M, G (either case); "size=" may lead. */
class SizeParserTest {
    @Test
    void accepted() {
        assertEquals(256L << 20, SizeParser.parse("256"));
        assertEquals(256L << 20, SizeParser.parse("256M"));
        assertEquals(256L << 20, SizeParser.parse("256m"));
        assertEquals(1L << 30, SizeParser.parse("1G"));
        assertEquals(3L << 30, SizeParser.parse("3g"));
        assertEquals(512L << 10, SizeParser.parse("512K"));
        assertEquals(4096, SizeParser.parse("4096B"));
        assertEquals(128L << 20, SizeParser.parse("size=128M"));
        assertEquals(64L << 20, SizeParser.parse(" 64 "));
    }

    @Test
    void rejected() {
        for (String bad : new String[] {"", " ", "M", "size=", "abc", "12X", "1T", "256MB", "0x100", "1.5G", "-1", "0",
                "0M", "99999999999999999999", "2000000G", "+-5"}) {
            assertThrows(IllegalArgumentException.class, () -> SizeParser.parse(bad), "'" + bad + "'");
        }
    }
}
