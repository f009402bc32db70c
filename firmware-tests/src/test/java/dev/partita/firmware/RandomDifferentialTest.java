package dev.partita.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.partita.machine.StopReason;
import java.nio.file.Path;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Randomized differential test: random blocks of integer code (ALU with every OE/Rc form, compares,
 * rotates, shifts, CR ops, isel, mfcr/mtcrf, XER/CTR/LR moves, loads/stores of every form into a
 * scratch buffer, lwarx/stwcx., dcbz, forward branches) patched into the prebuilt random.elf template,
 * run on QEMU and Partita; the final GPRs, CR, XER (SO/OV/CA/byte count), CTR, LR and a checksum of
 * the scratch buffer must match.
 *
 * <p>CI runs a fixed set of seeds. More by hand:
 * {@code -Dpartita.random.seeds=N -Dpartita.random.seed0=S} (one guest run per seed, 20 blocks each).
 */
class RandomDifferentialTest {
    static final int SEEDS = Integer.getInteger("partita.random.seeds", 10);
    static final long SEED0 = Long.getLong("partita.random.seed0", 0x5EED_0000L);
    static final int BLOCKS = Integer.getInteger("partita.random.blocks", 20);
    static final int WORDS = Integer.getInteger("partita.random.words", 240);

    @TestFactory
    Stream<DynamicTest> randomBlocksMatchQemu() {
        return LongStream.range(SEED0, SEED0 + SEEDS)
                .mapToObj(seed -> DynamicTest.dynamicTest("seed " + Long.toHexString(seed), () -> run(seed)));
    }

    private static void run(long seed) throws Exception {
        RandomProgram program = RandomProgram.generate(seed, BLOCKS, WORDS);
        Path elf = GuestImages.cacheDir().getParent().resolve("random").resolve("seed-" + Long.toHexString(seed) + ".elf");
        program.write(GuestImages.randomTemplate(), elf);
        String expected = QemuRunner.run(elf);
        assertTrue(expected.endsWith("done " + BLOCKS + " blocks\n"), "QEMU did not finish all blocks:\n" + expected);
        int exc = expected.indexOf(" exc=");
        while (exc >= 0) {
            assertTrue(expected.startsWith(" exc=0\n", exc), "generated code took an interrupt on QEMU:\n" + expected);
            exc = expected.indexOf(" exc=", exc + 1);
        }
        PartitaRunner.Result actual = PartitaRunner.run(elf);
        String diff = ConsoleDiff.firstDifference(expected, actual.console());
        if (diff != null) {
            int line = ConsoleDiff.firstDifferingLine(expected, actual.console());
            String[] lines = expected.split("\n", -1);
            int block = -1;
            for (int i = Math.min(line, lines.length - 1); i >= 0 && block < 0; i--) {
                if (lines[i].startsWith("block ")) {
                    block = Integer.parseInt(lines[i].substring(6).trim());
                }
            }
            fail("seed " + Long.toHexString(seed) + " (" + elf + "), Partita stopped: " + actual.reason() + "\n" + diff
                    + "\n" + (block >= 0 ? program.describe(block) : ""));
        }
        assertEquals(StopReason.RESET, actual.reason());
    }
}
