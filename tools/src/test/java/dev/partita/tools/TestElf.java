package dev.partita.tools;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A minimal ELF32 big-endian PowerPC executable (ELF specification layout): header, one PT_LOAD
 * program header, the code, and a section table with .text, .symtab, .strtab and .shstrtab, with
 * one function symbol at the entry point. Enough for the command line tests; no cross compiler needed.
 */
final class TestElf {
    private TestElf() {}

    static byte[] program(long addr, String symbol, int... words) {
        byte[] strtab = ("\0" + symbol + "\0").getBytes(StandardCharsets.ISO_8859_1);
        byte[] shstr = "\0.text\0.symtab\0.strtab\0.shstrtab\0".getBytes(StandardCharsets.ISO_8859_1);
        int code = 52 + 32;
        int symtab = code + 4 * words.length;
        int str = symtab + 32;
        int shs = str + strtab.length;
        int shoff = (shs + shstr.length + 3) & ~3;
        ByteBuffer f = ByteBuffer.allocate(shoff + 5 * 40);
        f.put(new byte[] {0x7F, 'E', 'L', 'F', 1, 2, 1});
        f.putShort(16, (short) 2).putShort(18, (short) 20).putInt(20, 1).putInt(24, (int) addr).putInt(28, 52)
                .putInt(32, shoff).putShort(40, (short) 52).putShort(42, (short) 32).putShort(44, (short) 1)
                .putShort(46, (short) 40).putShort(48, (short) 5).putShort(50, (short) 4);
        f.putInt(52, 1).putInt(56, code).putInt(60, (int) addr).putInt(64, (int) addr)
                .putInt(68, 4 * words.length).putInt(72, 4 * words.length).putInt(76, 5).putInt(80, 4);
        for (int i = 0; i < words.length; i++) {
            f.putInt(code + 4 * i, words[i]);
        }
        f.putInt(symtab + 16, 1).putInt(symtab + 20, (int) addr).put(symtab + 28, (byte) 0x12).putShort(symtab + 30, (short) 1);
        f.put(str, strtab).put(shs, shstr);
        section(f, shoff + 40, 1, 1, 6, addr, code, 4 * words.length, 0, 4, 0);
        section(f, shoff + 80, 7, 2, 0, 0, symtab, 32, 3, 4, 16);
        section(f, shoff + 120, 15, 3, 0, 0, str, strtab.length, 0, 1, 0);
        section(f, shoff + 160, 23, 3, 0, 0, shs, shstr.length, 0, 1, 0);
        return f.array();
    }

    private static void section(ByteBuffer f, int at, int name, int type, int flags, long addr, int off, int size,
                                int link, int align, int entsize) {
        f.putInt(at, name).putInt(at + 4, type).putInt(at + 8, flags).putInt(at + 12, (int) addr).putInt(at + 16, off)
                .putInt(at + 20, size).putInt(at + 24, link).putInt(at + 28, link == 3 ? 1 : 0).putInt(at + 32, align)
                .putInt(at + 36, entsize);
    }
}
