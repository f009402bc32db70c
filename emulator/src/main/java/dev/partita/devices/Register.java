package dev.partita.devices;

import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * One register of a {@link RegisterMap}: its place (offset, width in bytes), its name as the manual
 * spells it, its reset value and its read and write behaviour.
 *
 * <p>By default a register is plain storage: reads return the stored value, writes store the
 * written bits that {@link #writable} allows. The builder methods change that:
 * {@link #readOnly()}, {@link #writeOneToClear()}, {@link #onRead} (the value is computed, e.g. a
 * counter or a register with read side effects), {@link #onWrite} (the device handles the written
 * value itself) and {@link #afterWrite} (store, then react). Values are right-aligned in an
 * {@code int}; registers are 1, 2 or 4 bytes wide.
 */
public final class Register {
    final int offset;
    final int width;
    final String name;
    final int resetValue;
    private final int widthMask;
    private int value;
    private int writeMask;
    private boolean readOnly;
    private boolean w1c;
    private IntSupplier reader;
    private IntConsumer writer;
    private IntConsumer afterWrite;
    private boolean readSideEffects;

    Register(int offset, int width, String name, int resetValue) {
        if (width != 1 && width != 2 && width != 4) {
            throw new IllegalArgumentException("register width must be 1, 2 or 4 bytes: " + name);
        }
        this.offset = offset;
        this.width = width;
        this.name = name;
        this.widthMask = width == 4 ? -1 : (1 << (8 * width)) - 1;
        this.resetValue = resetValue & widthMask;
        this.value = this.resetValue;
        this.writeMask = widthMask;
    }

    /** Writes are ignored (and logged at debug level). */
    public Register readOnly() {
        this.readOnly = true;
        return this;
    }

    /** Only the bits set in {@code mask} are changed by a write; the others keep their value. */
    public Register writable(int mask) {
        this.writeMask = mask & widthMask;
        return this;
    }

    /** Writing a 1 to a bit clears it; writing 0 leaves it (status registers such as TSR). */
    public Register writeOneToClear() {
        this.w1c = true;
        return this;
    }

    /** Reads return what {@code r} computes instead of the stored value. */
    public Register onRead(IntSupplier r) {
        this.reader = r;
        return this;
    }

    /**
     * Marks an {@link #onRead} register whose read changes state (IACK, a FIFO): a narrow write then
     * merges with the stored value instead of reading the register.
     */
    public Register readSideEffects() {
        this.readSideEffects = true;
        return this;
    }

    /** Writes go to {@code w} (the full register value, after merging a narrower access) instead of storage. */
    public Register onWrite(IntConsumer w) {
        this.writer = w;
        return this;
    }

    /** After a write has been stored, {@code w} is called with the new stored value. */
    public Register afterWrite(IntConsumer w) {
        this.afterWrite = w;
        return this;
    }

    /** The stored value (not the {@link #onRead} view). */
    public int get() {
        return value;
    }

    /** Sets the stored value, bypassing the write behaviour (for the device's own updates). */
    public void set(int v) {
        value = v & widthMask;
    }

    public String name() {
        return name;
    }

    public int offset() {
        return offset;
    }

    public int width() {
        return width;
    }

    void reset() {
        value = resetValue;
    }

    /** The value a narrow write merges into: the current value, read without side effects. */
    int mergeBase() {
        return reader != null && !readSideEffects ? reader.getAsInt() & widthMask : value;
    }

    int read() {
        return reader != null ? reader.getAsInt() & widthMask : value;
    }

    /** Returns false if the write was ignored because the register is read-only. */
    boolean write(int v) {
        v &= widthMask;
        if (readOnly) {
            return false;
        }
        if (writer != null) {
            writer.accept(v);
            return true;
        }
        if (w1c) {
            value &= ~(v & writeMask);
        } else {
            value = (value & ~writeMask) | (v & writeMask);
        }
        if (afterWrite != null) {
            afterWrite.accept(value);
        }
        return true;
    }

    @Override
    public String toString() {
        return String.format("%s@0x%x", name, offset);
    }
}
