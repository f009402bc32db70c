package dev.partita.tools;

import dev.partita.machine.Machine;
import java.io.IOException;
import java.io.InputStream;

/** Feeds standard input to the guest's console UART from a daemon thread. */
final class ConsoleInput implements AutoCloseable {
    private final Thread thread;

    private ConsoleInput(Thread t) {
        this.thread = t;
    }

    static ConsoleInput start(Machine m) {
        InputStream in = System.in;
        Thread t = new Thread(() -> {
            byte[] buf = new byte[256];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    m.sendConsoleInput(java.util.Arrays.copyOf(buf, n));
                }
            } catch (IOException ignored) {
                // input closed: nothing more to send
            }
        }, "partita-console-input");
        t.setDaemon(true);
        t.start();
        return new ConsoleInput(t);
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
