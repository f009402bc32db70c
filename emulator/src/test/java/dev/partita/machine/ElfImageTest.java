package dev.partita.machine;

import dev.partita.machine.ElfImageFixture.Seg;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

import static dev.partita.machine.ElfImageFixture.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ElfImage against the ELF32 specification: what a well-formed big-endian PowerPC executable yields,
 * and for each kind of malformed file one {@link ImageException} line that names the file.
 */
class ElfImageTest {
    private static final String NAME = "prog.elf";

    private static byte[] valid() {
        return program(0x10_0000, 0x3860_0000, 0x4800_0000);
    }

    /** A copy of {@link #valid()} with {@code edit} applied to it through a big-endian buffer. */
    private static byte[] edited(Consumer<ByteBuffer> edit) {
        byte[] b = valid();
        edit.accept(ByteBuffer.wrap(b));
        return b;
    }

    private static String rejects(byte[] elf) {
        ImageException e = assertThrows(ImageException.class, () -> ElfImage.parse(NAME, elf));
        String m = e.getMessage();
        assertTrue(m.startsWith(NAME + ": "), m);
        assertFalse(m.contains("\n"), m);
        return m;
    }

    @Test
    void wellFormedExecutable() throws Exception {
        byte[] data = words(0x3860_0000, 0x4800_0000);
        byte[] elf = builder().entry(0x10_0004)
                .segment(Seg.load(0x10_0000, data, 8, PF_R | PF_X))
                .segment(new Seg(PT_LOAD, 0x20_0000, 0xC020_0000L, words(0x1234_5678), 0x1000, PF_R | PF_W))
                .segment(new Seg(PT_NOTE, 0, 0, words(1, 2, 3), 12, PF_R))
                .withSections().symbol("_start", 0x10_0000).symbol("loop", 0x10_0004).build();
        ElfImage img = ElfImage.parse(NAME, elf);
        assertEquals(0x10_0004, img.entry);
        assertEquals(2, img.segments.size(), "only PT_LOAD segments are loaded");
        ElfImage.Segment text = img.segments.get(0);
        assertEquals(0x10_0000, text.paddr());
        assertArrayEquals(data, text.data());
        assertTrue(text.executable());
        ElfImage.Segment dataSeg = img.segments.get(1);
        assertEquals(0x20_0000, dataSeg.paddr(), "loaded at p_paddr, as QEMU's load_elf does");
        assertEquals(0xC020_0000L, dataSeg.vaddr());
        assertEquals(0x1000, dataSeg.memSize());
        assertEquals(4, dataSeg.data().length);
        assertFalse(dataSeg.executable());
        assertEquals(0x10_0000, img.lowestAddress());
        assertEquals(8 + 0x1000, img.totalMemSize(), "QEMU counts the sum of the segments' p_memsz");
        assertEquals(1, img.sections.size());
        assertEquals(".text", img.sections.get(0).name());
        assertArrayEquals(data, img.sectionBytes(img.sections.get(0)));
        assertEquals(2, img.symbols.size());
        assertEquals(new ElfImage.Symbol("loop", 0x10_0004, 0), img.symbols.get(1));
    }

    @Test
    void sectionHeadersAreOptional() throws Exception {
        byte[] elf = builder().entry(0x10_0000).segment(Seg.load(0x10_0000, words(0x4800_0000), 4, PF_R | PF_X)).build();
        ElfImage img = ElfImage.parse(NAME, elf);
        assertEquals(1, img.segments.size());
        assertTrue(img.sections.isEmpty());
        assertTrue(img.symbols.isEmpty());
    }

    @Test
    void brokenSectionHeadersOnlyCostTheListing() throws Exception {
        // section headers are not needed to load, so a file whose section table points nowhere still loads
        for (int shoff : new int[] {-1, 0x7FFF_FFF0, 1}) {
            ElfImage img = ElfImage.parse(NAME, edited(b -> b.putInt(E_SHOFF, shoff)));
            assertEquals(1, img.segments.size());
        }
        ElfImage img = ElfImage.parse(NAME, edited(b -> b.putShort(E_SHSTRNDX, (short) 0x7FFF)));
        assertEquals(1, img.segments.size());
        // a .text section whose offset leaves the file is dropped, not read
        byte[] elf = valid();
        int shoff = ByteBuffer.wrap(elf).getInt(E_SHOFF);
        ByteBuffer.wrap(elf).putInt(shoff + SHDR_SIZE + 16, 0x7FFF_0000);
        assertTrue(ElfImage.parse(NAME, elf).sections.isEmpty());
        // a symbol table whose name table is outside the file gives no symbols
        elf = valid();
        ByteBuffer.wrap(elf).putInt(shoff + 3 * SHDR_SIZE + 16, -16);
        assertTrue(ElfImage.parse(NAME, elf).symbols.isEmpty());
        // symbol names pointing past their table are empty and left out
        elf = valid();
        int symtab = ByteBuffer.wrap(elf).getInt(shoff + 2 * SHDR_SIZE + 16);
        ByteBuffer.wrap(elf).putInt(symtab + 16, 0x7000_0000);
        assertTrue(ElfImage.parse(NAME, elf).symbols.isEmpty());
    }

    @Test
    void notAnElf() {
        assertTrue(rejects(new byte[0]).contains("not an ELF"));
        assertTrue(rejects("#!/bin/sh\necho hi\n".getBytes()).contains("not an ELF"));
        assertTrue(rejects(new byte[] {0x7F, 'E', 'L'}).contains("not an ELF"));
    }

    @Test
    void truncatedHeader() {
        for (int len : new int[] {4, 16, 51}) {
            assertTrue(rejects(Arrays.copyOf(valid(), len)).contains("truncated"), "length " + len);
        }
    }

    @Test
    void elf64IsRejected() {
        assertTrue(rejects(edited(b -> b.put(EI_CLASS, (byte) 2))).contains("32-bit"));
        assertTrue(rejects(edited(b -> b.put(EI_CLASS, (byte) 0))).contains("32-bit"));
    }

    @Test
    void littleEndianIsRejected() {
        assertTrue(rejects(edited(b -> b.put(EI_DATA, (byte) 1))).contains("big-endian"));
        assertTrue(rejects(edited(b -> b.put(EI_DATA, (byte) 0))).contains("big-endian"));
    }

    @Test
    void otherMachinesAreRejected() {
        assertTrue(rejects(edited(b -> b.putShort(E_MACHINE, (short) 3))).contains("not PowerPC"), "x86");
        assertTrue(rejects(edited(b -> b.putShort(E_MACHINE, (short) 21))).contains("not PowerPC"), "PPC64");
        assertTrue(rejects(edited(b -> b.putShort(E_MACHINE, (short) 0xFFFF))).contains("not PowerPC"));
    }

    @Test
    void zeroProgramHeaders() {
        assertTrue(rejects(edited(b -> b.putShort(E_PHNUM, (short) 0))).contains("no program headers"));
    }

    @Test
    void programHeadersOutsideTheFile() {
        assertTrue(rejects(edited(b -> b.putInt(E_PHOFF, 0x10_0000))).contains("program headers outside"));
        assertTrue(rejects(edited(b -> b.putInt(E_PHOFF, -4))).contains("program headers outside"));
        assertTrue(rejects(edited(b -> b.putShort(E_PHNUM, (short) 0xFFFF))).contains("program headers outside"));
        assertTrue(rejects(edited(b -> b.putShort(E_PHENTSIZE, (short) 0xFFFF))).contains("program headers outside"));
        assertTrue(rejects(edited(b -> b.putShort(E_PHENTSIZE, (short) 8))).contains("program headers"),
                "entries smaller than an ELF32 program header");
        // the table ends one byte past the end of the file
        byte[] elf = valid();
        ByteBuffer.wrap(elf).putInt(E_PHOFF, elf.length - PHDR_SIZE + 1);
        assertTrue(rejects(elf).contains("program headers outside"));
    }

    @Test
    void segmentDataOutsideTheFile() {
        int p = EHDR_SIZE;
        assertTrue(rejects(edited(b -> b.putInt(p + P_OFFSET, 0x7FFF_FFFF))).contains("segment 0 extends past"));
        assertTrue(rejects(edited(b -> b.putInt(p + P_OFFSET, -1))).contains("segment 0 extends past"));
        assertTrue(rejects(edited(b -> b.putInt(p + P_FILESZ, 0x10_0000).putInt(p + P_MEMSZ, 0x10_0000)))
                .contains("segment 0 extends past"));
        assertTrue(rejects(edited(b -> b.putInt(p + P_FILESZ, -1).putInt(p + P_MEMSZ, -1)))
                .contains("segment 0 extends past"));
        byte[] elf = valid();
        assertTrue(rejects(Arrays.copyOf(elf, EHDR_SIZE + PHDR_SIZE + 4)).contains("extends past"),
                "file cut inside the segment data");
    }

    @Test
    void memszSmallerThanFilesz() {
        assertTrue(rejects(edited(b -> b.putInt(EHDR_SIZE + P_MEMSZ, 4))).contains("memsz < filesz"));
    }

    @Test
    void nothingToLoad() {
        assertTrue(rejects(edited(b -> b.putInt(EHDR_SIZE + P_TYPE, PT_NULL))).contains("nothing to load"));
        assertTrue(rejects(edited(b -> b.putInt(EHDR_SIZE + P_TYPE, PT_NOTE))).contains("nothing to load"));
        assertTrue(rejects(edited(b -> b.putInt(EHDR_SIZE + P_FILESZ, 0).putInt(EHDR_SIZE + P_MEMSZ, 0)))
                .contains("nothing to load"), "QEMU skips empty segments");
    }
}
