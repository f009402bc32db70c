package dev.partita.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the random generator's encodings against binutils: every generated word must disassemble
 * (objdump -M e500x2,raw) to the mnemonic the generator's listing names. Skipped without the cross
 * objdump.
 */
class EncodingCrossCheckTest {
    static final String OBJDUMP = System.getProperty("partita.objdump", "powerpc-linux-gnu-objdump");

    @Test
    void generatedMnemonicsMatchBinutils(@TempDir Path tmp) throws Exception {
        assumeTrue(objdumpAvailable(), OBJDUMP + " not installed");
        RandomBlockGenerator g = new RandomBlockGenerator(0xC0DE);
        List<String> expected = new ArrayList<>();
        ByteBuffer code = ByteBuffer.allocate(RandomBlockGenerator.MAX_CODE * 4 * 20);
        for (int i = 0; i < 20; i++) {
            RandomBlockGenerator.Block b = g.next(240);
            int base = i * RandomBlockGenerator.MAX_CODE;
            List<String> names = new ArrayList<>();
            for (int k = 0; k < RandomBlockGenerator.MAX_CODE; k++) {
                names.add("ori"); // padding nops disassemble as ori r0,r0,0 in raw mode
            }
            for (String line : b.listing()) {
                String[] parts = line.trim().split("[: ]+");
                names.set(Integer.parseInt(parts[0]), normalize(parts[1]));
            }
            expected.addAll(names);
            for (int w : b.code()) {
                code.putInt(w);
            }
            assertEquals(base + RandomBlockGenerator.MAX_CODE, expected.size());
        }
        Path bin = tmp.resolve("code.bin");
        Files.write(bin, code.array());
        Process p = new ProcessBuilder(OBJDUMP, "-D", "-b", "binary", "-m", "powerpc:common", "-M", "e500x2,raw", "-EB",
                bin.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        List<String> actual = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] cols = line.split("\t");
            if (cols.length >= 3 && cols[0].trim().endsWith(":")) {
                actual.add(cols[2].trim().split("\\s+")[0]);
            }
        }
        assertEquals(expected.size(), actual.size(), "objdump listed a different number of words");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), String.format("word %d (block %d): %08x", i,
                    i / RandomBlockGenerator.MAX_CODE, code.getInt(i * 4)));
        }
    }

    /** The generator's listing uses a few simplified names; map them to objdump's raw mnemonics. */
    private static String normalize(String name) {
        return switch (name) {
            case "li" -> "addi";
            case "mfxer", "mflr", "mfctr" -> "mfspr";
            case "mtxer", "mtlr", "mtctr" -> "mtspr";
            default -> name;
        };
    }

    private static boolean objdumpAvailable() {
        try {
            Process p = new ProcessBuilder(OBJDUMP, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
