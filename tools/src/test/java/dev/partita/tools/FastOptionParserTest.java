package dev.partita.tools;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The picocli-free parser agrees with picocli wherever it accepts a command line, and declines the rest. */
class FastOptionParserTest {
    /** Every option field of the run command, as picocli fills it for {@code args}. */
    private static RunCommand picocli(String... args) {
        CommandLine cl = Main.commandLine();
        cl.parseArgs(args);
        return cl.getCommand();
    }

    private static List<Field> optionFields() {
        List<Field> out = new ArrayList<>();
        for (Field f : RunCommand.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(Option.class)) {
                f.setAccessible(true);
                out.add(f);
            }
        }
        assertTrue(out.size() > 10, "the run command's options");
        return out;
    }

    private static void assertSameOptions(RunCommand expected, RunCommand actual, String[] args) throws Exception {
        for (Field f : optionFields()) {
            assertEquals(f.get(expected), f.get(actual), () -> f.getName() + " for " + Arrays.toString(args));
        }
    }

    private static void assertAgrees(String... args) throws Exception {
        RunCommand fast = FastOptionParser.parse(args);
        assertNotNull(fast, () -> "accepted: " + Arrays.toString(args));
        assertSameOptions(picocli(args), fast, args);
    }

    @Test
    void plainCommandLinesParseAsPicocliParsesThem() throws Exception {
        assertAgrees();
        assertAgrees("-M", "ppce500", "-m", "256", "-nographic", "-bios", "/usr/lib/u-boot/qemu-ppce500/uboot.elf");
        assertAgrees("-M", "ppce500", "-nographic", "-no-reboot", "-bios", "hello.elf");
        assertAgrees("-kernel", "vmlinux", "-initrd", "rd.img", "-append", "console=ttyS0 root=/dev/ram",
                "-dtb", "board.dtb", "-serial", "file:out.txt", "-icount", "shift=3");
        assertAgrees("-bios", "u.elf", "--max-insns", "123456789", "--stats", "--trace", "t.txt",
                "--trace-from", "1000", "--dump-dtb", "d.dtb", "-m", "1G", "-append", "");
        assertAgrees("-bios", "a file with spaces.elf", "-m", "64M");
    }

    @Test
    void declinesWhatPicocliMustHandle() {
        String[][] declined = {
            {"--help"}, {"-h"}, {"--version"}, {"-V"}, {"disasm", "x.elf"},
            {"-m", "256", "-m", "512"}, {"-nographic", "-nographic"}, {"-m=256"}, {"--engine", "interp"},
            {"-bios"}, {"-bios", "-nographic"}, {"-bios", "disasm"}, {"-m"}, {"-m", "-5"},
            {"--max-insns", "0x10"}, {"--max-insns", "-1"}, {"--max-insns", "+5"}, {"--max-insns", ""},
            {"--max-insns", "1234567890123456789012"}, {"@args.txt"}, {"-bios", "@x"}, {"--", "-m"},
            {"stray"}, {"-nographic", "extra"}, {"-bios", "a\0b"}, {"-unknown", "x"},
        };
        for (String[] args : declined) {
            assertNull(FastOptionParser.parse(args), () -> "declined: " + Arrays.toString(args));
        }
    }

    /** Random command lines from valid and tricky tokens: whatever the fast parser accepts, picocli reads alike. */
    @Test
    void neverDisagreesWithPicocliOnRandomCommandLines() throws Exception {
        String[] tokens = {"-M", "ppce500", "-m", "128", "256M", "-bios", "u.elf", "-kernel", "-initrd", "-append",
            "console=ttyS0", "", "-dtb", "-nographic", "-serial", "stdio", "null", "-no-reboot", "-icount",
            "shift=2", "--engine", "interp", "--dump-dtb", "--max-insns", "100", "007", "-3", "0x10",
            "--trace", "--trace-from", "--stats", "--help", "-V", "disasm", "@f", "--", "-x", "-m=5"};
        Random r = new Random(42);
        int accepted = 0;
        for (int n = 0; n < 20_000; n++) {
            String[] args = new String[r.nextInt(7)];
            for (int i = 0; i < args.length; i++) {
                args[i] = tokens[r.nextInt(tokens.length)];
            }
            RunCommand fast = FastOptionParser.parse(args);
            if (fast == null) {
                continue;
            }
            accepted++;
            RunCommand reference;
            try {
                reference = picocli(args);
            } catch (CommandLine.ParameterException e) {
                fail("picocli rejects " + Arrays.toString(args) + " (" + e.getMessage() + ") but the fast parser took it");
                return;
            }
            assertSameOptions(reference, fast, args);
        }
        assertTrue(accepted > 500, "enough accepted samples: " + accepted);
    }

    @Test
    void runUsesTheFastPathAndStillReportsUsageErrors() throws Exception {
        // a fast-parsed command line reaches the run command's own checks
        String line = Cli.run("-M", "mpc8544ds", "-bios", "x.elf").usageError();
        assertTrue(line.contains("unsupported machine"), line);
        assertTrue(Objects.requireNonNull(FastOptionParser.parse(new String[] {"-M", "mpc8544ds"})).machine
                .equals("mpc8544ds"));
    }
}
