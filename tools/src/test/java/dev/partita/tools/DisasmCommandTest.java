package dev.partita.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code partita disasm FILE.elf} on generated executables: one listing line per instruction word. */
class DisasmCommandTest {
    @TempDir
    Path dir;

    /** addi r3,r0,0; addi r4,r0,1; add r5,r3,r4; b .; and a word no e500v2 instruction uses. */
    private static final int[] CODE = {0x3860_0000, 0x3880_0001, 0x7CA3_2214, 0x4800_0000, 0x0000_0000};
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f]{8})\\t(\\S.*)$");

    private record Listed(long address, int word, String text) {}

    private static List<Listed> listing(String out) {
        List<Listed> l = new ArrayList<>();
        for (String line : out.lines().toList()) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                l.add(new Listed(Long.parseLong(m.group(1), 16), Integer.parseUnsignedInt(m.group(2), 16), m.group(3)));
            }
        }
        return l;
    }

    private Path write(long addr, int... words) throws IOException {
        return Files.write(dir.resolve("code.elf"), TestElf.program(addr, "entry_point", words));
    }

    @Test
    void oneLinePerWord() throws IOException {
        Cli.Result r = Cli.run("disasm", write(0x10_0000, CODE).toString()).ok();
        List<Listed> l = listing(r.out());
        assertEquals(CODE.length, l.size(), r.out());
        for (int i = 0; i < CODE.length; i++) {
            assertEquals(0x10_0000L + 4 * i, l.get(i).address());
            assertEquals(CODE[i], l.get(i).word());
        }
        assertTrue(r.out().contains("Disassembly of section .text:"), r.out());
        assertTrue(r.out().contains("00100000 <entry_point>:"), r.out());
    }

    @Test
    void highAddressesAndLongPrograms() throws IOException {
        int[] words = new int[1000];
        for (int i = 0; i < words.length; i++) {
            words[i] = CODE[i % CODE.length];
        }
        List<Listed> l = listing(Cli.run("disasm", write(0xFFF0_0000L, words).toString()).ok().out());
        assertEquals(words.length, l.size());
        assertEquals(0xFFF0_0000L, l.get(0).address());
        assertEquals(0xFFF0_0000L + 4 * 999, l.get(999).address());
    }

    @Test
    void mnemonicsMatchObjdump() throws Exception {
        Path elf = write(0x10_0000, CODE);
        Process p;
        try {
            p = new ProcessBuilder("powerpc-linux-gnu-objdump", "-d", "-M", "e500x2,raw", elf.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "binutils for PowerPC not installed");
            return;
        }
        String objdump = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        List<String> expected = new ArrayList<>();
        for (String line : objdump.lines().toList()) {
            Matcher m = Pattern.compile("^\\s*[0-9a-f]+:\\t(?:[0-9a-f]{2} ){4}\\t(\\S+)").matcher(line);
            if (m.find()) {
                expected.add(m.group(1));
            }
        }
        assertEquals(CODE.length, expected.size(), objdump);
        List<Listed> ours = listing(Cli.run("disasm", elf.toString()).ok().out());
        for (int i = 0; i < CODE.length - 1; i++) { // the last word is objdump's ".long", checked below
            assertEquals(expected.get(i), ours.get(i).text().split("\\s+")[0], "word " + i);
        }
        assertTrue(ours.get(CODE.length - 1).text().startsWith(".long"), ours.get(CODE.length - 1).text());
    }
}
