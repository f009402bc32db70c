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
