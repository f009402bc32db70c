package dev.partita.tools;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The few libc calls the console needs that Java has no API for, through the foreign function
 * interface: terminal modes (isatty, tcgetattr, cfmakeraw, tcsetattr), pseudo-terminals
 * (posix_openpt, grantpt, unlockpt, ptsname) and read/write/close on raw file descriptors.
 * Linux and glibc only; {@link #available()} says whether the calls could be bound.
 */
final class Posix {
    private Posix() {}

    static final int O_RDWR = 2, O_NOCTTY = 0400;
    static final int TCSANOW = 0;
    /** Larger than glibc's struct termios (60 bytes) on every Linux architecture. */
    private static final long TERMIOS_SIZE = 256;

    /**
     * The terminal-mode calls, bound on first use: binding a call generates code (tens of milliseconds
     * for all of them at start-up), and a run on a pipe needs only isatty, a run without a pty no others.
     */
    private static final class Terminal {
        static final MethodHandle ISATTY, TCGETATTR, TCSETATTR, CFMAKERAW;
        static final boolean OK;

        static {
            var I = ValueLayout.JAVA_INT;
            var P = ValueLayout.ADDRESS;
            MethodHandle[] h = bindAll(
                    "isatty", FunctionDescriptor.of(I, I),
                    "tcgetattr", FunctionDescriptor.of(I, I, P),
                    "tcsetattr", FunctionDescriptor.of(I, I, I, P),
                    "cfmakeraw", FunctionDescriptor.ofVoid(P));
            OK = h != null;     // no native access, not glibc: the console falls back to plain streams
            ISATTY = OK ? h[0] : null;
            TCGETATTR = OK ? h[1] : null;
            TCSETATTR = OK ? h[2] : null;
            CFMAKERAW = OK ? h[3] : null;
        }
    }

    /** The pseudo-terminal and file-descriptor calls, bound on first use (only -serial pty needs them). */
    private static final class Descriptors {
        static final MethodHandle POSIX_OPENPT, GRANTPT, UNLOCKPT, PTSNAME, READ, WRITE, CLOSE;
        static final boolean OK;

        static {
            var I = ValueLayout.JAVA_INT;
            var P = ValueLayout.ADDRESS;
            var L = ValueLayout.JAVA_LONG;
            MethodHandle[] h = bindAll(
                    "posix_openpt", FunctionDescriptor.of(I, I),
                    "grantpt", FunctionDescriptor.of(I, I),
                    "unlockpt", FunctionDescriptor.of(I, I),
                    "ptsname", FunctionDescriptor.of(P.withTargetLayout(
                            java.lang.foreign.MemoryLayout.sequenceLayout(4096, ValueLayout.JAVA_BYTE)), I),
                    "read", FunctionDescriptor.of(L, I, P, L),
                    "write", FunctionDescriptor.of(L, I, P, L),
                    "close", FunctionDescriptor.of(I, I));
            OK = h != null;     // no native access, not glibc
            POSIX_OPENPT = OK ? h[0] : null;
            GRANTPT = OK ? h[1] : null;
            UNLOCKPT = OK ? h[2] : null;
            PTSNAME = OK ? h[3] : null;
            READ = OK ? h[4] : null;
            WRITE = OK ? h[5] : null;
            CLOSE = OK ? h[6] : null;
        }
    }

    /**
     * Binds libc functions given as name, descriptor, name, descriptor...; null when any of them
     * cannot be bound (no native access, not glibc).
     */
    private static MethodHandle[] bindAll(Object... namesAndDescriptors) {
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            MethodHandle[] h = new MethodHandle[namesAndDescriptors.length / 2];
            for (int k = 0; k < h.length; k++) {
                String name = (String) namesAndDescriptors[2 * k];
                FunctionDescriptor d = (FunctionDescriptor) namesAndDescriptors[2 * k + 1];
                h[k] = linker.downcallHandle(libc.find(name).orElseThrow(() -> new UnsatisfiedLinkError(name)), d);
            }
            return h;
        } catch (Throwable t) {
            return null;
        }
    }

    static boolean available() {
        return Terminal.OK && Descriptors.OK;
    }

    static boolean isatty(int fd) {
        try {
            return Terminal.OK && (int) Terminal.ISATTY.invokeExact(fd) == 1;
        } catch (Throwable t) {
            return false;
        }
    }

    /**
     * Puts terminal {@code fd} into raw mode (cfmakeraw: no echo, no line editing, no signals from ^C,
     * no output processing) and returns the action that restores the previous mode, or null if
     * {@code fd} is not a terminal.
     */
    static Runnable makeRaw(int fd) {
        if (!isatty(fd)) {
            return null;
        }
        try {
            Arena arena = Arena.ofShared();
            MemorySegment saved = arena.allocate(TERMIOS_SIZE);
            if ((int) Terminal.TCGETATTR.invokeExact(fd, saved) != 0) {
                arena.close();
                return null;
            }
            MemorySegment raw = arena.allocate(TERMIOS_SIZE);
            raw.copyFrom(saved);
            Terminal.CFMAKERAW.invokeExact(raw);
            if ((int) Terminal.TCSETATTR.invokeExact(fd, TCSANOW, raw) != 0) {
                arena.close();
                return null;
            }
            return () -> {
                try {
                    int ignored = (int) Terminal.TCSETATTR.invokeExact(fd, TCSANOW, saved);
                } catch (Throwable t) {
                    // nothing more to do at exit
                }
            };
        } catch (Throwable t) {
            return null;
        }
    }

    /** A new pseudo-terminal in raw mode: {master fd, slave path}. */
    record Pty(int master, String slavePath) {}

    static Pty openPty() throws java.io.IOException {
        if (!Terminal.OK || !Descriptors.OK) {
            throw new java.io.IOException("pseudo-terminals need native access (Linux, glibc)");
        }
        try {
            int fd = (int) Descriptors.POSIX_OPENPT.invokeExact(O_RDWR | O_NOCTTY);
            if (fd < 0 || (int) Descriptors.GRANTPT.invokeExact(fd) != 0
                    || (int) Descriptors.UNLOCKPT.invokeExact(fd) != 0) {
                throw new java.io.IOException("cannot create a pseudo-terminal");
            }
            MemorySegment name = (MemorySegment) Descriptors.PTSNAME.invokeExact(fd);
            if (name.equals(MemorySegment.NULL)) {
                throw new java.io.IOException("cannot name the pseudo-terminal");
            }
            String path = name.getString(0);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment t = arena.allocate(TERMIOS_SIZE);
                if ((int) Terminal.TCGETATTR.invokeExact(fd, t) == 0) {
                    Terminal.CFMAKERAW.invokeExact(t);
                    int ignored = (int) Terminal.TCSETATTR.invokeExact(fd, TCSANOW, t);
                }
            }
            return new Pty(fd, path);
        } catch (java.io.IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new java.io.IOException("cannot create a pseudo-terminal: " + t);
        }
    }

    /** read(2) into {@code buf}; returns the count, 0 at end of file, -1 on error. */
    static int read(int fd, byte[] buf) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(buf.length);
            long n = (long) Descriptors.READ.invokeExact(fd, seg, (long) buf.length);
            if (n > 0) {
                MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 0, buf, 0, (int) n);
            }
            return (int) n;
        } catch (Throwable t) {
            return -1;
        }
    }

    /** write(2) of all of {@code buf[off, off + len)}; false on error. */
    static boolean writeFully(int fd, byte[] buf, int off, int len) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(Math.max(1, len));
            MemorySegment.copy(buf, off, seg, ValueLayout.JAVA_BYTE, 0, len);
            long done = 0;
            while (done < len) {
                long n = (long) Descriptors.WRITE.invokeExact(fd, seg.asSlice(done), (long) (len - done));
                if (n <= 0) {
                    return false;
                }
                done += n;
            }
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    static void close(int fd) {
        try {
            int ignored = (int) Descriptors.CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            // already closed
        }
    }
}
