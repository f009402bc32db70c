package dev.partita.tools;

/** Parses QEMU-style memory sizes: a number of MiB ("256"), or with a suffix K, M, G ("1G", "512M"). */
final class SizeParser {
    private SizeParser() {}

    static long parse(String s) {
        String t = s.trim();
        if (t.startsWith("size=")) {
            t = t.substring(5);
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty memory size");
        }
        char last = Character.toUpperCase(t.charAt(t.length() - 1));
        long unit = 1L << 20;
        if (Character.isLetter(last)) {
            unit = switch (last) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                case 'G' -> 1L << 30;
                case 'B' -> 1;
                default -> throw new IllegalArgumentException("unknown size suffix in '" + s + "'");
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t);
            if (n <= 0 || n > (1L << 40) / unit) {
                throw new IllegalArgumentException("memory size out of range: '" + s + "'");
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a memory size: '" + s + "'");
        }
    }
}
