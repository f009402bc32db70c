package dev.partita.translator;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every prebuilt bare-metal test program, run in lockstep on the interpreter and on the translator
 * (jit: everything translated on first entry; auto: tiered) with the state compared every few
 * hundred instructions.
 */
class LockstepImagesTest {
    static final Path PREBUILT = Path.of("../firmware-tests/guest/prebuilt");

    static Stream<Path> images() throws Exception {
        try (Stream<Path> s = Files.list(PREBUILT)) {
            return s.filter(p -> p.toString().endsWith(".elf")).sorted().toList().stream();
        }
    }

    @TestFactory
    Stream<DynamicTest> jit() throws Exception {
        return images().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                () -> assertNull(Lockstep.run(p, "jit", 997, 30_000_000L))));
    }

    /**
     * jit again with guest RAM handled as if it were several arrays (as for RAM above 1 GiB): soft-TLB
     * table lookups for the array instead of the RAM constant, no loop page caches.
     */
    @TestFactory
    Stream<DynamicTest> jitWithSeveralRamArrays() throws Exception {
        return images().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String old = System.setProperty("partita.jit.singleRam", "false");
            try {
                assertNull(Lockstep.run(p, "jit", 997, 30_000_000L));
            } finally {
                if (old == null) {
                    System.clearProperty("partita.jit.singleRam");
                } else {
                    System.setProperty("partita.jit.singleRam", old);
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> auto() throws Exception {
        return images().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                () -> assertNull(Lockstep.run(p, "auto", 4999, 30_000_000L))));
    }
}
