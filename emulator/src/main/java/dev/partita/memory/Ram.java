package dev.partita.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Guest RAM: one heap byte array (at most 1 GiB; larger memories are made of several), accessed
 * big-endian through byte-array view handles so that a load is one bounds check and one byte swap.
 */
public final class Ram {
    public static final int MAX_CHUNK = 1 << 30;
    public static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    public static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    public static final VarHandle BE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    final byte[] bytes;

    public Ram(int size) {
        if (size <= 0 || size > MAX_CHUNK || (size & 0xFFF) != 0) {
            throw new IllegalArgumentException("RAM chunk size must be a multiple of 4 KiB up to 1 GiB: " + size);
        }
        this.bytes = new byte[size];
    }

    /**
     * Told about writes into pages {@linkplain #markCode marked} as holding translated code, so that
     * translations of the old bytes can be dropped. Called on the thread that wrote.
     */
    public interface CodeWriteListener {
        /** {@code length} bytes from {@code offset} on (within this RAM) were written. */
        void codeWritten(Ram ram, int offset, int length);
    }

    /** One flag per 4 KiB page: nonzero when a translator holds code translated from it. Allocated on first use. */
    private byte[] codePages;
    private CodeWriteListener codeListener;

    /** Installs the listener told about writes into code pages (one per RAM: the translator). */
    public void setCodeWriteListener(CodeWriteListener l) {
        this.codeListener = l;
    }

    /**
     * Marks the page holding {@code offset} as holding translated code: from now on writers that
     * bypass {@link #written} must not cache it (the MMU keeps it out of the soft TLB's write table).
     */
    public void markCode(int offset) {
        if (codePages == null) {
            codePages = new byte[bytes.length >>> 12];
        }
        codePages[offset >>> 12] = 1;
    }

    /** Clears the mark of the page holding {@code offset} (its translations are all gone). */
    public void unmarkCode(int offset) {
        if (codePages != null) {
            codePages[offset >>> 12] = 0;
        }
    }

    /** True if the page holding {@code offset} is marked as holding translated code. */
    public boolean hasCode(int offset) {
        byte[] p = codePages;
        return p != null && p[offset >>> 12] != 0;
    }

    /**
     * Reports that {@code length} bytes from {@code offset} on were written by a path other than the
     * soft TLB's write table (the MMU's slow path, loaders, DMA): tells the listener if any of the
     * pages holds code. Cheap when none does.
     */
    public void written(int offset, int length) {
        byte[] p = codePages;
        if (p == null || codeListener == null || length <= 0) {
            return;
        }
        for (int page = offset >>> 12, last = (offset + length - 1) >>> 12; page <= last; page++) {
            if (p[page] != 0) {
                codeListener.codeWritten(this, offset, length);
                return;
            }
        }
    }

    public byte[] bytes() {
        return bytes;
    }

    public int size() {
        return bytes.length;
    }
}
