package dev.partita.cpu;

import static dev.partita.cpu.AluAsm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test against QEMU 7.2 itself (skipped when qemu-system-ppc or the cross binutils are
 * missing): a generated bare-metal program of random integer instructions (every free bit random,
 * registers seeded with edge values) runs on {@code qemu-system-ppc -M ppce500 -cpu e500v2} and on
 * our interpreter; after every segment the program stores r0-r30, CR and XER to memory, and the two
 * memory images must be equal.
 */
class AluQemuDifferentialTest {
    private static final String QEMU = "/usr/bin/qemu-system-ppc";
    private static final String AS = "/usr/bin/powerpc-linux-gnu-as";
    private static final String LD = "/usr/bin/powerpc-linux-gnu-ld";
    private static final int CODE = 0x100000, DUMP = 0x200000;
    private static final int SEGMENTS = 400, PER_SEGMENT = 8, DUMP_WORDS = 33, SENTINEL = 0x600DF00D;
    private static final int[] EDGE = {0, 1, -1, 2, 31, 32, 63, 64, 0x80000000, 0x7FFFFFFF, 0x8000, 0xFFFF,
        0xFFFF8000, 0x80000001, 0x12345678, 0xFFFFFFFE};

    private final SplittableRandom rnd = new SplittableRandom(0xE500);
    private final List<Integer> program = new ArrayList<>();
    private final List<int[]> segmentWords = new ArrayList<>();

    private int value() {
        return rnd.nextInt(3) == 0 ? rnd.nextInt() : EDGE[rnd.nextInt(EDGE.length)];
    }

    private void load(int r, int v) {
        program.add(d(15, r, 0, v >>> 16)); // lis
        program.add(d(24, r, r, v & 0xFFFF)); // ori
    }

    /** The GPR an integer row writes, or -1. */
    private static int destination(Insn row, int w) {
        String first = row.operands.split(",")[0];
        return switch (first) {
            case "rD" -> (w >>> 21) & 31;
            case "rA" -> (w >>> 16) & 31;
            default -> -1;
        };
    }

    private int randomInstruction(List<Insn> rows) {
        while (true) {
            Insn row = rows.get(rnd.nextInt(rows.size()));
            int w = row.match | (rnd.nextInt() & ~row.mask);
            if (destination(row, w) != 31 && Decoder.decode(w) == row.id) {
                return w;
            }
        }
    }

    private void buildProgram() {
        List<Insn> rows = new ArrayList<>();
        for (Insn r : Isa.all()) {
            if (r.id < 200 && (r.flags & Insn.BRANCH) == 0) {
                rows.add(r);
            }
        }
        for (int r = 0; r < 31; r++) {
            load(r, value());
        }
        load(31, DUMP);
        for (int s = 0; s < SEGMENTS; s++) {
            for (int k = 0; k < 4; k++) {
                load(1 + rnd.nextInt(30), value());
            }
            load(0, rnd.nextInt());
            program.add(x(31, 144, 0, 0, 0, 0) | 0xFF << 12); // mtcrf 0xff,r0
            load(0, rnd.nextInt() & 0xE000007F);
            program.add(x(31, 467, 0, 1, 0, 0)); // mtxer r0
            int[] words = new int[PER_SEGMENT];
            for (int k = 0; k < PER_SEGMENT; k++) {
                words[k] = randomInstruction(rows);
                program.add(words[k]);
            }
            segmentWords.add(words);
            int base = 0;
            for (int r = 0; r < 31; r++) {
                program.add(d(36, r, 31, base + 4 * r)); // stw
            }
            program.add(x(31, 19, 0, 0, 0, 0)); // mfcr r0
            program.add(d(36, 0, 31, base + 4 * 31));
            program.add(x(31, 339, 0, 1, 0, 0)); // mfxer r0
            program.add(d(36, 0, 31, base + 4 * 32));
            program.add(d(14, 31, 31, DUMP_WORDS * 4)); // addi r31,r31,132: next dump slot
        }
        load(0, SENTINEL);
        program.add(d(36, 0, 31, 0)); // stw: the program has finished
        program.add(0x48000000); // b .
    }

    private static String tool(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    private int[] runOnQemu(Path dir) throws IOException, InterruptedException {
        StringBuilder src = new StringBuilder("    .section .text\n    .globl _start\n_start:\n");
        for (int w : program) {
            src.append(String.format("    .long 0x%08x%n", w));
        }
        Files.writeString(dir.resolve("t.S"), src);
        tool(dir, AS, "-me500x2", "-mbig", "-a32", "t.S", "-o", "t.o");
        tool(dir, LD, "-Ttext=0x" + Integer.toHexString(CODE), "-e", "_start", "t.o", "-o", "t.elf");
        Process q = new ProcessBuilder(QEMU, "-M", "ppce500", "-cpu", "e500v2", "-display", "none",
                "-serial", "null", "-monitor", "stdio", "-bios", "t.elf")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        int n = SEGMENTS * DUMP_WORDS;
        Pattern word = Pattern.compile("([0-9a-f]{8,16}): ((?:0x[0-9a-f]{8} ?)+)");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(q.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new OutputStreamWriter(q.getOutputStream(), StandardCharsets.US_ASCII)) {
            long sentinelAddress = DUMP + 4L * n;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            boolean finished = false;
            while (!finished) {
                assertTrue(System.nanoTime() < deadline, "QEMU did not finish the program");
                Thread.sleep(200);
                in.write(String.format("xp /1wx 0x%x%n", sentinelAddress));
                in.flush();
                Matcher m;
                do {
                    String l = out.readLine();
                    assertTrue(l != null, "QEMU exited");
                    m = word.matcher(l);
                } while (!m.find() || Long.parseUnsignedLong(m.group(1), 16) != sentinelAddress);
                finished = Integer.parseUnsignedInt(m.group(2).trim().substring(2), 16) == SENTINEL;
            }
            // one segment per command: QEMU's stdio monitor drops output when the pipe is full
            int[] words = new int[n];
            int count = 0;
            for (int seg = 0; seg < SEGMENTS; seg++) {
                long start = DUMP + 4L * seg * DUMP_WORDS;
                in.write(String.format("xp /%dwx 0x%x%n", DUMP_WORDS, start));
                in.flush();
                int got = 0;
                while (got < DUMP_WORDS) {
                    String l = out.readLine();
                    assertTrue(l != null, "QEMU exited");
                    Matcher m = word.matcher(l);
                    if (m.find()) {
                        long address = Long.parseUnsignedLong(m.group(1), 16);
                        if (address < start || address >= start + 4L * DUMP_WORDS) {
                            continue;
                        }
                        int index = (int) ((address - DUMP) / 4);
                        for (String v : m.group(2).trim().split(" ")) {
                            words[index++] = Integer.parseUnsignedInt(v.substring(2), 16);
                            got++;
                            count++;
                        }
                    }
                }
            }
            in.write(String.format("quit%n"));
            in.flush();
            assertEquals(n, count, "words read from QEMU's memory");
            return words;
        } finally {
            q.destroyForcibly();
        }
    }

    private int[] runOnInterpreter() {
        Cpu c = cpu(4 << 20);
        int[] code = program.stream().mapToInt(Integer::intValue).toArray();
        put(c, CODE, code);
        run(c, CODE, code.length - 1);
        assertEquals(CODE + 4 * (code.length - 1), c.pc, "straight-line program ran to the end");
        byte[] b = c.bus.readBytes(DUMP, SEGMENTS * DUMP_WORDS * 4);
        int[] words = new int[SEGMENTS * DUMP_WORDS];
        for (int i = 0; i < words.length; i++) {
            words[i] = (b[4 * i] & 0xFF) << 24 | (b[4 * i + 1] & 0xFF) << 16 | (b[4 * i + 2] & 0xFF) << 8 | (b[4 * i + 3] & 0xFF);
        }
        return words;
    }

    @Test
    void randomIntegerInstructionsMatchQemu(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of(QEMU)) && Files.isExecutable(Path.of(AS)) && Files.isExecutable(Path.of(LD)),
                "qemu-system-ppc or powerpc binutils not installed");
        buildProgram();
        int[] qemu = runOnQemu(dir);
        int[] ours = runOnInterpreter();
        for (int i = 0; i < ours.length; i++) {
            if (ours[i] != qemu[i]) {
                int seg = i / DUMP_WORDS, slot = i % DUMP_WORDS;
                String what = slot < 31 ? "r" + slot : slot == 31 ? "CR" : "XER";
                StringBuilder msg = new StringBuilder(String.format(
                        "segment %d, %s: ours 0x%08x, QEMU 0x%08x; segment code:%n", seg, what, ours[i], qemu[i]));
                for (int w : segmentWords.get(seg)) {
                    msg.append(String.format("  %08x  %s%n", w, Disassembler.disassemble(w, 0)));
                }
                assertEquals(qemu[i], ours[i], msg.toString());
            }
        }
    }
}
