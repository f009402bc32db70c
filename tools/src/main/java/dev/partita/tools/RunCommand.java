package dev.partita.tools;

import dev.partita.machine.ImageException;
import dev.partita.machine.Machine;
import dev.partita.machine.MachineConfig;
import dev.partita.machine.StopReason;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code partita [options]}: build a machine from QEMU-style options and run it. */
@Command(name = "partita", mixinStandardHelpOptions = true, version = "partita 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Runs a guest on an emulated PowerPC e500v2 SoC (QEMU's ppce500 board).",
                "Options follow QEMU's where QEMU has them.",
                "Exit status: 0 when the guest powers off or resets with -no-reboot (or the instruction limit is "
                        + "reached), 2 for bad options or images, 1 for an emulator failure."},
        subcommands = {DisasmCommand.class})
final class RunCommand implements Callable<Integer> {
    @Option(names = "-M", paramLabel = "MACHINE", description = "Machine type; only ppce500 (default).")
    String machine = "ppce500";

    @Option(names = "-m", paramLabel = "SIZE", description = "RAM size: MiB, or with suffix M or G (default 128M).")
    String memory = "128";

    /** Where Debian's u-boot-qemu package installs U-Boot for this board: what -bios alone runs. */
    static final String DEFAULT_BIOS = "/usr/lib/u-boot/qemu-ppce500/uboot.elf";
    static final String DEFAULT_BIOS_PACKAGE = "u-boot-qemu";

    @Option(names = "-bios", paramLabel = "FILE", arity = "0..1", fallbackValue = DEFAULT_BIOS,
            description = "Firmware to run (ELF or uImage), e.g. U-Boot or a bare-metal program. Without FILE: "
                    + DEFAULT_BIOS + " (Debian package " + DEFAULT_BIOS_PACKAGE + ").")
    Path bios;

    @Option(names = "-kernel", paramLabel = "FILE", description = "Kernel: the payload when there is no -bios (ELF or uImage); with -bios, a blob at 32 MiB that U-Boot boots.")
    Path kernel;

    @Option(names = "-initrd", paramLabel = "FILE", description = "Initial RAM disk, placed after the kernel.")
    Path initrd;

    @Option(names = "-append", paramLabel = "ARGS", description = "Kernel command line (/chosen/bootargs).")
    String append = "";

    @Option(names = "-dtb", paramLabel = "FILE", description = "Use this device tree blob instead of the generated one.")
    Path dtb;

    @Option(names = "-nographic", description = "No display: the serial console is on standard input and output.")
    boolean nographic;

    @Option(names = "-serial", paramLabel = "DEV", description = "Serial console: stdio (default; with -nographic a raw terminal where Ctrl-A x quits), null, file:PATH, pty, tcp:[HOST]:PORT,server[,wait=off].")
    String serial = "stdio";

    @Option(names = "-no-reboot", description = "A guest reset ends the run with exit status 0.")
    boolean noReboot;

    @Option(names = "-icount", paramLabel = "shift=N", description = "Deterministic time: guest time advances 2^N ns per instruction, so runs repeat exactly.")
    String icount;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "Execution engine: auto (interpret cold code, translate hot code; the default), jit (translate everything on first entry) or interp (interpreter only).")
    String engine = "auto";

    @Option(names = "--dump-dtb", paramLabel = "FILE", description = "Write the generated device tree blob to FILE and exit.")
    Path dumpDtb;

    @Option(names = "--max-insns", paramLabel = "N", description = "Stop after N guest instructions (exit status 0).")
    long maxInsns = Long.MAX_VALUE;

    @Option(names = "--trace", paramLabel = "FILE", description = "Debugging: log every instruction (count, pc, word, disassembly) and interrupt to FILE; slow. Also -Dpartita.trace=FILE.")
    Path trace;

    @Option(names = "--trace-from", paramLabel = "N", description = "With --trace: start logging at instruction N.")
    long traceFrom;

    @Option(names = "--stats", description = "At exit, print instructions executed, guest MIPS and wall time on standard error.")
    boolean stats;

    @Override
    public Integer call() {
        try {
            return runMachine();
        } catch (UsageException | ImageException e) {
            System.err.println("partita: " + e.getMessage());
            return 2;
        }
    }

    /** One line saying why a host file operation failed, e.g. "/x/y: no such file or directory". */
    static String describe(IOException e) {
        String reason = switch (e) {
            case NoSuchFileException n -> "no such file or directory";
            case AccessDeniedException a -> "permission denied";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
        String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() + ": " : "";
        return (file + reason).lines().findFirst().orElse(reason);
    }

    static final class UsageException extends Exception {
        UsageException(String m) {
            super(m);
        }
    }

    private int runMachine() throws UsageException, ImageException {
        long t0 = System.nanoTime();
        if (!machine.equals("ppce500")) {
            throw new UsageException("unsupported machine '" + machine + "' (only ppce500)");
        }
        if (!dev.partita.machine.Engines.names().contains(engine)) {
            throw new UsageException("unknown engine '" + engine + "' (available: " + String.join(", ", dev.partita.machine.Engines.names()) + ")");
        }
        if (maxInsns < 0) {
            throw new UsageException("--max-insns: the instruction count must not be negative, not " + maxInsns);
        }
        MachineConfig cfg = new MachineConfig();
        try {
            cfg.ramSize = SizeParser.parse(memory);
        } catch (IllegalArgumentException e) {
            throw new UsageException("-m: " + e.getMessage());
        }
        if (bios != null && bios.toString().equals(DEFAULT_BIOS)) {
            // -bios without FILE; the property lets tests point the default elsewhere
            bios = Path.of(System.getProperty("partita.defaultBios", DEFAULT_BIOS));
            if (!Files.isRegularFile(bios)) {
                throw new UsageException("-bios: no default firmware: " + bios + " is missing (install Debian's "
                        + DEFAULT_BIOS_PACKAGE + " package, or give -bios FILE)");
            }
        }
        if (bios == null && kernel == null) {
            bios = extractDefaultGuest();
            noReboot = true;
            System.err.println("partita: no -bios or -kernel given: running the built-in demo guest "
                    + "(the small SHA-256 benchmark from benchmarks/guests; -bios FILE runs your own)");
        }
        cfg.bios = bios;
        cfg.kernel = kernel;
        cfg.initrd = initrd;
        cfg.append = append;
        cfg.dtb = dtb;
        cfg.noReboot = noReboot;
        cfg.engine = engine;
        if (icount != null) {
            cfg.icountShift = parseIcount(icount);
        }
        if (trace == null && System.getProperty("partita.trace") != null) {
            trace = Path.of(System.getProperty("partita.trace"));
        }
        if (trace != null) {
            try {
                cfg.trace = new java.io.PrintStream(new BufferedOutputStream(Files.newOutputStream(trace), 1 << 16), false);
            } catch (IOException e) {
                throw new UsageException("--trace: cannot open " + describe(e));
            }
            cfg.traceFrom = traceFrom;
        }
        SerialPort serial = dumpDtb != null ? new SerialPort.Sink(OutputStream.nullOutputStream())
                : SerialPort.open(this.serial, nographic, System.err);
        cfg.serialOutput = serial.output();
        Machine m;
        try {
            m = new Machine(cfg);
        } catch (ImageException e) {
            serial.close();
            throw e;
        }
        if (dumpDtb != null) {
            serial.close();
            try {
                Files.write(dumpDtb, m.deviceTreeBlob());
            } catch (IOException e) {
                throw new UsageException("--dump-dtb: cannot write " + describe(e));
            }
            return 0;
        }
        long start = m.cpu().icount;
        StopReason why;
        try {
            serial.start(m);
            why = m.run(maxInsns);
        } finally {
            serial.close();
            if (cfg.trace != null) {
                cfg.trace.close();
            }
        }
        if (serial.quitRequested()) {
            System.err.println("partita: terminated (Ctrl-A x)");
        }
        if (stats) {
            double secs = (System.nanoTime() - t0) / 1e9;
            long n = m.cpu().icount - start;
            System.err.printf("partita: %s after %d instructions in %.3f s (%.1f MIPS)%n",
                    why.name().toLowerCase().replace('_', ' '), n, secs, n / secs / 1e6);
            String engineStats = m.engine().stats();
            if (!engineStats.isEmpty()) {
                System.err.println(engineStats.replace("\n", System.lineSeparator()).replaceAll("(?m)^", "partita: "));
            }
        }
        return switch (why) {
            case RESET, POWER_OFF, INSTRUCTION_LIMIT, STOPPED -> 0;
            case CHECKSTOP -> {
                System.err.println("partita: the guest core entered checkstop (machine check with MSR[ME]=0)");
                yield 1;
            }
        };
    }

    /** Copies the built-in demo guest (a resource of this jar) to a temporary file and returns its path. */
    private static Path extractDefaultGuest() throws UsageException {
        try (java.io.InputStream in = RunCommand.class.getResourceAsStream("default-guest.elf")) {
            if (in == null) {
                throw new UsageException("the built-in demo guest is missing from this build; give -bios FILE");
            }
            Path tmp = Files.createTempFile("partita-default-guest", ".elf");
            tmp.toFile().deleteOnExit();
            Files.write(tmp, in.readAllBytes());
            return tmp;
        } catch (IOException e) {
            throw new UsageException("cannot prepare the built-in demo guest: " + e.getMessage());
        }
    }

    static int parseIcount(String s) throws UsageException {
        String t = s.startsWith("shift=") ? s.substring(6) : s;
        int comma = t.indexOf(',');
        if (comma >= 0) {
            t = t.substring(0, comma);
        }
        try {
            int n = Integer.parseInt(t);
            if (n < 0 || n > 10) {
                throw new UsageException("-icount: shift must be 0..10, not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("-icount: expected shift=N, not '" + s + "'");
        }
    }
}
