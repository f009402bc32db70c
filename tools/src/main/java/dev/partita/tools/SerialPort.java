package dev.partita.tools;

import dev.partita.machine.Machine;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host end of the guest's console UART, chosen by {@code -serial} as QEMU's character devices:
 * {@code stdio} (with {@code -nographic} also {@code mon:stdio}: a raw terminal with Ctrl-A escapes),
 * {@code null}, {@code file:PATH}, {@code pty} and {@code tcp:[HOST]:PORT,server[,wait=off|nowait]}.
 *
 * <p>Output never drops bytes while someone is attached: writes block when the host side is slow.
 * Input goes to {@link Machine#sendConsoleInput}, which queues it without limit until the UART's FIFO
 * has room. Lifecycle: {@link #open} before the machine is built, {@link #start} once it exists,
 * {@link #close} at exit (restores the terminal).
 */
abstract class SerialPort implements AutoCloseable {
    /** Where UART0's bytes go. */
    abstract OutputStream output();

    /** Starts feeding host input to {@code m}. */
    void start(Machine m) {}

    /** Whether the user asked to quit (Ctrl-A x). */
    boolean quitRequested() {
        return false;
    }

    @Override
    public void close() {
        try {
            output().flush();
        } catch (IOException ignored) {
            // nothing more can be done about console output at exit
        }
    }

    /**
     * Opens the device {@code spec} names.
     *
     * @param nographic whether -nographic was given (stdio then gets raw mode and escapes)
     * @param err       where informational lines ("char device redirected to ...") go
     */
    static SerialPort open(String spec, boolean nographic, PrintStream err) throws RunCommand.UsageException {
        if (spec.equals("stdio") || spec.equals("mon:stdio")) {
            return new Stdio(nographic || spec.startsWith("mon:"));
        }
        if (spec.equals("null")) {
            return new Sink(OutputStream.nullOutputStream());
        }
        if (spec.startsWith("file:") && spec.length() > 5) {
            try {
                return new Sink(new BufferedOutputStream(Files.newOutputStream(Path.of(spec.substring(5)))));
            } catch (IOException | java.nio.file.InvalidPathException e) {
                throw new RunCommand.UsageException("-serial: cannot open "
                        + (e instanceof IOException io ? RunCommand.describe(io) : e.getMessage()));
            }
        }
        if (spec.equals("pty")) {
            try {
                Posix.Pty p = Posix.openPty();
                err.println("char device redirected to " + p.slavePath() + " (label serial0)");
                return new Pty(p);
            } catch (IOException e) {
                throw new RunCommand.UsageException("-serial pty: " + e.getMessage());
            }
        }
        if (spec.startsWith("tcp:")) {
            return Tcp.open(spec, err);
        }
        throw new RunCommand.UsageException("-serial: unsupported device '" + spec
                + "' (stdio, null, file:PATH, pty, tcp:HOST:PORT,server)");
    }

    /** Output only: null and file:PATH. */
    static final class Sink extends SerialPort {
        private final OutputStream out;

        Sink(OutputStream out) {
            this.out = out;
        }

        @Override
        OutputStream output() {
            return out;
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing more can be done
            }
        }
    }

    /** Copies {@code in} to the machine on a daemon thread until end of input, through an optional escape filter. */
    static Thread pump(String name, Machine m, InputStream in, EscapeFilter filter) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[256];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    byte[] bytes = filter != null ? filter.filter(buf, n) : java.util.Arrays.copyOf(buf, n);
                    m.sendConsoleInput(bytes);
                }
            } catch (IOException ignored) {
                // input closed: nothing more to send
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Standard input and output. With escapes (-nographic): the terminal, if it is one, is switched to
     * raw mode for the run, and Ctrl-A x stops the machine. Output is flushed at each newline and
     * otherwise within {@link FlushingOutput#PERIOD_MS} ms, so prompts without a newline show.
     */
    static final class Stdio extends SerialPort {
        private final boolean escapes;
        private final FlushingOutput out = new FlushingOutput(new FileOutputStream(FileDescriptor.out));
        private Runnable restore;
        private Thread hook;
        private volatile boolean quit;

        Stdio(boolean escapes) {
            this.escapes = escapes;
        }

        @Override
        OutputStream output() {
            return out;
        }

        @Override
        boolean quitRequested() {
            return quit;
        }

        @Override
        void start(Machine m) {
            if (escapes) {
                restore = Posix.makeRaw(0);
                if (restore != null) {
                    hook = new Thread(restore, "partita-restore-terminal");
                    Runtime.getRuntime().addShutdownHook(hook);
                }
            }
            EscapeFilter filter = !escapes ? null : new EscapeFilter(new EscapeFilter.Actions() {
                @Override
                public void quit() {
                    quit = true;
                    m.requestStop();
                }

                @Override
                public void help(String text) {
                    try {
                        out.write(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException ignored) {
                        // terminal gone
                    }
                }
            });
            pump("partita-console-input", m, new FileInputStream(FileDescriptor.in), filter);
        }

        @Override
        public void close() {
            out.close();
            if (restore != null) {
                restore.run();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // already shutting down
                }
            }
        }
    }

    /** A pseudo-terminal: the guest's console is the pty's master, users attach to the printed slave. */
    static final class Pty extends SerialPort {
        private final Posix.Pty pty;
        private final OutputStream out;

        Pty(Posix.Pty pty) {
            this.pty = pty;
            this.out = new OutputStream() {
                @Override
                public void write(int b) {
                    Posix.writeFully(pty.master(), new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    Posix.writeFully(pty.master(), b, off, len);
                }
            };
        }

        @Override
        OutputStream output() {
            return out;
        }

        @Override
        void start(Machine m) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[256];
                while (true) {
                    int n = Posix.read(pty.master(), buf);
                    if (n > 0) {
                        m.sendConsoleInput(java.util.Arrays.copyOf(buf, n));
                    } else {
                        try {
                            Thread.sleep(50);   // no slave open (EIO): wait for someone to attach
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, "partita-pty-input");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() {
            Posix.close(pty.master());
        }
    }

    /**
     * A TCP server: {@code tcp:[HOST]:PORT,server[=on][,wait=off|,nowait]}. With wait (the default, as
     * in QEMU) the run starts only when a client has connected; output while no client is connected is
     * dropped, as QEMU does; a client that leaves can be replaced by a new one.
     */
    static final class Tcp extends SerialPort {
        private final ServerSocket server;
        private volatile Socket client;
        private final Object lock = new Object();
        private final OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                Socket s = client;
                if (s == null) {
                    return;
                }
                try {
                    s.getOutputStream().write(b, off, len);
                } catch (IOException e) {
                    drop(s);
                }
            }
        };

        private Tcp(ServerSocket server) {
            this.server = server;
        }

        static Tcp open(String spec, PrintStream err) throws RunCommand.UsageException {
            String[] parts = spec.substring(4).split(",");
            boolean isServer = false, wait = true;
            for (int i = 1; i < parts.length; i++) {
                switch (parts[i]) {
                    case "server", "server=on" -> isServer = true;
                    case "server=off" -> isServer = false;
                    case "nowait", "wait=off" -> wait = false;
                    case "wait", "wait=on" -> wait = true;
                    case "nodelay", "nodelay=on", "telnet=off" -> { }
                    default -> throw new RunCommand.UsageException("-serial: unsupported tcp option '" + parts[i] + "'");
                }
            }
            if (!isServer) {
                throw new RunCommand.UsageException("-serial: tcp needs ',server' (client mode is not supported)");
            }
            String hostPort = parts[0];
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                throw new RunCommand.UsageException("-serial: expected tcp:[HOST]:PORT,server, not '" + spec + "'");
            }
            String host = hostPort.substring(0, colon);
            int port;
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new RunCommand.UsageException("-serial: bad tcp port in '" + spec + "'");
            }
            try {
                ServerSocket ss = new ServerSocket();
                ss.setReuseAddress(true);
                InetAddress addr = host.isEmpty() ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName(host);
                ss.bind(new InetSocketAddress(addr, port));
                Tcp t = new Tcp(ss);
                if (wait) {
                    err.println("partita: waiting for connection on tcp:" + (host.isEmpty() ? "0.0.0.0" : host) + ":"
                            + ss.getLocalPort() + ",server");
                    t.client = configure(ss.accept());
                }
                return t;
            } catch (IOException e) {
                throw new RunCommand.UsageException("-serial: cannot listen on " + hostPort + ": " + RunCommand.describe(e));
            }
        }

        private static Socket configure(Socket s) throws IOException {
            s.setTcpNoDelay(true);
            return s;
        }

        /** The port the server listens on. */
        int port() {
            return server.getLocalPort();
        }

        private void drop(Socket s) {
            synchronized (lock) {
                if (client == s) {
                    client = null;
                }
            }
            try {
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }

        @Override
        OutputStream output() {
            return out;
        }

        @Override
        void start(Machine m) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[256];
                while (!server.isClosed()) {
                    Socket s = client;
                    try {
                        if (s == null) {
                            s = configure(server.accept());
                            client = s;
                        }
                        InputStream in = s.getInputStream();
                        int n;
                        while ((n = in.read(buf)) > 0) {
                            m.sendConsoleInput(java.util.Arrays.copyOf(buf, n));
                        }
                    } catch (IOException e) {
                        // the client left or the server closed
                    }
                    if (s != null) {
                        drop(s);
                    }
                }
            }, "partita-tcp-serial");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            Socket s = client;
            if (s != null) {
                drop(s);
            }
        }
    }
}
