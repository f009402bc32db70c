package dev.partita.machine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static dev.partita.machine.ElfImageFixture.program;
import static dev.partita.machine.MachineFixture.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random and mutated -dtb files through the user-tree path (read, validate, place): only one-line
 * {@link ImageException}s naming the file; an accepted tree reaches RAM unchanged.
 */
class MachineDtbFuzzTest {
    private static final long SEED = 0xD7B0_F022L;

    @TempDir
    Path dir;

    private static byte[] mutate(byte[] good, Random r) {
        byte[] m = good.clone();
        switch (r.nextInt(4)) {
            case 0 -> {
                int n = 1 + r.nextInt(6);
                for (int i = 0; i < n; i++) {
                    m[r.nextInt(m.length)] ^= (byte) (1 + r.nextInt(255));
                }
            }
            case 1 -> { // a header word (offsets, sizes, versions) set to an edge value
                int off = 4 * (1 + r.nextInt(9));
                int[] edges = {0, 1, 40, m.length, m.length + 1, m.length - 4, 0x7FFF_FFFF, -1, r.nextInt()};
                int v = edges[r.nextInt(edges.length)];
                m[off] = (byte) (v >>> 24);
                m[off + 1] = (byte) (v >>> 16);
                m[off + 2] = (byte) (v >>> 8);
                m[off + 3] = (byte) v;
            }
            case 2 -> m = Arrays.copyOf(m, r.nextInt(m.length));
            default -> { // a token in the structure block replaced
                int at = (56 + 4 * r.nextInt((m.length - 56) / 4));
                m[at + 3] = (byte) r.nextInt(12);
                m[at] = m[at + 1] = m[at + 2] = 0;
            }
        }
        return m;
    }

    private static void check(ImageException e, Path file, byte[] input) {
        String m = e.getMessage();
        if (m == null || m.contains("\n") || !m.startsWith(file + ": ")) {
            fail("bad message '" + m + "' for " + HexFormat.of().formatHex(input));
        }
    }

    @Test
    void randomAndMutatedBlobsThroughTheReader() throws Exception {
        Random r = new Random(SEED);
        byte[] good = dtb(64);
        Path file = dir.resolve("fuzz.dtb");
        int accepted = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] b;
            if (i % 3 == 0) {
                b = new byte[r.nextInt(300)];
                r.nextBytes(b);
                if (b.length >= 4 && r.nextBoolean()) {
                    b[0] = (byte) 0xD0; // FDT magic, so the header is read
                    b[1] = 0x0D;
                    b[2] = (byte) 0xFE;
                    b[3] = (byte) 0xED;
                }
            } else {
                b = mutate(good, r);
            }
            Files.write(file, b);
            try {
                assertArrayEquals(b, DeviceTrees.readUserDtb(file));
                accepted++;
            } catch (ImageException e) {
                check(e, file, b);
            } catch (Throwable t) {
                throw new AssertionError("unexpected " + t + " for " + HexFormat.of().formatHex(b), t);
            }
        }
        assertTrue(accepted > 20 && accepted < 2900, "accepted " + accepted);
    }

    @Test
    void mutatedBlobsThroughAWholeMachine() throws Exception {
        Random r = new Random(SEED + 1);
        byte[] good = dtb(64);
        Path elf = write(dir, "prog.elf", program(0x10_0000, 0x4800_0000));
        Path file = dir.resolve("fuzz.dtb");
        for (int i = 0; i < 100; i++) {
            byte[] b = mutate(good, r);
            Files.write(file, b);
            MachineConfig c = config(32 * MIB);
            c.bios = elf;
            c.dtb = file;
            try {
                Machine m = new Machine(c);
                assertArrayEquals(b, m.bus().readBytes(m.cpu().gpr[3], b.length));
            } catch (ImageException e) {
                check(e, file, b);
            } catch (Throwable t) {
                throw new AssertionError("unexpected " + t + " for " + HexFormat.of().formatHex(b), t);
            }
        }
    }
}
