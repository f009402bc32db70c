package dev.partita.firmware;

import dev.partita.machine.ImageException;
import dev.partita.machine.Machine;
import dev.partita.machine.MachineConfig;
import dev.partita.machine.StopReason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's U-Boot for qemu-ppce500 on an in-process Partita machine with deterministic time, driven
 * through the console UART like a user at a terminal: everything runs on the test's thread, so runs
 * repeat exactly.
 */
final class UBootConsole {
    static final Path UBOOT = Path.of("/usr/lib/u-boot/qemu-ppce500/uboot.elf");
    /** Guest time per instruction: 2^7 ns, so one guest second is about 7.8 M instructions. */
    static final int ICOUNT_SHIFT = 7;
    static final String PROMPT = "=> ";
    /** Instructions per look at the console. */
    private static final long STEP = 200_000;

    final Machine machine;
    private StopReason stopped;
    /** Console length at the last command sent. */
    private int mark;

    UBootConsole(boolean noReboot) throws ImageException {
        MachineConfig cfg = new MachineConfig().ramSize(256L << 20).bios(UBOOT).deterministic(ICOUNT_SHIFT);
        cfg.noReboot = noReboot;
        cfg.engine = PartitaRunner.ENGINE;
        machine = new Machine(cfg);
    }

    static boolean available() {
        return Files.isRegularFile(UBOOT);
    }

    String console() {
        return machine.consoleText().replace("\r", "");
    }

    /** Why the machine stopped, or null while it runs. */
    StopReason stopped() {
        return stopped;
    }

    /** Runs until the console ends with {@code text} after position {@code from}; fails after {@code maxInsns}. */
    String runUntil(String text, int from, long maxInsns) {
        long end = machine.cpu().icount + maxInsns;
        while (machine.cpu().icount < end) {
            StopReason r = machine.run(STEP);
            String c = console();
            if (c.length() >= from && c.indexOf(text, from) >= 0 && c.endsWith(text)) {
                return c.substring(from);
            }
            if (r != StopReason.INSTRUCTION_LIMIT) {
                stopped = r;
                return c.substring(Math.min(from, c.length()));
            }
        }
        throw new AssertionError("no '" + text.strip() + "' within " + maxInsns + " instructions; console tail:\n"
                + tail(console()));
    }

    /** Boots to the first prompt and returns everything printed. */
    String boot() {
        return runUntil(PROMPT, 0, 2_000_000_000L);
    }

    /** Types {@code line} and Enter, runs to the next prompt, and returns the output between (echo excluded). */
    String command(String line) {
        return command(line, 500_000_000L);
    }

    String command(String line, long maxInsns) {
        mark = console().length();
        type(line + "\r");
        String out = runUntil(PROMPT, mark, maxInsns);
        if (stopped != null) {
            return out;
        }
        String body = out.substring(0, out.length() - PROMPT.length());
        int nl = body.indexOf('\n');
        return nl < 0 ? "" : body.substring(nl + 1);               // drop the echoed command line
    }

    /** Sends {@code s} (ISO-8859-1) to the console UART. */
    void type(String s) {
        machine.sendConsoleInput(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Runs {@code insns} instructions (or until the machine stops). */
    StopReason run(long insns) {
        StopReason r = machine.run(insns);
        if (r != StopReason.INSTRUCTION_LIMIT) {
            stopped = r;
        }
        return r;
    }

    static String tail(String s) {
        return s.length() <= 2000 ? s : s.substring(s.length() - 2000);
    }
}
