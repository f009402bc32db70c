package dev.partita.benchmarks.guests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the guest benchmark programs (benchmarks/guests/prebuilt) on Partita and on QEMU, alternately and
 * several times, plus their native twins, checks that every run prints the same checksum, and reports
 * per program the median wall times, QEMU/Partita and Partita/native, guest instructions retired (Partita's
 * deterministic count under {@code -icount shift=0}), guest MIPS and peak RSS, as a Markdown table and an
 * SVG chart. Started by benchmarks/run.sh as a single-file program (needs only the JDK); {@code --help}
 * lists the options.
 */
public final class GuestRunner {
    private static final Pattern STATS = Pattern.compile(
            "partita: .* after (\\d+) instructions in ([0-9.]+) s");
    private static final Pattern CHECKSUM = Pattern.compile("(?m)^checksum ([0-9a-f]{8})\\s*$");
    /** Programs whose native twin is a host stand-in for the system work (scheduler, device model). */
    private static final List<String> HOST_STAND_INS = List.of("kernel", "mmio");

    private Path root;
    private int runs = 3;
    private boolean small;
    private String engine;
    private boolean icount = true;
    private boolean native_ = true;
    private boolean qemu = true;
    private boolean rebuild;
    private long timeoutSeconds = 600;
    private List<String> only = new ArrayList<>();
    private Path partita;
    private String qemuCmd = "qemu-system-ppc";
    private Path out;
    private String timeCmd = "/usr/bin/time";

    /** Results of one program on one runner (Partita, QEMU or native). */
    static final class Series {
        final List<Double> wall = new ArrayList<>();
        final List<Double> emulated = new ArrayList<>(); // Partita's own --stats seconds
        final List<Long> rssKiB = new ArrayList<>();
        final List<Long> insns = new ArrayList<>();
        String output;
        String checksum;
        final List<String> problems = new ArrayList<>();
    }

    static final class Program {
        final String name;
        final Path elf;
        final Path nativeExe;
        final Series partita = new Series(), qemu = new Series(), host = new Series();

        Program(String name, Path elf, Path nativeExe) {
            this.name = name;
            this.elf = elf;
            this.nativeExe = nativeExe;
        }
    }

    private record RunResult(double wall, long rssKiB, String stdout, String stderr, int status, boolean timedOut) {}

    public static void main(String[] args) {
        GuestRunner r = new GuestRunner();
        try {
            r.parse(args);
            System.exit(r.run());
        } catch (Usage e) {
            System.err.println("run.sh: " + e.getMessage());
            System.exit(2);
        }
    }

    static final class Usage extends Exception {
        Usage(String msg) {
            super(msg);
        }
    }

    private void parse(String[] args) throws Usage {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--root" -> root = Path.of(value(args, ++i, a));
                case "--runs", "-n" -> runs = intValue(value(args, ++i, a), a);
                case "--small" -> small = true;
                case "--engine" -> engine = value(args, ++i, a);
                case "--no-icount" -> icount = false;
                case "--no-native" -> native_ = false;
                case "--no-qemu" -> qemu = false;
                case "--rebuild" -> rebuild = true;
                case "--timeout" -> timeoutSeconds = intValue(value(args, ++i, a), a);
                case "--only" -> only.addAll(Arrays.asList(value(args, ++i, a).split(",")));
                case "--partita" -> partita = Path.of(value(args, ++i, a));
                case "--qemu" -> qemuCmd = value(args, ++i, a);
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--help", "-h" -> {
                    System.out.print(HELP);
                    System.exit(0);
                }
                default -> {
                    if (a.startsWith("--engine=")) {
                        engine = a.substring(9);
                    } else {
                        throw new Usage("unknown option '" + a + "' (--help lists them)");
                    }
                }
            }
        }
        if (root == null) {
            root = Path.of("").toAbsolutePath();
        }
        if (runs < 1) {
            throw new Usage("--runs must be at least 1");
        }
        if (partita == null) {
            partita = root.resolve("partita");
        }
        if (out == null) {
            out = root.resolve("benchmarks/target/guest-results");
        }
    }

    private static final String HELP = """
            usage: benchmarks/run.sh [options]
              --runs N        timed runs of each program on each side (default 3; medians are reported)
              --small         the small variants (prebuilt/small, quick smoke runs)
              --only a,b      just these programs
              --engine E      passed through to Partita as --engine E
              --no-icount     time Partita in real-time mode (default: -icount shift=0, deterministic)
              --no-qemu       skip QEMU;  --no-native: skip the native twins
              --rebuild       rebuild the guest ELFs first (needs gcc-powerpc-linux-gnu)
              --timeout S     per-run limit in seconds (default 600)
              --partita PATH  launcher to run (default: ./partita in the repository)
              --qemu CMD      QEMU binary (default qemu-system-ppc)
              --out DIR       where the table and chart go (default benchmarks/target/guest-results)
            """;

    private static String value(String[] args, int i, String opt) throws Usage {
        if (i >= args.length) {
            throw new Usage(opt + " needs a value");
        }
        return args[i];
    }

    private static int intValue(String s, String opt) throws Usage {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new Usage(opt + ": not a number: " + s);
        }
    }

    private int run() throws Usage {
        Path guests = root.resolve("benchmarks/guests");
        if (rebuild) {
            requireCommand("powerpc-linux-gnu-gcc", "gcc-powerpc-linux-gnu", "to rebuild the guest programs");
            shell(List.of("sh", guests.resolve("build.sh").toString()), "guest build");
        }
        Path prebuilt = small ? guests.resolve("prebuilt/small") : guests.resolve("prebuilt");
        List<Program> programs = findPrograms(guests, prebuilt);
        if (programs.isEmpty()) {
            throw new Usage("no guest programs in " + prebuilt + " (build them: benchmarks/guests/build.sh,"
                    + " needs the Debian package gcc-powerpc-linux-gnu)");
        }
        if (qemu && !onPath(qemuCmd)) {
            throw new Usage(qemuCmd + " not found: install the Debian package qemu-system-ppc"
                    + " (apt-get install qemu-system-ppc), or pass --no-qemu");
        }
        if (!Files.isExecutable(Path.of(timeCmd))) {
            System.err.println("run.sh: " + timeCmd + " not found, peak RSS will not be reported"
                    + " (install the Debian package time: apt-get install time)");
            timeCmd = null;
        }
        if (native_) {
            if (!onPath("gcc")) {
                System.err.println("run.sh: gcc not found, skipping the native twins (install the Debian package gcc)");
                native_ = false;
            } else {
                Path nat = root.resolve("benchmarks/target/native");
                shell(List.of("sh", guests.resolve("build.sh").toString(), "--native", nat.toString()), "native build");
            }
        }
        // Build Partita's jar now (the launcher builds on first use) so no timed run includes a build.
        shell(List.of(partita.toString(), "--help"), "Partita launcher");

        System.err.printf(Locale.ROOT, "run.sh: %d program(s), %d run(s) each, %s variant%s%n", programs.size(), runs,
                small ? "small" : "full", engine != null ? ", engine " + engine : "");
        for (int r = 1; r <= runs; r++) {
            for (Program p : programs) {
                System.err.printf(Locale.ROOT, "run %d/%d %-10s", r, runs, p.name);
                record(p.partita, execute(partitaCommand(p)), true);
                System.err.printf(Locale.ROOT, " partita %7.2f s", last(p.partita.wall));
                if (qemu) {
                    record(p.qemu, execute(qemuCommand(p)), false);
                    System.err.printf(Locale.ROOT, "  qemu %7.2f s", last(p.qemu.wall));
                }
                if (native_ && Files.isExecutable(p.nativeExe)) {
                    record(p.host, execute(List.of(p.nativeExe.toString())), false);
                    System.err.printf(Locale.ROOT, "  native %7.3f s", last(p.host.wall));
                } else if (native_ && r == 1) {
                    p.host.problems.add("no native twin at " + p.nativeExe + " (guests/build.sh --native did not build it)");
                }
                System.err.println();
            }
        }
        boolean ok = check(programs);
        String table = table(programs);
        System.out.print(table);
        try {
            Files.createDirectories(out);
            String stem = small ? "guest-bench-small" : "guest-bench";
            Files.writeString(out.resolve(stem + ".md"), table);
            Files.writeString(out.resolve(stem + ".svg"), Chart.svg(chartRows(programs),
                    "Partita guest benchmarks (" + (small ? "small" : "full") + ", median of " + runs + ")"));
            System.err.println("run.sh: wrote " + out.resolve(stem + ".md") + " and " + out.resolve(stem + ".svg"));
        } catch (IOException e) {
            System.err.println("run.sh: cannot write results to " + out + ": " + e.getMessage());
            return 1;
        }
        return ok ? 0 : 1;
    }

    private List<Program> findPrograms(Path guests, Path prebuilt) throws Usage {
        List<Program> list = new ArrayList<>();
        File[] elfs = prebuilt.toFile().listFiles((d, n) -> n.endsWith(".elf"));
        if (elfs == null) {
            return list;
        }
        Arrays.sort(elfs);
        Path nat = root.resolve("benchmarks/target/native").resolve(small ? "small" : "full");
        for (File f : elfs) {
            String name = f.getName().substring(0, f.getName().length() - 4);
            if (only.isEmpty() || only.contains(name)) {
                list.add(new Program(name, f.toPath(), nat.resolve(name)));
            }
        }
        for (String o : only) {
            if (list.stream().noneMatch(p -> p.name.equals(o))) {
                throw new Usage("no program '" + o + "' in " + prebuilt);
            }
        }
        return list;
    }

    private List<String> partitaCommand(Program p) {
        List<String> c = new ArrayList<>(List.of(partita.toString(), "-M", "ppce500", "-m", "256", "-nographic",
                "-no-reboot", "-bios", p.elf.toString()));
        if (icount) {
            c.addAll(List.of("-icount", "shift=0"));
        }
        c.add("--stats");
        if (engine != null) {
            c.addAll(List.of("--engine", engine));
        }
        return c;
    }

    private List<String> qemuCommand(Program p) {
        return List.of(qemuCmd, "-M", "ppce500", "-m", "256", "-nographic", "-no-reboot", "-bios", p.elf.toString());
    }

    private void record(Series s, RunResult r, boolean isPartita) {
        String outText = r.stdout.replace("\r\n", "\n");
        if (r.timedOut) {
            s.problems.add("timed out after " + timeoutSeconds + " s");
            return;
        }
        if (r.status != 0) {
            s.problems.add("exit status " + r.status + ": " + firstLines(r.stderr));
        }
        s.wall.add(r.wall);
        if (r.rssKiB >= 0) {
            s.rssKiB.add(r.rssKiB);
        }
        Matcher m = CHECKSUM.matcher(outText);
        String sum = m.find() ? m.group(1) : null;
        if (sum == null) {
            s.problems.add("no checksum line in the output");
        }
        if (s.output == null) {
            s.output = outText;
            s.checksum = sum;
        } else if (!s.output.equals(outText)) {
            s.problems.add("output differs between runs");
        }
        if (isPartita) {
            Matcher st = STATS.matcher(r.stderr);
            if (st.find()) {
                s.insns.add(Long.parseLong(st.group(1)));
                s.emulated.add(Double.parseDouble(st.group(2)));
            } else {
                s.problems.add("no --stats line on standard error");
            }
        }
    }

    private boolean check(List<Program> programs) {
        boolean ok = true;
        for (Program p : programs) {
            List<String> problems = new ArrayList<>();
            p.partita.problems.forEach(s -> problems.add("partita: " + s));
            p.qemu.problems.forEach(s -> problems.add("qemu: " + s));
            p.host.problems.forEach(s -> problems.add("native: " + s));
            if (qemu && p.partita.output != null && p.qemu.output != null && !p.partita.output.equals(p.qemu.output)) {
                problems.add("console output differs between Partita and QEMU (checksums " + p.partita.checksum
                        + " / " + p.qemu.checksum + ")");
            }
            if (p.host.checksum != null && !p.host.checksum.equals(p.partita.checksum)) {
                problems.add("native checksum " + p.host.checksum + " differs from Partita's " + p.partita.checksum);
            }
            if (icount && p.partita.insns.stream().distinct().count() > 1) {
                problems.add("partita: instruction count differs between runs under -icount: " + p.partita.insns);
            }
            for (String s : problems) {
                System.err.println("run.sh: " + p.name + ": " + s);
            }
            ok &= problems.isEmpty();
        }
        return ok;
    }

    private String table(List<Program> programs) {
        StringBuilder b = new StringBuilder();
        b.append("| program | checksum | Partita s | QEMU s | native s | QEMU/Partita | Partita/native | guest instructions | guest MIPS | Partita RSS MiB | QEMU RSS MiB |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Program p : programs) {
            double pt = median(p.partita.wall), qt = median(p.qemu.wall), nt = median(p.host.wall);
            long insns = p.partita.insns.isEmpty() ? -1 : medianLong(p.partita.insns);
            double emu = median(p.partita.emulated);
            String sum = p.partita.checksum == null ? "-" : p.partita.checksum;
            if (!ok(p)) {
                sum += " MISMATCH";
            }
            b.append("| ").append(p.name).append(" | ").append(sum)
                    .append(" | ").append(fmt(pt, 2)).append(" | ").append(fmt(qt, 2)).append(" | ").append(fmt(nt, 3))
                    .append(" | ").append(fmt(qt / pt, 2)).append(" | ").append(fmt(pt / nt, 1))
                    .append(" | ").append(insns < 0 ? "-" : String.format(Locale.ROOT, "%,d", insns))
                    .append(" | ").append(insns < 0 ? "-" : fmt(insns / emu / 1e6, 0))
                    .append(" | ").append(mib(p.partita.rssKiB)).append(" | ").append(mib(p.qemu.rssKiB)).append(" |\n");
        }
        b.append("\nWall times are medians of ").append(runs).append(" run(s), including process start-up (JVM or QEMU).")
                .append(" Guest MIPS = instructions / Partita's own emulation time (--stats).")
                .append(icount ? " Partita ran with -icount shift=0." : " Partita ran in real-time mode.")
                .append(engine != null ? " Engine: " + engine + "." : "");
        if (native_ && programs.stream().anyMatch(p -> HOST_STAND_INS.contains(p.name))) {
            b.append(" The native kernel and mmio are host stand-ins (a cooperative scheduler, a register model):")
                    .append(" their Partita/native is the cost of emulating the system work, not a physical limit.");
        }
        b.append('\n');
        return b.toString();
    }

    private static boolean ok(Program p) {
        return p.partita.problems.isEmpty() && p.qemu.problems.isEmpty() && p.host.problems.isEmpty()
                && (p.qemu.output == null || p.qemu.output.equals(p.partita.output))
                && (p.host.checksum == null || p.host.checksum.equals(p.partita.checksum));
    }

    private List<Chart.Row> chartRows(List<Program> programs) {
        List<Chart.Row> rows = new ArrayList<>();
        for (Program p : programs) {
            double pt = median(p.partita.wall);
            rows.add(new Chart.Row(p.name, median(p.qemu.wall) / pt, pt / median(p.host.wall)));
        }
        return rows;
    }

    private static String mib(List<Long> kib) {
        return kib.isEmpty() ? "-" : fmt(medianLong(kib) / 1024.0, 0);
    }

    private static String fmt(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "-";
    }

    private static double last(List<Double> l) {
        return l.isEmpty() ? Double.NaN : l.get(l.size() - 1);
    }

    static double median(List<Double> l) {
        if (l.isEmpty()) {
            return Double.NaN;
        }
        double[] a = l.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static long medianLong(List<Long> l) {
        long[] a = l.stream().mapToLong(Long::longValue).sorted().toArray();
        return a[a.length / 2];
    }

    private RunResult execute(List<String> cmd) {
        try {
            Path tmp = Files.createTempFile("guest-bench", ".time");
            Path so = Files.createTempFile("guest-bench", ".out");
            Path se = Files.createTempFile("guest-bench", ".err");
            try {
                List<String> full = new ArrayList<>();
                if (timeCmd != null) {
                    full.addAll(List.of(timeCmd, "-f", "%M", "-o", tmp.toString()));
                }
                full.addAll(cmd);
                ProcessBuilder pb = new ProcessBuilder(full)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(so.toFile()).redirectError(se.toFile());
                long t0 = System.nanoTime();
                Process proc = pb.start();
                boolean done = proc.waitFor(timeoutSeconds, TimeUnit.SECONDS);
                double wall = (System.nanoTime() - t0) / 1e9;
                if (!done) {
                    proc.descendants().forEach(ProcessHandle::destroyForcibly);
                    proc.destroyForcibly();
                    proc.waitFor();
                }
                long rss = -1;
                if (timeCmd != null) {
                    String t = Files.readString(tmp).trim();
                    String[] lines = t.split("\n");
                    try {
                        rss = Long.parseLong(lines[lines.length - 1].trim());
                    } catch (NumberFormatException e) {
                        rss = -1;
                    }
                }
                String stdout = Files.readString(so, StandardCharsets.ISO_8859_1);
                String stderr = Files.readString(se, StandardCharsets.ISO_8859_1);
                return new RunResult(wall, rss, stdout, stderr, done ? proc.exitValue() : -1, !done);
            } finally {
                Files.deleteIfExists(tmp);
                Files.deleteIfExists(so);
                Files.deleteIfExists(se);
            }
        } catch (IOException e) {
            return new RunResult(Double.NaN, -1, "", "cannot run " + cmd.get(0) + ": " + e.getMessage(), -1, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Runs a preparation step with its output on our standard error; fails the run if it fails. */
    private void shell(List<String> cmd, String what) throws Usage {
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (p.waitFor() != 0) {
                throw new Usage(what + " failed (" + String.join(" ", cmd) + ")");
            }
        } catch (IOException e) {
            throw new Usage(what + ": cannot run " + cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Usage("interrupted");
        }
    }

    private void requireCommand(String cmd, String pkg, String why) throws Usage {
        if (!onPath(cmd)) {
            throw new Usage(cmd + " not found " + why + ": install the Debian package " + pkg + " (apt-get install " + pkg + ")");
        }
    }

    private static boolean onPath(String cmd) {
        if (cmd.contains("/")) {
            return Files.isExecutable(Path.of(cmd));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, cmd))) {
                return true;
            }
        }
        return false;
    }

    private static String firstLines(String s) {
        String[] l = s.strip().split("\n");
        return String.join(" / ", Arrays.copyOf(l, Math.min(3, l.length)));
    }

    /** The SVG chart: two panels of horizontal bars on log scales, QEMU/Partita and Partita/native. */
    static final class Chart {
        record Row(String name, double qemuOverPartita, double partitaOverNative) {}

        private static final int ROW_H = 26, LABEL_W = 110, PANEL_W = 380, GAP = 40, TOP = 60;

        static String svg(List<Row> rows, String title) {
            int h = TOP + rows.size() * ROW_H + 50;
            int w = LABEL_W + 2 * PANEL_W + GAP + 30;
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT,
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", w, h));
            b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h));
            b.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", esc(title)));
            panel(b, rows, LABEL_W, "QEMU time / Partita time (> 1: Partita faster)", true, "#3b7dd8");
            panel(b, rows, LABEL_W + PANEL_W + GAP, "Partita time / native time (slowdown)", false, "#d8713b");
            for (int i = 0; i < rows.size(); i++) {
                int y = TOP + i * ROW_H;
                b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                        LABEL_W - 8, y + ROW_H / 2 + 4, esc(rows.get(i).name())));
            }
            b.append("</svg>\n");
            return b.toString();
        }

        private static void panel(StringBuilder b, List<Row> rows, int x0, String title, boolean first, String colour) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (Row r : rows) {
                double v = first ? r.qemuOverPartita() : r.partitaOverNative();
                if (Double.isFinite(v) && v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            int y1 = TOP + rows.size() * ROW_H;
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", x0, TOP - 22, esc(title)));
            if (lo > hi) {
                b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no data</text>%n", x0, TOP + 14));
                return;
            }
            // Decades covering the values and 1.
            int dlo = (int) Math.floor(Math.log10(Math.min(lo, 1.0)));
            int dhi = (int) Math.ceil(Math.log10(Math.max(hi, 1.0)));
            if (dhi == dlo) {
                dhi++;
            }
            double span = dhi - dlo;
            for (int d = dlo; d <= dhi; d++) {
                double x = x0 + (d - dlo) / span * PANEL_W;
                b.append(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n", x, TOP - 4, x, y1,
                        d == 0 ? "#000" : "#ccc"));
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                        x, y1 + 16, d >= 0 ? String.valueOf((long) Math.pow(10, d)) : String.format(Locale.ROOT, "%." + (-d) + "f", Math.pow(10, d))));
            }
            double xOne = x0 + (0 - dlo) / span * PANEL_W;
            for (int i = 0; i < rows.size(); i++) {
                double v = first ? rows.get(i).qemuOverPartita() : rows.get(i).partitaOverNative();
                int y = TOP + i * ROW_H + 4;
                if (!Double.isFinite(v) || v <= 0) {
                    b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#888\">n/a</text>%n", xOne + 4, y + 13));
                    continue;
                }
                double xv = x0 + (Math.log10(v) - dlo) / span * PANEL_W;
                double xa = Math.min(xOne, xv), wBar = Math.max(1, Math.abs(xv - xOne));
                b.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n", xa, y, wBar, ROW_H - 8, colour));
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s</text>%n",
                        Math.max(xv, xOne) + 4, y + 13, fmt(v, v < 10 ? 2 : 1)));
            }
        }

        private static String esc(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}
