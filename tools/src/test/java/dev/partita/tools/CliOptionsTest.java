package dev.partita.tools;

import dev.partita.devicetree.FdtReader;
import dev.partita.devicetree.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The QEMU-style options, run through {@link Main#run} in-process: accepted forms do what they say
 * (seen through --dump-dtb, whose blob must parse and, when dtc is installed, pass dtc), and every
 * rejected one ends with status 2 and one "partita: ..." line naming the problem.
 */
class CliOptionsTest {
    @TempDir
    Path dir;

    private static final long MIB = 1L << 20;

    private Path elf() throws IOException {
        Path p = dir.resolve("prog.elf");
        if (!Files.exists(p)) {
            Files.write(p, TestElf.program(0x10_0000, "_start", 0x3860_0000, 0x4800_0000));
        }
        return p;
    }

    /** Runs with {@code args} plus "-bios prog.elf --dump-dtb board.dtb" and returns the root of the dumped tree. */
    private Node dump(String... args) throws IOException {
        Path dtb = dir.resolve("board.dtb");
        Files.deleteIfExists(dtb);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-bios", elf().toString(), "--dump-dtb", dtb.toString()));
        Cli.run(all.toArray(String[]::new)).ok();
        return FdtReader.read(Files.readAllBytes(dtb)).root();
    }

    private static long memorySize(Node root) {
        int[] reg = root.child("memory").property("reg").asCells();
        assertEquals(4, reg.length);
        assertEquals(0, reg[0]);
        assertEquals(0, reg[1]);
        return ((long) reg[2] << 32) | (reg[3] & 0xFFFF_FFFFL);
    }

    private Cli.Result runWith(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-bios", elf().toString(), "-serial", "null", "--max-insns", "100"));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void qemuStyleCommandLineRuns() throws IOException {
        Cli.run("-M", "ppce500", "-m", "256", "-nographic", "-no-reboot", "-serial", "null", "-bios", elf().toString(),
                "--max-insns", "1000").ok();
        Cli.run("-M", "ppce500", "-m", "128", "-kernel", elf().toString(), "-append", "console=ttyS0",
                "-icount", "shift=0", "--engine", "interp", "-serial", "null", "--max-insns", "10").ok();
        Cli.run("-m=64M", "-bios=" + elf(), "-serial=null", "--max-insns=5").ok(); // picocli's NAME=VALUE form
    }

    @Test
    void memorySizes() throws IOException {
        assertEquals(128 * MIB, memorySize(dump()), "QEMU's ppce500 default");
        assertEquals(256 * MIB, memorySize(dump("-m", "256")), "a bare number is MiB");
        assertEquals(256 * MIB, memorySize(dump("-m", "256M")));
        assertEquals(256 * MIB, memorySize(dump("-m", "256m")));
        assertEquals(512 * MIB, memorySize(dump("-m", "size=512M")));
        assertEquals(1024 * MIB, memorySize(dump("-m", "1G")));
        assertEquals(64 * MIB, memorySize(dump("-m", "65536K")));
    }

    @Test
    void badMemorySizes() throws IOException {
        for (String bad : new String[] {"abc", "1X", "256MB", "0", "-256", "", "M", "1.5.G", "99999999999999999999"}) {
            runWith("-m", bad).usageError("-m");
        }
        // well-formed but outside what the board takes
        runWith("-m", "8").usageError("RAM size", "16 MiB");
        runWith("-m", "4G").usageError("RAM size", "3 GiB");
        runWith("-m", "1000K").usageError("RAM size");
        runWith("-m", "99999999G").usageError("-m", "out of range");
    }

    @Test
    void machineType() throws IOException {
        runWith("-M", "ppce500").ok();
        runWith("-M", "mpc8544ds").usageError("machine", "mpc8544ds", "ppce500");
        runWith("-M", "").usageError("machine");
        runWith("-M", "help").usageError("machine", "help");
    }

    @Test
    void serialDevices() throws IOException {
        Cli.run("-serial", "stdio", "-bios", elf().toString(), "--max-insns", "10").ok();
        Cli.run("-nographic", "-bios", elf().toString(), "--max-insns", "10").ok();
        Path log = dir.resolve("console.log");
        Cli.run("-serial", "file:" + log, "-bios", elf().toString(), "--max-insns", "10").ok();
        assertTrue(Files.isRegularFile(log), "file:PATH creates the file");
        for (String bad : new String[] {"tcp:localhost:4444", "file:", "tcp:localhost:port,server", "", "FILE:x", "stdio2"}) {
            Cli.run("-serial", bad, "-bios", elf().toString()).usageError("-serial");
        }
        Path noDir = dir.resolve("no/such/dir/console.log");
        Cli.run("-serial", "file:" + noDir, "-bios", elf().toString()).usageError("-serial", noDir.toString());
    }

    @Test
    void icount() throws IOException {
        for (String ok : new String[] {"shift=0", "shift=3", "shift=10", "7", "shift=2,align=off"}) {
            runWith("-icount", ok).ok();
        }
        for (String bad : new String[] {"shift=11", "shift=-1", "shift=auto", "shift=", "fast", "", "shift=1x"}) {
            runWith("-icount", bad).usageError("-icount");
        }
    }

    @Test
    void engine() throws IOException {
        for (String good : new String[] {"interp", "jit", "auto"}) {
            runWith("--engine", good).ok();
        }
        for (String bad : new String[] {"tcg", "INTERP ", "", "JIT"}) {
            runWith("--engine", bad).usageError("engine", "interp, jit, auto");
        }
    }

    @Test
    void maxInstructions() throws IOException {
        Cli.run("-bios", elf().toString(), "-serial", "null", "--max-insns", "0").ok();
        Cli.run("-bios", elf().toString(), "-serial", "null", "--max-insns", "-5").usageError("--max-insns");
        Cli.run("-bios", elf().toString(), "-serial", "null", "--max-insns", "lots").usageError("--max-insns", "lots");
        Cli.run("-bios", elf().toString(), "-serial", "null", "--max-insns", "1e6").usageError("--max-insns");
    }

    @Test
    void dumpDtbWritesAValidTree() throws Exception {
        Path rd = Files.write(dir.resolve("rd.bin"), new byte[1000]);
        Node root = dump("-m", "256", "-append", "console=ttyS0 root=/dev/ram", "-initrd", rd.toString());
        assertEquals(256 * MIB, memorySize(root));
        Node chosen = root.child("chosen");
        assertEquals("console=ttyS0 root=/dev/ram", chosen.property("bootargs").asString());
        // QEMU 7.2 puts the initrd at (32 MiB + 0x2000000) & ~0xFFFFFF when no -kernel blob precedes it
        assertArrayEquals(new int[] {0x400_0000}, chosen.property("linux,initrd-start").asCells());
        assertArrayEquals(new int[] {0x400_0000 + 1000}, chosen.property("linux,initrd-end").asCells());
        assertNull(chosen.property("qemu,boot-kernel"), "no -kernel with the -bios");
        dtcAccepts(Files.readAllBytes(dir.resolve("board.dtb")));
    }

    @Test
    void dumpDtbOfAUserDtbIsThatFile() throws Exception {
        Path first = dir.resolve("first.dtb");
        Cli.run("-bios", elf().toString(), "-append", "from-file", "--dump-dtb", first.toString()).ok();
        Path second = dir.resolve("second.dtb");
        Cli.run("-bios", elf().toString(), "-dtb", first.toString(), "--dump-dtb", second.toString()).ok();
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void dumpDtbToAnUnwritablePlace() throws IOException {
        Path noDir = dir.resolve("missing-dir/board.dtb");
        Cli.run("-bios", elf().toString(), "--dump-dtb", noDir.toString()).usageError("--dump-dtb", noDir.toString());
        Cli.run("-bios", elf().toString(), "--dump-dtb", dir.toString()).usageError("--dump-dtb", dir.toString());
    }

    private static void dtcAccepts(byte[] dtb) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("dtc", "-I", "dtb", "-O", "dts", "-o", "/dev/null", "-").redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "dtc not installed");
            return;
        }
        try (var in = p.getOutputStream()) {
            in.write(dtb);
        }
        String msg = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), msg);
        assertTrue(!msg.contains("ERROR"), msg);
    }

    @Test
    void helpDocumentsEveryOption() {
        Cli.Result r = Cli.run("--help").ok();
        assertTrue(r.out().startsWith("Usage: partita"), r.out());
        List<String> names = new ArrayList<>(List.of("-M", "-m", "-bios", "-kernel", "-initrd", "-append", "-dtb",
                "-nographic", "-serial", "-no-reboot", "-icount", "--engine", "--dump-dtb", "--max-insns", "--help",
                "disasm"));
        for (Field f : RunCommand.class.getDeclaredFields()) { // and whatever is added later
            Option o = f.getAnnotation(Option.class);
            if (o != null) {
                names.addAll(List.of(o.names()));
            }
        }
        for (String n : names) {
            assertTrue(r.out().matches("(?s).*(^|[\\s\\[,])" + java.util.regex.Pattern.quote(n) + "[\\s=,\\]].*"),
                    "--help mentions " + n);
        }
        assertEquals(r.out(), Cli.run("-h").ok().out());
        assertTrue(Cli.run("disasm", "--help").ok().out().contains("FILE.elf"));
    }

    @Test
    void version() {
        assertTrue(Cli.run("--version").ok().out().startsWith("partita "));
    }

    @Test
    void unknownAndMalformedOptions() throws IOException {
        Cli.run("--bogus").usageError("--bogus");
        Cli.run("-bogus", "-bios", elf().toString()).usageError("-bogus");
        Cli.run("-enable-kvm", "-bios", elf().toString()).usageError("-enable-kvm");
        Cli.run("stray.elf").usageError("stray.elf");
        // -bios alone means Debian's U-Boot, like QEMU's default firmware; its absence names the package
        String saved = System.getProperty("partita.defaultBios");
        System.setProperty("partita.defaultBios", dir.resolve("no-such-u-boot.elf").toString());
        try {
            Cli.run("-bios", "-serial", "null", "--max-insns", "10").usageError("-bios", "no-such-u-boot.elf", "u-boot-qemu");
        } finally {
            if (saved == null) {
                System.clearProperty("partita.defaultBios");
            } else {
                System.setProperty("partita.defaultBios", saved);
            }
        }
        if (Files.isRegularFile(Path.of(RunCommand.DEFAULT_BIOS))) {
            Cli.run("-bios", "-serial", "null", "--max-insns", "1000").ok();
        }
        Cli.run("-m").usageError("-m");
        Cli.run("-bios", elf().toString(), "-bios", elf().toString()).usageError("-bios");
        Cli.run("-bios", elf().toString(), "-nographic=maybe").usageError("-nographic");
    }

    @Test
    void noImageRunsTheBuiltInDemoGuest() throws IOException {
        Path console = Files.createTempFile("partita-demo", ".txt");
        try {
            Cli.Result r = Cli.run("-m", "256", "-serial", "file:" + console);
            assertEquals(0, r.status(), r.err());
            assertTrue(r.err().contains("built-in demo guest"), r.err());
            // FIPS 180-2's first example: SHA-256("abc") = ba7816bf...f20015ad
            String out = Files.readString(console);
            assertTrue(out.contains("sha256(abc) = ba7816bf8f01cfea...f20015ad (ok)"), out);
        } finally {
            Files.deleteIfExists(console);
        }
    }
}
