package dev.partita.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.partita.machine.StopReason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every prebuilt guest program (firmware-tests/guest/prebuilt/*.elf) on QEMU and on Partita and
 * requires byte-identical console output. The programs print one line per check and end by resetting
 * the board; see firmware-tests/guest/README.md for what each covers.
 */
class FirmwareDifferentialTest {
    @TestFactory
    Stream<DynamicTest> sameConsoleOutputAsQemu() throws IOException {
        return GuestImages.programs().stream()
                .map(elf -> DynamicTest.dynamicTest(elf.getFileName().toString(), () -> compare(elf)));
    }

    static void compare(Path elf) throws Exception {
        String expected = QemuRunner.run(elf);
        assertTrue(expected.endsWith("\n") && expected.length() > 1, "QEMU printed nothing useful:\n" + expected);
        PartitaRunner.Result actual = PartitaRunner.run(elf);
        String diff = ConsoleDiff.firstDifference(expected, actual.console());
        if (diff != null) {
            fail(elf.getFileName() + " (Partita stopped: " + actual.reason() + "): " + diff);
        }
        assertEquals(StopReason.RESET, actual.reason(), "the program ends by writing GUTS RSTCR");
    }
}
