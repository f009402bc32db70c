package dev.partita.machine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small ELF32 big-endian PowerPC executables for the loader tests, laid out as the System V
 * ABI's ELF specification describes them (header, program headers, segment data, then optionally a
 * section header table with .text, .symtab, .strtab and .shstrtab), so no cross compiler is needed.
 */
final class ElfImageFixture {
    /** Offsets of ELF32 header fields (ELF specification, "ELF Header"). */
    static final int EI_CLASS = 4, EI_DATA = 5, E_TYPE = 16, E_MACHINE = 18, E_ENTRY = 24, E_PHOFF = 28,
            E_SHOFF = 32, E_PHENTSIZE = 42, E_PHNUM = 44, E_SHENTSIZE = 46, E_SHNUM = 48, E_SHSTRNDX = 50;
    static final int EHDR_SIZE = 52, PHDR_SIZE = 32, SHDR_SIZE = 40;
    /** Offsets inside a program header. */
    static final int P_TYPE = 0, P_OFFSET = 4, P_VADDR = 8, P_PADDR = 12, P_FILESZ = 16, P_MEMSZ = 20, P_FLAGS = 24;
    static final int PT_NULL = 0, PT_LOAD = 1, PT_NOTE = 4;
    static final int PF_X = 1, PF_W = 2, PF_R = 4;

    /** One program header; {@code data} is what the file holds ({@code p_filesz} bytes). */
    record Seg(int type, long paddr, long vaddr, byte[] data, long memsz, int flags) {
        static Seg load(long addr, byte[] data, long memsz, int flags) {
            return new Seg(PT_LOAD, addr, addr, data, memsz, flags);
        }
    }

    private long entry;
    private final List<Seg> segs = new ArrayList<>();
    private boolean sections;
    private final List<String> symNames = new ArrayList<>();
    private final List<Long> symValues = new ArrayList<>();

    static ElfImageFixture builder() {
        return new ElfImageFixture();
    }

    ElfImageFixture entry(long e) {
        this.entry = e;
        return this;
    }

    ElfImageFixture segment(Seg s) {
        segs.add(s);
        return this;
    }

    /** Adds section headers: .text over the first segment, a symbol table and the name tables. */
    ElfImageFixture withSections() {
        this.sections = true;
        return this;
    }

    ElfImageFixture symbol(String name, long value) {
        symNames.add(name);
        symValues.add(value);
        return this;
    }

    /** A program of {@code words} linked and loaded at {@code addr}, entry at its first word. */
    static byte[] program(long addr, int... words) {
        return builder().entry(addr).segment(Seg.load(addr, words(words), 4L * words.length, PF_R | PF_X))
                .withSections().symbol("_start", addr).build();
    }

    static byte[] words(int... words) {
        ByteBuffer b = ByteBuffer.allocate(4 * words.length);
        for (int w : words) {
            b.putInt(w);
        }
        return b.array();
    }

    byte[] build() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int phoff = EHDR_SIZE;
        int dataStart = align(phoff + PHDR_SIZE * segs.size());
        int[] segOff = new int[segs.size()];
        int pos = dataStart;
        for (int i = 0; i < segs.size(); i++) {
            segOff[i] = pos;
            body.writeBytes(segs.get(i).data());
            pos += segs.get(i).data().length;
            int pad = align(pos) - pos;
            body.writeBytes(new byte[pad]);
            pos += pad;
        }
        // section data: .symtab, .strtab, .shstrtab
        int symtabOff = 0, strtabOff = 0, shstrOff = 0, shoff = 0;
        byte[] symtab = new byte[0], strtab = new byte[0], shstr = new byte[0];
        int[] shName = new int[5];
        if (sections) {
            ByteArrayOutputStream strs = new ByteArrayOutputStream();
            strs.write(0);
            ByteBuffer st = ByteBuffer.allocate(16 * (1 + symNames.size()));
            st.position(16); // symbol 0 is the null symbol
            for (int i = 0; i < symNames.size(); i++) {
                st.putInt(strs.size());
                st.putInt((int) (long) symValues.get(i));
                st.putInt(0);
                st.put((byte) 0x12); // STB_GLOBAL, STT_FUNC
                st.put((byte) 0);
                st.putShort((short) 1); // in .text
                strs.writeBytes(symNames.get(i).getBytes(StandardCharsets.ISO_8859_1));
                strs.write(0);
            }
            symtab = st.array();
            strtab = strs.toByteArray();
            ByteArrayOutputStream names = new ByteArrayOutputStream();
            names.write(0);
            String[] secNames = {"", ".text", ".symtab", ".strtab", ".shstrtab"};
            for (int i = 1; i < secNames.length; i++) {
                shName[i] = names.size();
                names.writeBytes(secNames[i].getBytes(StandardCharsets.ISO_8859_1));
                names.write(0);
            }
            shstr = names.toByteArray();
            symtabOff = pos;
            strtabOff = symtabOff + symtab.length;
            shstrOff = strtabOff + strtab.length;
            shoff = align(shstrOff + shstr.length);
            body.writeBytes(symtab);
            body.writeBytes(strtab);
            body.writeBytes(shstr);
            body.writeBytes(new byte[shoff - (shstrOff + shstr.length)]);
        }
        int shnum = sections ? 5 : 0;
        ByteBuffer f = ByteBuffer.allocate(dataStart + body.size() + shnum * SHDR_SIZE);
        f.put(new byte[] {0x7F, 'E', 'L', 'F', 1, 2, 1, 0});
        f.putShort(E_TYPE, (short) 2); // ET_EXEC
        f.putShort(E_MACHINE, (short) 20); // EM_PPC
        f.putInt(20, 1); // EV_CURRENT
        f.putInt(E_ENTRY, (int) entry);
        f.putInt(E_PHOFF, segs.isEmpty() ? 0 : phoff);
        f.putInt(E_SHOFF, shoff);
        f.putShort(40, (short) EHDR_SIZE);
        f.putShort(E_PHENTSIZE, (short) PHDR_SIZE);
        f.putShort(E_PHNUM, (short) segs.size());
        f.putShort(E_SHENTSIZE, (short) SHDR_SIZE);
        f.putShort(E_SHNUM, (short) shnum);
        f.putShort(E_SHSTRNDX, (short) (sections ? 4 : 0));
        for (int i = 0; i < segs.size(); i++) {
            Seg s = segs.get(i);
            int p = phoff + i * PHDR_SIZE;
            f.putInt(p + P_TYPE, s.type());
            f.putInt(p + P_OFFSET, segOff[i]);
            f.putInt(p + P_VADDR, (int) s.vaddr());
            f.putInt(p + P_PADDR, (int) s.paddr());
            f.putInt(p + P_FILESZ, s.data().length);
            f.putInt(p + P_MEMSZ, (int) s.memsz());
            f.putInt(p + P_FLAGS, s.flags());
            f.putInt(p + 28, 4);
        }
        f.put(dataStart, body.toByteArray());
        if (sections) {
            Seg text = segs.get(0);
            int base = shoff;
            // [0] null
            sh(f, base + SHDR_SIZE, shName[1], 1, 6, text.vaddr(), segOff[0], text.data().length, 0, 0, 4, 0);
            sh(f, base + 2 * SHDR_SIZE, shName[2], 2, 0, 0, symtabOff, symtab.length, 3, 1, 4, 16);
            sh(f, base + 3 * SHDR_SIZE, shName[3], 3, 0, 0, strtabOff, strtab.length, 0, 0, 1, 0);
            sh(f, base + 4 * SHDR_SIZE, shName[4], 3, 0, 0, shstrOff, shstr.length, 0, 0, 1, 0);
        }
        return f.array();
    }

    private static void sh(ByteBuffer f, int at, int name, int type, int flags, long addr, int off, int size,
                           int link, int info, int align, int entsize) {
        f.putInt(at, name);
        f.putInt(at + 4, type);
        f.putInt(at + 8, flags);
        f.putInt(at + 12, (int) addr);
        f.putInt(at + 16, off);
        f.putInt(at + 20, size);
        f.putInt(at + 24, link);
        f.putInt(at + 28, info);
        f.putInt(at + 32, align);
        f.putInt(at + 36, entsize);
    }

    private static int align(int n) {
        return (n + 3) & ~3;
    }
}
