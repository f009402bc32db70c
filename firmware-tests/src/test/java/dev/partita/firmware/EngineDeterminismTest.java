package dev.partita.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * With deterministic time (icount shift 0) every engine is the same machine: each prebuilt program
 * stops for the same reason after exactly the same number of instructions with the same console
 * output on the interpreter, on {@code jit} and on {@code auto}. Timer interrupts, the UART and the
 * reset all happen at instruction counts, so any instruction an engine counts differently (or any
 * slice end it overshoots) shows up here.
 */
class EngineDeterminismTest {
    static final String[] ENGINES = {"jit", "auto"};

    @TestFactory
    Stream<DynamicTest> sameStopInstructionCountAndConsoleOnEveryEngine() throws IOException {
        return GuestImages.programs().stream()
                .map(elf -> DynamicTest.dynamicTest(elf.getFileName().toString(), () -> compare(elf)));
    }

    static void compare(Path elf) throws Exception {
        PartitaRunner.Result ref = PartitaRunner.run(elf, "interp", Map.of());
        assertFalse(ref.console().isEmpty(), elf + " printed nothing on the interpreter");
        for (String engine : ENGINES) {
            PartitaRunner.Result r = PartitaRunner.run(elf, engine, Map.of());
            String what = elf.getFileName() + " on " + engine + " (" + r.engineStats() + ")";
            String diff = ConsoleDiff.firstDifference(ref.console(), r.console());
            if (diff != null) {
                fail(what + ": console differs from the interpreter's: "
                        + diff.replace("qemu:   ", "interp: ").replace("partita:", engine + ":"));
            }
            assertEquals(ref.reason(), r.reason(), what + ": stop reason");
            assertEquals(ref.instructions(), r.instructions(), what + ": instructions at the stop");
            if (engine.equals("jit")) {
                assertTrue(r.statistic("blocks translated") > 0, what + ": nothing was translated");
            }
        }
    }
}
