package dev.partita.firmware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the prebuilt guest programs are (firmware-tests/guest/prebuilt, built by guest/build.sh). */
final class GuestImages {
    private GuestImages() {}

    static Path prebuiltDir() {
        Path dir = Path.of("guest", "prebuilt"); // surefire runs in the module directory
        if (!Files.isDirectory(dir)) {
            dir = Path.of("firmware-tests", "guest", "prebuilt");
        }
        return dir.toAbsolutePath();
    }

    /** All test programs, by name; the randomized-test template is run by its own test. */
    static List<Path> programs() throws IOException {
        try (Stream<Path> s = Files.list(prebuiltDir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".elf"))
                    .filter(p -> !p.getFileName().toString().equals("random.elf"))
                    .sorted()
                    .toList();
        }
    }

    static Path randomTemplate() {
        return prebuiltDir().resolve("random.elf");
    }

    static Path cacheDir() {
        Path target = Files.isDirectory(Path.of("guest")) ? Path.of("target") : Path.of("firmware-tests", "target");
        return target.resolve("qemu-cache").toAbsolutePath();
    }
}
