package dev.partita.firmware;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Just enough of a big-endian ELF32 reader to find a symbol and the file bytes behind an address. */
final class Elf32 {
    private final ByteBuffer buf;

    Elf32(byte[] image) {
        this.buf = ByteBuffer.wrap(image).order(ByteOrder.BIG_ENDIAN);
        if (image.length < 52 || buf.getInt(0) != 0x7F454C46 || image[4] != 1 || image[5] != 2) {
            throw new IllegalArgumentException("not a big-endian ELF32 image");
        }
    }

    private int shoff() {
        return buf.getInt(0x20);
    }

    private int shentsize() {
        return buf.getShort(0x2E) & 0xFFFF;
    }

    private int shnum() {
        return buf.getShort(0x30) & 0xFFFF;
    }

    private int sh(int i, int field) {
        return buf.getInt(shoff() + i * shentsize() + field);
    }

    /** The value of a symbol from .symtab. */
    long symbol(String name) {
        for (int i = 0; i < shnum(); i++) {
            if (sh(i, 4) != 2) { // SHT_SYMTAB
                continue;
            }
            int off = sh(i, 0x10), size = sh(i, 0x14), strtab = sh(i, 0x18), entsize = sh(i, 0x24);
            int strOff = sh(strtab, 0x10);
            for (int s = off; s + entsize <= off + size; s += entsize) {
                if (name.equals(string(strOff + buf.getInt(s)))) {
                    return buf.getInt(s + 4) & 0xFFFF_FFFFL;
                }
            }
        }
        throw new IllegalArgumentException("no symbol " + name);
    }

    /** File offset of {@code length} bytes at virtual address {@code addr}, inside one PROGBITS section. */
    int fileOffset(long addr, int length) {
        for (int i = 0; i < shnum(); i++) {
            long a = sh(i, 0x0C) & 0xFFFF_FFFFL;
            long size = sh(i, 0x14) & 0xFFFF_FFFFL;
            if (sh(i, 4) == 1 && addr >= a && addr + length <= a + size) {
                return (int) (sh(i, 0x10) + (addr - a));
            }
        }
        throw new IllegalArgumentException(String.format("0x%x+%d is not file-backed", addr, length));
    }

    private String string(int at) {
        int end = at;
        while (buf.get(end) != 0) {
            end++;
        }
        return new String(buf.array(), at, end - at, StandardCharsets.ISO_8859_1);
    }
}
