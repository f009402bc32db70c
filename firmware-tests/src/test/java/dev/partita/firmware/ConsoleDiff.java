package dev.partita.firmware;

/** Describes where two console transcripts first differ, line by line. */
final class ConsoleDiff {
    private ConsoleDiff() {}

    /** Null when equal byte for byte, otherwise a message naming the first differing line. */
    static String firstDifference(String expected, String actual) {
        if (expected.equals(actual)) {
            return null;
        }
        String[] e = expected.split("\n", -1), a = actual.split("\n", -1);
        int n = Math.min(e.length, a.length);
        for (int i = 0; i < n; i++) {
            if (!e[i].equals(a[i])) {
                return String.format("first difference at line %d%n  qemu:    %s%n  partita: %s", i + 1, visible(e[i]), visible(a[i]));
            }
        }
        return e.length > a.length
                ? String.format("partita output ends after line %d; qemu continues with:%n  %s", n - 1, visible(e[n]))
                : String.format("partita prints more after line %d:%n  %s", n - 1, visible(a[n]));
    }

    /** The line number (0-based) at which the transcripts first differ, or -1. */
    static int firstDifferingLine(String expected, String actual) {
        String[] e = expected.split("\n", -1), a = actual.split("\n", -1);
        int n = Math.min(e.length, a.length);
        for (int i = 0; i < n; i++) {
            if (!e[i].equals(a[i])) {
                return i;
            }
        }
        return e.length == a.length ? -1 : n;
    }

    private static String visible(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c > 0x7E) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
