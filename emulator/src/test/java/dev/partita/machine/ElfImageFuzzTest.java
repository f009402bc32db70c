package dev.partita.machine;

import dev.partita.machine.ElfImageFixture.Seg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.partita.memory.PhysicalBus;
import dev.partita.memory.Ram;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static dev.partita.machine.ElfImageFixture.*;
import static dev.partita.machine.MachineFixture.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Garbage and near-valid ELF files (mutations of a generated executable) through the parser, the
 * disassembler's accessors and a whole machine build: the only failure is an {@link ImageException}
 * with one line naming the file. Fixed seeds, so a failure repeats; the failing input is printed.
 */
class ElfImageFuzzTest {
    private static final long SEED = 0x5EED_E500L;
    /** Values that tend to break bounds checks. */
    private static final int[] INTERESTING = {0, 1, 2, 3, 4, 31, 32, 33, 40, 51, 52, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000,
        0xFFFF, 0x1_0000, 0x10_0000, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0xFFFF_FFFC, 0xFFFF_FFF0, -2};

    @TempDir
    Path dir;

    static byte[] seedElf() {
        return builder().entry(0x10_0000)
                .segment(Seg.load(0x10_0000, words(0x3860_0000, 0x3880_0001, 0x4800_0000), 12, PF_R | PF_X))
                .segment(Seg.load(0x20_0000, words(0x1122_3344), 0x100, PF_R | PF_W))
                .withSections().symbol("_start", 0x10_0000).symbol("data", 0x20_0000).build();
    }

    /** One random change to {@code b}: byte flips, a header or table field set to an edge value, a cut, or junk. */
    static byte[] mutate(byte[] b, Random r) {
        byte[] m = b.clone();
        if (m.length < EHDR_SIZE) { // already cut short: only flips and cuts make sense
            if (m.length > 0) {
                m[r.nextInt(m.length)] ^= (byte) (1 + r.nextInt(255));
            }
            return m;
        }
        switch (r.nextInt(7)) {
            case 0 -> { // flip a few bytes anywhere
                int n = 1 + r.nextInt(8);
                for (int i = 0; i < n; i++) {
                    m[r.nextInt(m.length)] ^= (byte) (1 + r.nextInt(255));
                }
            }
            case 1 -> { // an ELF header field (or part of one) set to an edge value
                int off = 16 + 2 * r.nextInt(18);
                putField(m, off, r.nextBoolean() ? 2 : 4, edge(r, m.length));
            }
            case 2 -> { // a program header field
                int off = EHDR_SIZE + r.nextInt(2) * PHDR_SIZE + 4 * r.nextInt(8);
                putField(m, off, 4, edge(r, m.length));
            }
            case 3 -> { // a section header or symbol table word
                int shoff = word(b, E_SHOFF);
                int off = shoff + 4 * r.nextInt(5 * SHDR_SIZE / 4);
                putField(m, off, 4, edge(r, m.length));
                if (r.nextBoolean()) { // and a symbol entry
                    int symtab = word(b, shoff + 2 * SHDR_SIZE + 16);
                    putField(m, symtab + 4 * r.nextInt(12), 4, edge(r, m.length));
                }
            }
            case 4 -> m = Arrays.copyOf(m, r.nextInt(m.length)); // truncated
            case 5 -> { // junk appended and a field pointed at it
                m = Arrays.copyOf(m, m.length + 1 + r.nextInt(64));
                for (int i = b.length; i < m.length; i++) {
                    m[i] = (byte) r.nextInt();
                }
                putField(m, r.nextBoolean() ? E_PHOFF : E_SHOFF, 4, b.length + r.nextInt(m.length - b.length + 8));
            }
            default -> { // ident bytes: class, data, version
                m[4 + r.nextInt(3)] = (byte) r.nextInt(4);
            }
        }
        return m;
    }

    private static int edge(Random r, int fileLength) {
        return switch (r.nextInt(4)) {
            case 0 -> fileLength + r.nextInt(9) - 4;
            case 1 -> r.nextInt();
            default -> INTERESTING[r.nextInt(INTERESTING.length)];
        };
    }

    /** The big-endian word at {@code off}, or 0 where the file has none. */
    private static int word(byte[] b, int off) {
        return off >= 0 && off + 4 <= b.length ? ByteBuffer.wrap(b).getInt(off) : 0;
    }

    private static void putField(byte[] m, int off, int size, int v) {
        for (int i = 0; i < size; i++) {
            int at = off + i;
            if (at >= 0 && at < m.length) {
                m[at] = (byte) (v >>> (8 * (size - 1 - i)));
            }
        }
    }

    private static void checkMessage(ImageException e, String name, byte[] input) {
        String m = e.getMessage();
        if (m == null || m.contains("\n") || !(m.contains(name) || m.startsWith("device tree"))) {
            fail("bad message '" + m + "' for " + HexFormat.of().formatHex(input));
        }
    }

    /** Parses and, when that works, uses everything the disassembler reads. */
    private static void parse(byte[] elf) {
        try {
            ElfImage img = ElfImage.parse("fuzz.elf", elf);
            for (ElfImage.Section s : img.sections) {
                img.sectionBytes(s);
            }
            img.lowestAddress();
            img.totalMemSize();
            assertFalse(img.segments.isEmpty());
        } catch (ImageException e) {
            checkMessage(e, "fuzz.elf", elf);
        } catch (Throwable t) {
            throw new AssertionError("unexpected " + t + " for " + HexFormat.of().formatHex(elf), t);
        }
    }

    @Test
    void mutatedElfsThroughTheParser() {
        Random r = new Random(SEED);
        byte[] seed = seedElf();
        int accepted = 0;
        for (int i = 0; i < 6000; i++) {
            byte[] m = mutate(seed, r);
            if (r.nextInt(4) == 0) {
                m = mutate(m, r); // sometimes two changes
            }
            parse(m);
            try {
                ElfImage.parse("x", m);
                accepted++;
            } catch (ImageException expected) {
                // counted below
            }
        }
        // the mutations must exercise both outcomes, or they test nothing
        assertTrue(accepted > 500 && accepted < 5500, "accepted " + accepted + " of 6000");
    }

    @Test
    void randomBytesThroughTheParser() {
        Random r = new Random(SEED + 1);
        for (int i = 0; i < 3000; i++) {
            byte[] b = new byte[r.nextInt(600)];
            r.nextBytes(b);
            if (b.length >= 20 && r.nextInt(4) != 0) { // mostly past the magic, class, data and machine checks
                b[0] = 0x7F;
                b[1] = 'E';
                b[2] = 'L';
                b[3] = 'F';
                b[4] = 1;
                b[5] = 2;
                b[18] = 0;
                b[19] = 20;
                if (b.length >= 52 && r.nextBoolean()) {
                    putField(b, E_PHOFF, 4, 52);
                    putField(b, E_PHENTSIZE, 2, 32);
                    putField(b, E_PHNUM, 2, 1 + r.nextInt(4));
                }
            }
            parse(b);
        }
    }

    @Test
    void mutatedElfsThroughAWholeMachine() throws Exception {
        Random r = new Random(SEED + 2);
        byte[] seed = seedElf();
        Path file = dir.resolve("fuzz.elf");
        int built = 0;
        for (int i = 0; i < 120; i++) {
            byte[] m = mutate(seed, r);
            Files.write(file, m);
            MachineConfig c = config(32 * MIB);
            if (i % 2 == 0) {
                c.bios = file;
            } else {
                c.kernel = file;
            }
            try {
                new Machine(c);
                built++;
            } catch (ImageException e) {
                checkMessage(e, file.toString(), m);
            } catch (Throwable t) {
                throw new AssertionError("unexpected " + t + " for " + HexFormat.of().formatHex(m), t);
            }
        }
        assertTrue(built > 10, "built " + built);
    }

    @Test
    void mutatedElfsThroughTheBootLoader() throws Exception {
        // the loader part of a machine build, on one shared 32 MiB bus so that thousands of files stay fast
        PhysicalBus bus = new PhysicalBus();
        bus.addRam("ram", 0, new Ram(32 << 20));
        BootLoader loader = new BootLoader(bus, 32 * MIB);
        Random r = new Random(SEED + 3);
        byte[] seed = seedElf();
        Path file = dir.resolve("fuzz.elf");
        for (int i = 0; i < 2000; i++) {
            byte[] m = mutate(seed, r);
            Files.write(file, m);
            MachineConfig c = config(32 * MIB);
            c.bios = file;
            try {
                BootLoader.Placement p = loader.load(c);
                loader.placeDtb(p.dtBase(), new byte[64]);
            } catch (ImageException e) {
                checkMessage(e, file.toString(), m);
            } catch (Throwable t) {
                throw new AssertionError("unexpected " + t + " for " + HexFormat.of().formatHex(m), t);
            }
        }
    }
}
