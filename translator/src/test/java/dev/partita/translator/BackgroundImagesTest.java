package dev.partita.translator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partita.machine.Machine;
import dev.partita.machine.StopReason;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every prebuilt test program run to its end on the interpreter and on {@code auto} with translations
 * built on the worker thread (and a low threshold, so that many arrive while the program runs, at
 * whatever instruction the worker happens to finish them): the same stop, instruction count,
 * console output and architected state.
 */
class BackgroundImagesTest {
    static final long LIMIT = 30_000_000L;
    static long builtInBackground, installed;

    @TestFactory
    Stream<DynamicTest> sameResultAsTheInterpreter() throws Exception {
        return LockstepImagesTest.images().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> compare(p)));
    }

    static void compare(Path elf) throws Exception {
        Machine a = Lockstep.machine(elf, "interp");
        Machine b;
        String oldThreshold = System.setProperty("partita.jit.threshold", "3");
        String oldBackground = System.setProperty("partita.jit.background", "true");
        try {
            b = Lockstep.machine(elf, "auto");
        } finally {
            restore("partita.jit.threshold", oldThreshold);
            restore("partita.jit.background", oldBackground);
        }
        StopReason ra = a.run(LIMIT);
        StopReason rb = b.run(LIMIT);
        JitStats s = ((JitEngine) b.engine()).statistics();
        String what = elf.getFileName() + " (" + b.engine().stats() + ")";
        assertTrue(s.background, what);
        assertEquals(ra, rb, what + ": stop reason");
        assertEquals(a.cpu().icount, b.cpu().icount, what + ": instructions");
        assertEquals(a.consoleText(), b.consoleText(), what + ": console");
        assertEquals(Lockstep.state(a.cpu()), Lockstep.state(b.cpu()), what + ": state");
        assertEquals(0, s.failures, what);
        builtInBackground += s.backgroundBuilt;
        installed += s.blocksTranslated;
    }

    private static void restore(String key, String old) {
        if (old == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, old);
        }
    }

    @AfterAll
    static void translationsWereBuiltOnTheWorkerAndInstalled() {
        assertTrue(builtInBackground > 0 && installed > 0, builtInBackground + " built, " + installed + " installed");
    }
}
