package dev.partita.tools;

import java.io.ByteArrayOutputStream;

/**
 * QEMU's console escapes on the -nographic console: Ctrl-A x quits, Ctrl-A h prints help, Ctrl-A
 * Ctrl-A sends one Ctrl-A to the guest; any other byte after Ctrl-A is swallowed. Everything else
 * passes through unchanged. Not thread-safe: one input thread feeds it.
 */
final class EscapeFilter {
    static final int ESCAPE = 0x01;

    /** What to do for the escapes that leave the byte stream. */
    interface Actions {
        void quit();

        void help(String text);
    }

    static final String HELP = "\r\nC-a h    print this help\r\nC-a x    exit emulator\r\nC-a C-a  sends C-a\r\n";

    private final Actions actions;
    private boolean escaped;

    EscapeFilter(Actions actions) {
        this.actions = actions;
    }

    /** The bytes of {@code in[0, n)} the guest should receive; escapes act as a side effect. */
    byte[] filter(byte[] in, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        for (int i = 0; i < n; i++) {
            int b = in[i] & 0xFF;
            if (escaped) {
                escaped = false;
                switch (b) {
                    case 'x', 'X' -> {
                        actions.quit();
                        return out.toByteArray();
                    }
                    case 'h', 'H', '?' -> actions.help(HELP);
                    case ESCAPE, 'a' -> out.write(ESCAPE);
                    default -> { }
                }
            } else if (b == ESCAPE) {
                escaped = true;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
