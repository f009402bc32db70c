package dev.partita.tools;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A buffered stream for an interactive console: flushed at every newline and, for text without one
 * (a prompt), by a daemon thread within {@link #PERIOD_MS} milliseconds of the write.
 */
final class FlushingOutput extends OutputStream {
    static final long PERIOD_MS = 15;

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 13];
    private int count;
    private volatile boolean closed;

    FlushingOutput(OutputStream out) {
        this.out = out;
        Thread t = new Thread(() -> {
            while (!closed) {
                try {
                    Thread.sleep(PERIOD_MS);
                    flush();
                } catch (InterruptedException | IOException e) {
                    return;
                }
            }
        }, "partita-console-flush");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (count == buf.length) {
            flushBuffer();
        }
        buf[count++] = (byte) b;
        if (b == '\n') {
            flushBuffer();
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        flushBuffer();
    }

    private void flushBuffer() throws IOException {
        if (count > 0) {
            int n = count;
            count = 0;
            out.write(buf, 0, n);
            out.flush();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            flushBuffer();
        } catch (IOException ignored) {
            // the terminal went away
        }
    }
}
