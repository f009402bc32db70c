package dev.partita.machine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed 32-bit big-endian PowerPC ELF executable: its loadable segments, entry point, and (for the
 * disassembler) its sections and function/object symbols. Every offset and size is checked against the
 * file, so a malformed or truncated file gives an {@link ImageException} with one line, never another
 * exception.
 */
public final class ElfImage {
    static final int EM_PPC = 20;
    static final int PT_LOAD = 1;
    static final int SHT_SYMTAB = 2;
    static final int SHF_EXECINSTR = 4;

    /** A PT_LOAD segment: {@code fileSize} bytes from the file at {@code paddr}, zero-filled up to {@code memSize}. */
    public record Segment(long paddr, long vaddr, byte[] data, long memSize, boolean executable) {}

    public record Section(String name, long addr, long size, int offset, boolean executable) {}

    public record Symbol(String name, long value, long size) {}

    public final String name;
    /**
     * Where execution starts, as a physical address: e_entry, moved into p_paddr's space when it lies in
     * the file bytes of an executable segment linked at a different virtual address (as QEMU's load_elf).
     */
    public final long entry;
    public final List<Segment> segments;
    public final List<Section> sections;
    public final List<Symbol> symbols;
    private final byte[] file;

    private ElfImage(String name, byte[] file, long entry, List<Segment> segments, List<Section> sections, List<Symbol> symbols) {
        this.name = name;
        this.file = file;
        this.entry = entry;
        this.segments = segments;
        this.sections = sections;
        this.symbols = symbols;
    }

    public static boolean looksLikeElf(byte[] b) {
        return b.length >= 4 && b[0] == 0x7F && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
    }

    /** The bytes of a section, as stored in the file. */
    public byte[] sectionBytes(Section s) {
        byte[] out = new byte[(int) s.size];
        System.arraycopy(file, s.offset, out, 0, out.length);
        return out;
    }

    /** Lowest physical address of any loaded segment. */
    public long lowestAddress() {
        return segments.stream().mapToLong(Segment::paddr).min().orElse(0);
    }

    /** Sum of the segments' memory sizes (what QEMU's ELF loader reports as the image size). */
    public long totalMemSize() {
        return segments.stream().mapToLong(Segment::memSize).sum();
    }

    public static ElfImage parse(String name, byte[] b) throws ImageException {
        if (!looksLikeElf(b)) {
            throw new ImageException(name + ": not an ELF file");
        }
        if (b.length < 52) {
            throw new ImageException(name + ": malformed ELF: truncated header");
        }
        if (b[4] != 1) {
            throw new ImageException(name + ": not a 32-bit ELF (PowerPC e500 images are ELF32)");
        }
        if (b[5] != 2) {
            throw new ImageException(name + ": not a big-endian ELF");
        }
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        int machine = h.getShort(18) & 0xFFFF;
        if (machine != EM_PPC) {
            throw new ImageException(name + ": ELF machine " + machine + " is not PowerPC (20)");
        }
        long entry = h.getInt(24) & 0xFFFFFFFFL;
        long phoff = h.getInt(28) & 0xFFFFFFFFL;
        long shoff = h.getInt(32) & 0xFFFFFFFFL;
        int phentsize = h.getShort(42) & 0xFFFF;
        int phnum = h.getShort(44) & 0xFFFF;
        int shentsize = h.getShort(46) & 0xFFFF;
        int shnum = h.getShort(48) & 0xFFFF;
        int shstrndx = h.getShort(50) & 0xFFFF;
        if (phnum == 0) {
            throw new ImageException(name + ": malformed ELF: no program headers");
        }
        if (phentsize < 32 || !fits(b, phoff, (long) phentsize * phnum)) {
            throw new ImageException(name + ": malformed ELF: program headers outside the file");
        }
        List<Segment> segs = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int p = (int) (phoff + (long) i * phentsize);
            if (h.getInt(p) != PT_LOAD) {
                continue;
            }
            long off = h.getInt(p + 4) & 0xFFFFFFFFL;
            long vaddr = h.getInt(p + 8) & 0xFFFFFFFFL;
            long paddr = h.getInt(p + 12) & 0xFFFFFFFFL;
            long filesz = h.getInt(p + 16) & 0xFFFFFFFFL;
            long memsz = h.getInt(p + 20) & 0xFFFFFFFFL;
            int flags = h.getInt(p + 24);
            if (!fits(b, off, filesz)) {
                throw new ImageException(name + ": malformed ELF: segment " + i + " extends past the end of the file");
            }
            if (memsz < filesz) {
                throw new ImageException(name + ": malformed ELF: segment " + i + " has memsz < filesz");
            }
            if (memsz == 0) {
                continue;
            }
            byte[] data = new byte[(int) filesz];
            System.arraycopy(b, (int) off, data, 0, data.length);
            segs.add(new Segment(paddr, vaddr, data, memsz, (flags & 1) != 0));
        }
        if (segs.isEmpty()) {
            throw new ImageException(name + ": malformed ELF: nothing to load");
        }
        for (Segment s : segs) {
            if (s.executable() && s.vaddr() != s.paddr() && entry >= s.vaddr() && entry < s.vaddr() + s.data().length) {
                entry = entry - s.vaddr() + s.paddr();
            }
        }
        List<Section> sections = new ArrayList<>();
        List<Symbol> symbols = new ArrayList<>();
        if (shoff != 0 && shnum > 0 && shentsize >= 40 && fits(b, shoff, (long) shentsize * shnum) && shstrndx < shnum) {
            int strSec = (int) (shoff + (long) shstrndx * shentsize);
            long shstrOff = h.getInt(strSec + 16) & 0xFFFFFFFFL;
            long shstrSize = h.getInt(strSec + 20) & 0xFFFFFFFFL;
            boolean namesOk = fits(b, shstrOff, shstrSize);
            for (int i = 0; i < shnum; i++) {
                int s = (int) (shoff + (long) i * shentsize);
                int nameIdx = h.getInt(s);
                int type = h.getInt(s + 4);
                long flags = h.getInt(s + 8) & 0xFFFFFFFFL;
                long addr = h.getInt(s + 12) & 0xFFFFFFFFL;
                long off = h.getInt(s + 16) & 0xFFFFFFFFL;
                long size = h.getInt(s + 20) & 0xFFFFFFFFL;
                int link = h.getInt(s + 24);
                String sname = namesOk ? cString(b, shstrOff, shstrSize, nameIdx) : "";
                boolean inFile = type != 8 && fits(b, off, size);
                if ((flags & SHF_EXECINSTR) != 0 && inFile) {
                    sections.add(new Section(sname, addr, size, (int) off, true));
                }
                if (type == SHT_SYMTAB && inFile && link >= 0 && link < shnum) {
                    int ls = (int) (shoff + (long) link * shentsize);
                    long strOff = h.getInt(ls + 16) & 0xFFFFFFFFL;
                    long strSize = h.getInt(ls + 20) & 0xFFFFFFFFL;
                    if (fits(b, strOff, strSize)) {
                        for (long e = off; e + 16 <= off + size; e += 16) {
                            int st = (int) e;
                            int info = b[st + 12] & 0xFF;
                            int kind = info & 0xF;
                            if (kind == 1 || kind == 2 || kind == 0) {
                                String symName = cString(b, strOff, strSize, h.getInt(st));
                                if (!symName.isEmpty() && !symName.startsWith("$")) {
                                    symbols.add(new Symbol(symName, h.getInt(st + 4) & 0xFFFFFFFFL, h.getInt(st + 8) & 0xFFFFFFFFL));
                                }
                            }
                        }
                    }
                }
            }
        }
        return new ElfImage(name, b, entry, List.copyOf(segs), List.copyOf(sections), List.copyOf(symbols));
    }

    private static boolean fits(byte[] b, long off, long len) {
        return off >= 0 && len >= 0 && off <= b.length && len <= b.length - off;
    }

    private static String cString(byte[] b, long tableOff, long tableSize, int idx) {
        if (idx < 0 || idx >= tableSize) {
            return "";
        }
        int start = (int) (tableOff + idx);
        int end = start;
        int limit = (int) (tableOff + tableSize);
        while (end < limit && b[end] != 0) {
            end++;
        }
        return new String(b, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
