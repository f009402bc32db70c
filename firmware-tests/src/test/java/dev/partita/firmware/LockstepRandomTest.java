package dev.partita.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.partita.machine.StopReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Random programs (the blocks of {@link RandomDifferentialTest}, patched into random.elf, so the guest
 * also rewrites its code area once per block) run in lockstep on the interpreter and on the translator
 * ({@link EngineLockstep}): {@code jit}, which translates every block on its first entry, and
 * {@code auto} with a hotness threshold of 2, which mixes interpreted and translated entries (built on
 * the guest thread, so that which entries are translated, and rewritten, does not depend on timing). The
 * architected state, the console and the program's RAM pages are compared after every step of 1, 7,
 * 13, 61 or 997 instructions, and all of RAM at the end.
 *
 * <p>CI runs a few seeds per engine; more by hand with {@code -Dpartita.lockstep.seeds=N} (and
 * {@code -Dpartita.lockstep.seed0=S} for the first seed).
 */
class LockstepRandomTest {
    static final int SEEDS = Integer.getInteger("partita.lockstep.seeds", 8);
    static final long SEED0 = Long.getLong("partita.lockstep.seed0", 0x10C5_0000L);
    static final int BLOCKS = 20;
    static final int WORDS = 240;
    /** The template runs 20 blocks in well under this. */
    static final long MAX_INSTRUCTIONS = 20_000_000L;

    @TestFactory
    Stream<DynamicTest> jit() {
        return seeds("jit", Map.of());
    }

    @TestFactory
    Stream<DynamicTest> autoWithThreshold2() {
        return seeds("auto", Map.of("partita.jit.threshold", "2", "partita.jit.background", "false"));
    }

    /**
     * The harness itself: when the second machine's program has one instruction changed (in rand_run's
     * epilogue, which runs after every block), the run fails at the start on the RAM comparison, and
     * without it on the register difference, naming that instruction, whichever step the schedule starts with.
     */
    @Test
    void harnessNamesTheFirstDifferingInstruction() throws Exception {
        Path dir = GuestImages.cacheDir().getParent().resolve("lockstep");
        Path same = dir.resolve("selftest-a.elf"), changed = dir.resolve("selftest-b.elf");
        RandomProgram.generate(SEED0, 2, WORDS).write(GuestImages.randomTemplate(), same);
        byte[] bytes = Files.readAllBytes(same);
        Elf32 image = new Elf32(bytes);
        long at = image.symbol("rand_return");
        int addis = PpcAsm.d(15, 31, 31, 0x1234); // addis r31,r31,0x1234
        java.nio.ByteBuffer code = java.nio.ByteBuffer.wrap(bytes);
        int original = code.getInt(image.fileOffset(at, 4));
        assertEquals(PpcAsm.d(36, 3, 1, 8), original, "rand_return starts with stw r3,8(r1)");
        code.putInt(image.fileOffset(at, 4), addis);
        Files.write(changed, bytes);
        long lo = image.symbol("vectors") & ~0xFFFL, hi = (image.symbol("__bss_end") + 0xFFF) & ~0xFFFL;

        String f = new EngineLockstep(same, changed, "interp", Map.of(), lo, hi, 0).run(MAX_INSTRUCTIONS).failure();
        assertNotNull(f);
        assertTrue(f.contains("after 1 instructions") && f.contains(String.format("RAM differs at physical %08x", at)), f);
        for (int phase : new int[] {0, EngineLockstep.STEPS.length - 1}) {
            f = new EngineLockstep(same, changed, "interp", Map.of(), 0, 0, phase).run(MAX_INSTRUCTIONS).failure();
            assertNotNull(f, "phase " + phase);
            // the trace is the interpreter's, which runs the original program
            assertTrue(f.contains(String.format("=> %08x: %08x  stw r3,8(r1)", at, original)), f);
            assertTrue(f.contains("r31: interp="), f);
        }
    }

    private static Stream<DynamicTest> seeds(String engine, Map<String, String> props) {
        return LongStream.range(SEED0, SEED0 + SEEDS)
                .mapToObj(seed -> DynamicTest.dynamicTest("seed " + Long.toHexString(seed), () -> run(seed, engine, props)));
    }

    static void run(long seed, String engine, Map<String, String> props) throws Exception {
        RandomProgram program = RandomProgram.generate(seed, BLOCKS, WORDS);
        Path elf = GuestImages.cacheDir().getParent().resolve("lockstep").resolve("seed-" + Long.toHexString(seed) + ".elf");
        program.write(GuestImages.randomTemplate(), elf);
        Elf32 image = new Elf32(Files.readAllBytes(elf));
        long lo = image.symbol("vectors") & ~0xFFFL, hi = (image.symbol("__bss_end") + 0xFFF) & ~0xFFFL;
        EngineLockstep lockstep = new EngineLockstep(elf, engine, props, lo, hi, (int) seed);
        EngineLockstep.Outcome o = lockstep.run(MAX_INSTRUCTIONS);
        if (o.failure() != null) {
            long printed = o.console().lines().filter(l -> l.startsWith("block ")).count();
            fail("seed " + Long.toHexString(seed) + " (" + elf + ", " + engine + " " + props + "): " + o.failure()
                    + (printed < BLOCKS ? "random block running (" + printed + "):\n" + program.describe((int) printed) : "")
                    + "\n" + o.engineStats());
        }
        assertEquals(StopReason.RESET, o.reason(), "seed " + Long.toHexString(seed) + " did not finish:\n" + o.console());
        assertTrue(o.console().endsWith("done " + BLOCKS + " blocks\n"), o.console());
        assertTrue(PartitaRunner.statistic(o.engineStats(), "blocks translated") > 0, "nothing translated:\n" + o.engineStats());
        assertTrue(PartitaRunner.statistic(o.engineStats(), "invalidations") > 0, "the code area is rewritten per block:\n" + o.engineStats());
    }
}
