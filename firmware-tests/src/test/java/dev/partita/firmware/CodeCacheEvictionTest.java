package dev.partita.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The translator ({@code jit}) with a code cache too small for the program ({@code partita.jit.cacheKiB},
 * 16 KiB holds a handful of translations) flushes it and retranslates: the program must still print
 * exactly what it prints on QEMU, the engine's statistics must report at least one cache flush, and it
 * must stop for the same reason after exactly as many instructions as on the interpreter.
 */
class CodeCacheEvictionTest {
    /** By hand: {@code -Dpartita.eviction.cacheKiB=N} runs every prebuilt program with an N KiB cache. */
    static final Integer ALL_KIB = Integer.getInteger("partita.eviction.cacheKiB");

    /**
     * CI's programs and cache sizes: small enough that the cache fills (several times), large enough
     * that the run does not spend minutes retranslating (the programs loop over more blocks than fit,
     * and every flush drops them all). Programs that are not there are left out.
     */
    static final Map<String, Integer> CI = new LinkedHashMap<>();
    static {
        CI.put("boot.elf", 16);
        CI.put("mmu.elf", 16);
        CI.put("spr.elf", 16);
        CI.put("timer.elf", 16);
        CI.put("exceptions.elf", 128);
        CI.put("faults.elf", 256);
        CI.put("irqloop.elf", 64);
    }

    @TestFactory
    Stream<DynamicTest> smallCodeCacheFlushesAndStaysExact() throws IOException {
        Map<Path, Integer> runs = new LinkedHashMap<>();
        if (ALL_KIB != null) {
            GuestImages.programs().forEach(p -> runs.put(p, ALL_KIB));
        } else {
            CI.forEach((name, kib) -> {
                Path p = GuestImages.prebuiltDir().resolve(name);
                if (Files.exists(p)) {
                    runs.put(p, kib);
                }
            });
        }
        return runs.entrySet().stream().map(e -> DynamicTest.dynamicTest(
                e.getKey().getFileName() + " " + e.getValue() + " KiB", () -> run(e.getKey(), e.getValue())));
    }

    static void run(Path elf, int cacheKiB) throws Exception {
        PartitaRunner.Result jit = PartitaRunner.run(elf, "jit", Map.of("partita.jit.cacheKiB", Integer.toString(cacheKiB)));
        String what = elf.getFileName() + " on jit with a " + cacheKiB + " KiB code cache:\n" + jit.engineStats() + "\n";
        long flushes = jit.statistic("cache flushes");
        assertTrue(flushes >= 0, what + "no cache flush count in the engine's statistics");
        assertTrue(flushes >= 1, what + "the cache never filled up");

        String qemu = QemuRunner.run(elf);
        String diff = ConsoleDiff.firstDifference(qemu, jit.console());
        if (diff != null) {
            fail(what + diff);
        }
        PartitaRunner.Result interp = PartitaRunner.run(elf, "interp", Map.of());
        assertEquals(interp.reason(), jit.reason(), what + "stop reason");
        assertEquals(interp.instructions(), jit.instructions(), what + "instructions at the stop");
    }
}
