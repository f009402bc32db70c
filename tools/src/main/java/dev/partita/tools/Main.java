package dev.partita.tools;

import picocli.CommandLine;

/** Entry point of the {@code partita} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status (0 ok, 2 usage or input error, 1 emulator failure). */
    public static int run(String... args) {
        try {
            // plain run command lines skip picocli (see FastOptionParser); everything else goes through it
            RunCommand plain = FastOptionParser.parse(args);
            if (plain != null) {
                warmUp(plain);
                try {
                    return plain.call();
                } catch (RuntimeException e) { // as the execution exception handler below
                    System.err.println("partita: internal error: " + e);
                    return 1;
                }
            }
            return commandLine().execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) { // picocli passes Errors through; still no stack trace
            System.err.println("partita: internal error: " + e);
            return 1;
        }
    }

    /**
     * Starts, on a daemon thread, the slow one-time initialisations a run will need, so that they overlap
     * with the machine's construction (allocating and zeroing guest RAM, loading images) on another core:
     * the terminal calls of the console (binding them generates code) and the instruction decoder's
     * 64 Ki-entry table. Whichever thread gets to a class first initialises it; the other waits for it,
     * so this changes when the work is done, never what it does.
     */
    private static void warmUp(RunCommand c) {
        if (c.dumpDtb != null) {
            return;
        }
        boolean rawTerminal = c.serial.equals("mon:stdio") || c.serial.equals("stdio") && c.nographic;
        Thread t = new Thread(() -> {
            if (rawTerminal) {
                Posix.isatty(0);
            }
            dev.partita.cpu.Decoder.decode(0);
        }, "partita-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** The picocli command line {@link #run} uses: the run command, its subcommands and error handling. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new RunCommand());
        cl.setPosixClusteredShortOptionsAllowed(false);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            System.err.println("partita: " + ex.getMessage().lines().findFirst().orElse("bad option"));
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            System.err.println("partita: internal error: " + ex);
            return 1;
        });
        return cl;
    }
}
