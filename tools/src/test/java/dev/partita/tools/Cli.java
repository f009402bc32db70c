package dev.partita.tools;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs {@link Main#run} in this JVM with standard input empty and standard output and error captured. */
final class Cli {
    /** What one run produced. */
    record Result(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        /**
         * A usage or input error as the README promises it: status 2, exactly one line on standard error,
         * starting "partita: ", no stack trace, nothing on standard output. Returns that line.
         */
        String usageError() {
            assertEquals(2, status, () -> "exit status; stderr: " + err);
            List<String> lines = errLines();
            assertEquals(1, lines.size(), () -> "one line on stderr, got:\n" + err);
            String line = lines.get(0);
            assertTrue(line.startsWith("partita: "), line);
            assertFalse(line.contains("Exception") || line.contains("internal error"), line);
            assertEquals("", out, "nothing on stdout");
            return line;
        }

        /** A usage error whose line contains each of {@code parts}. */
        String usageError(String... parts) {
            String line = usageError();
            for (String p : parts) {
                assertTrue(line.contains(p), () -> "'" + line + "' should name '" + p + "'");
            }
            return line;
        }

        /** Success: status 0 and nothing on standard error. */
        Result ok() {
            assertEquals("", err, "stderr");
            assertEquals(0, status, "exit status");
            return this;
        }
    }

    private Cli() {}

    static synchronized Result run(String... args) {
        PrintStream out = System.out, err = System.err;
        InputStream in = System.in;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int status;
        try {
            System.setIn(new ByteArrayInputStream(new byte[0]));
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            status = Main.run(args);
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
        }
        return new Result(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }
}
