package dev.partita.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Guests made of random instruction words, at the entry point and in the exception vectors, run for a
 * while through the command line: whatever they do ends in guest-visible behaviour, so the run stops at
 * the instruction limit with status 0 and nothing on standard error, never with an emulator failure.
 */
class CliRandomGuestTest {
    @TempDir
    Path dir;

    @Test
    void randomCodeNeverCrashesTheEmulator() throws IOException {
        for (long seed = 1; seed <= 6; seed++) {
            Random r = new Random(seed);
            int[] words = new int[4096];
            for (int i = 0; i < words.length; i++) {
                words[i] = r.nextInt();
            }
            // loaded at 0 as well as at 1 MiB, so interrupts (IVPR = 0 at reset) also land in random code
            long base = seed % 2 == 0 ? 0 : 0x10_0000;
            Path elf = Files.write(dir.resolve("random" + seed + ".elf"), TestElf.program(base, "_start", words));
            Cli.run("-bios", elf.toString(), "-serial", "null", "-icount", "shift=0", "--max-insns", "300000").ok();
        }
    }
}
