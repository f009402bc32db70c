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

    @TestFactory
    Stream<DynamicTest> auto() throws Exception {
        return images().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                () -> assertNull(Lockstep.run(p, "auto", 4999, 30_000_000L))));
    }
}
