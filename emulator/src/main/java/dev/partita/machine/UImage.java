package dev.partita.machine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;

/**
 * A U-Boot legacy image ("uImage"): a 64-byte big-endian header (magic 0x27051956, load address,
 * entry point, OS, architecture, type, compression) followed by the payload. Uncompressed and gzip
 * payloads are supported, as QEMU's loader does.
 */
public record UImage(long loadAddress, long entry, byte[] payload) {
    static final int MAGIC = 0x27051956;
    static final int HEADER = 64;
    static final int ARCH_PPC = 7;
    static final int TYPE_KERNEL = 2;
    static final int COMP_NONE = 0, COMP_GZIP = 1;

    public static boolean looksLikeUImage(byte[] b) {
        return b.length >= HEADER && ByteBuffer.wrap(b).getInt(0) == MAGIC;
    }

    public static UImage parse(String name, byte[] b, long sizeLimit) throws ImageException {
        if (!looksLikeUImage(b)) {
            throw new ImageException(name + ": not a uImage");
        }
        ByteBuffer h = ByteBuffer.wrap(b);
        long size = h.getInt(12) & 0xFFFFFFFFL;
        long load = h.getInt(16) & 0xFFFFFFFFL;
        long entry = h.getInt(20) & 0xFFFFFFFFL;
        int arch = b[29] & 0xFF;
        int type = b[30] & 0xFF;
        int comp = b[31] & 0xFF;
        if (arch != ARCH_PPC) {
            throw new ImageException(name + ": uImage architecture " + arch + " is not PowerPC");
        }
        if (type != TYPE_KERNEL) { // QEMU's e500 loader accepts only kernel images too
            throw new ImageException(name + ": uImage type " + type + " is not a kernel image (2)");
        }
        if (size > b.length - HEADER) {
            throw new ImageException(name + ": malformed uImage: data size " + size + " exceeds the file");
        }
        byte[] data = new byte[(int) size];
        System.arraycopy(b, HEADER, data, 0, data.length);
        if (comp == COMP_GZIP) {
            data = gunzip(name, data, sizeLimit);
        } else if (comp != COMP_NONE) {
            throw new ImageException(name + ": uImage compression " + comp + " is not supported (only none and gzip)");
        }
        return new UImage(load, entry, data);
    }

    private static byte[] gunzip(String name, byte[] data, long limit) throws ImageException {
        limit = Math.min(limit, Integer.MAX_VALUE - 64); // the largest Java array
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > limit) {
                    throw new ImageException(name + ": uImage payload does not fit in RAM");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ImageException(name + ": malformed uImage: bad gzip data (" + e.getMessage() + ")");
        } catch (OutOfMemoryError e) {
            throw new ImageException(name + ": uImage payload is too large to decompress");
        }
    }
}
