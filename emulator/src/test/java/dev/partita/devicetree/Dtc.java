package dev.partita.devicetree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the Device Tree Compiler (dtc) for tests that compare against it; tests skip when it is missing. */
public final class Dtc {
    private Dtc() {}

    /** What one dtc run produced. */
    public record Result(int exitCode, byte[] output, String stderr) {
        public String outputText() {
            return new String(output, StandardCharsets.UTF_8);
        }

        /** The warning lines, without the file/line prefix (which differs between inputs). */
        public List<String> warnings() {
            List<String> out = new ArrayList<>();
            for (String line : stderr.split("\n")) {
                int w = line.indexOf("Warning (");
                if (w >= 0) {
                    out.add(line.substring(w));
                }
            }
            return out;
        }

        public boolean hasErrors() {
            return exitCode != 0 || stderr.contains("ERROR") || stderr.contains("Error");
        }
    }

    private static Boolean available;

    public static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder("dtc", "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                available = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                available = false;
            }
        }
        return available;
    }

    /** {@code dtc -I <in> -O <out> input}, the input written to a temp file. */
    public static Result run(String inFormat, String outFormat, byte[] input) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("partita-dtc");
        try {
            Path in = dir.resolve("in." + inFormat);
            Path out = dir.resolve("out." + outFormat);
            Path err = dir.resolve("stderr.txt");
            Files.write(in, input);
            Process p = new ProcessBuilder("dtc", "-I", inFormat, "-O", outFormat, "-o", out.toString(), in.toString())
                    .redirectErrorStream(false)
                    .redirectError(err.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("dtc timed out");
            }
            byte[] output = Files.exists(out) ? Files.readAllBytes(out) : new byte[0];
            return new Result(p.exitValue(), output, Files.readString(err));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
