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

    public byte[] bytes() {
        return bytes;
    }

    public int size() {
        return bytes.length;
    }
}
