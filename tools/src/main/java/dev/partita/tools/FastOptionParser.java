package dev.partita.tools;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Parses the plain command lines of {@code partita} (the run command's options, each as {@code NAME VALUE}
 * or a flag) without picocli, to save start-up time: picocli's classes are Java 5 class files, which the
 * JDK's AOT cache cannot hold, so loading and verifying them costs tens of milliseconds on every start.
 *
 * <p>It only accepts what it is sure picocli reads the same way and declines everything else (returns
 * {@code null}): help and version options, subcommands, unknown or repeated options, {@code NAME=VALUE},
 * values that start with {@code -} or {@code @}, numbers that are not plain decimals, options it does not
 * know (such as {@code --engine}). Declined command lines go to picocli, which stays the reference for
 * parsing, errors and help; a test checks that both agree wherever this parser accepts.
 */
final class FastOptionParser {
    private FastOptionParser() {}

    /** The run command {@code args} describe, or {@code null} when picocli has to parse them. */
    static RunCommand parse(String[] args) {
        RunCommand c = new RunCommand();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!seen.add(name)) {
                return null;
            }
            switch (name) {
                case "-nographic" -> c.nographic = true;
                case "-no-reboot" -> c.noReboot = true;
                case "--stats" -> c.stats = true;
                default -> {
                    if (i + 1 >= args.length || !plainValue(args[i + 1]) || !setValue(c, name, args[i + 1])) {
                        return null;
                    }
                    i++;
                }
            }
        }
        return c;
    }

    /** Sets option {@code name} to {@code v}; false when the option or the value is not one this parser takes. */
    private static boolean setValue(RunCommand c, String name, String v) {
        switch (name) {
            case "-M" -> c.machine = v;
            case "-m" -> c.memory = v;
            case "-append" -> c.append = v;
            case "-serial" -> c.serial = v;
            case "-icount" -> c.icount = v;
            case "-bios", "-kernel", "-initrd", "-dtb", "--dump-dtb", "--trace" -> {
                Path p = path(v);
                if (p == null) {
                    return false;
                }
                switch (name) {
                    case "-bios" -> c.bios = p;
                    case "-kernel" -> c.kernel = p;
                    case "-initrd" -> c.initrd = p;
                    case "-dtb" -> c.dtb = p;
                    case "--dump-dtb" -> c.dumpDtb = p;
                    default -> c.trace = p;
                }
            }
            case "--max-insns", "--trace-from" -> {
                long n = decimal(v);
                if (n < 0) {
                    return false;
                }
                if (name.equals("--max-insns")) {
                    c.maxInsns = n;
                } else {
                    c.traceFrom = n;
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * A value picocli would certainly take as this option's value rather than as an option, an argument
     * file or a subcommand.
     */
    private static boolean plainValue(String v) {
        return !v.startsWith("-") && !v.startsWith("@") && !v.equals("disasm");
    }

    /** The path {@code v} names, or null when it is not a valid one. */
    private static Path path(String v) {
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** A plain decimal count (what picocli's converter reads the same way), or -1. */
    private static long decimal(String v) {
        if (v.isEmpty() || v.length() > 18) {
            return -1;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(v);
    }
}
