package dev.partita.firmware;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs a guest ELF on QEMU's ppce500 board and returns what it printed on the console:
 * {@code qemu-system-ppc -M ppce500 -m 256 -nographic -no-reboot -bios X}. The guest ends by resetting
 * the board through GUTS RSTCR, which makes QEMU exit because of {@code -no-reboot}.
 *
 * <p>Outputs are cached under firmware-tests/target/qemu-cache, keyed by the SHA-256 of the image and
 * the command line; {@code -Dpartita.qemu.cache=false} turns the cache off. When QEMU is not installed
 * and nothing is cached, the calling test is skipped. {@code -Dpartita.qemu=PATH} picks another binary.
 */
final class QemuRunner {
    static final String QEMU = System.getProperty("partita.qemu", "qemu-system-ppc");
    static final long TIMEOUT_SECONDS = Long.getLong("partita.qemu.timeout", 120);
    private static final boolean CACHE = Boolean.parseBoolean(System.getProperty("partita.qemu.cache", "true"));
    /** Terminal control sequences some QEMU versions write around -nographic sessions. */
    private static final Pattern NOISE = Pattern.compile("\u001b\\[\\?7[hl]|\u001bc");
    private static Boolean available;

    private QemuRunner() {}

    static List<String> command(Path elf) {
        return List.of(QEMU, "-M", "ppce500", "-m", "256", "-nographic", "-no-reboot", "-bios", elf.toString());
    }

    static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder(QEMU, "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        return available;
    }

    /** The console output of {@code elf} on QEMU; skips the test when QEMU is missing and nothing is cached. */
    static String run(Path elf) throws IOException, InterruptedException {
        byte[] image = Files.readAllBytes(elf);
        Path cached = GuestImages.cacheDir().resolve(key(image) + ".out");
        if (CACHE && Files.isRegularFile(cached)) {
            return Files.readString(cached, StandardCharsets.ISO_8859_1);
        }
        assumeTrue(available(), QEMU + " is not installed; skipping the QEMU half of the comparison");
        Process p = new ProcessBuilder(command(elf)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            reader.join(5000);
            throw new AssertionError("QEMU did not finish " + elf.getFileName() + " within " + TIMEOUT_SECONDS
                    + " s; output so far:\n" + out.toString(StandardCharsets.ISO_8859_1));
        }
        reader.join(10_000);
        String text = NOISE.matcher(out.toString(StandardCharsets.ISO_8859_1)).replaceAll("");
        if (p.exitValue() != 0) {
            throw new AssertionError("QEMU exited with " + p.exitValue() + " on " + elf.getFileName() + ":\n" + text);
        }
        if (CACHE) {
            Files.createDirectories(cached.getParent());
            Path tmp = Files.createTempFile(cached.getParent(), "qemu", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.ISO_8859_1);
            Files.move(tmp, cached, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return text;
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            byte[] b = new byte[8192];
            for (int n; (n = in.read(b)) > 0; ) {
                synchronized (out) {
                    out.write(b, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(byte[] image) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(image);
            md.update(String.join(" ", command(Path.of("X"))).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
