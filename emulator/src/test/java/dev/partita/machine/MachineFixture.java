package dev.partita.machine;

import dev.partita.devicetree.FdtWriter;
import dev.partita.devicetree.Node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files and expectations shared by the machine and loader tests, computed from QEMU's rules. */
final class MachineFixture {
    static final long MIB = 1L << 20;

    private MachineFixture() {}

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** hw/ppc/e500.c: dt_base = (loadaddr + payload_size + DTC_LOAD_PAD) & ~DTC_PAD_MASK. */
    static long qemuDtBase(long loadAddr, long payloadSize) {
        return (loadAddr + payloadSize + 0x180_0000L) & ~0xF_FFFFL;
    }

    /** hw/ppc/e500.c: initrd_base = (cur_base + INITRD_LOAD_PAD) & ~INITRD_PAD_MASK, cur_base from 32 MiB. */
    static long qemuInitrdBase(long curBase) {
        return (curBase + 0x200_0000L) & ~0xFF_FFFFL;
    }

    /**
     * hw/ppc/e500.c mmubooke_initial_mapsize: the smallest mapping of 2^(2k) KiB whose size in KiB has
     * more bits than the device tree's end address in KiB; QEMU's tree size is its 1 MiB buffer, or
     * (file size + 10000) * 2 for -dtb.
     */
    static long qemuInitialMapSize(long dtBase, long qemuDtSize) {
        long endKiB = (dtBase + qemuDtSize) >>> 10;
        int bits = 0;
        while (bits < 64 && (endKiB >>> bits) != 0) {
            bits++;
        }
        if (bits % 2 != 0) {
            bits++;
        }
        return 1024L << bits;
    }

    /** A U-Boot legacy image header (include/image.h of U-Boot) followed by the data. */
    static byte[] uImage(long load, long entry, int os, int arch, int type, int comp, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(64 + data.length);
        b.putInt(0x2705_1956).putInt(0).putInt(0).putInt(data.length).putInt((int) load).putInt((int) entry).putInt(0);
        b.put((byte) os).put((byte) arch).put((byte) type).put((byte) comp);
        b.put("partita test".getBytes(StandardCharsets.US_ASCII));
        b.position(64);
        b.put(data);
        return b.array();
    }

    /** A Linux (5), PowerPC (7), kernel (2) uImage. */
    static byte[] uImage(long load, long entry, byte[] payload, boolean gzip) {
        return uImage(load, entry, 5, 7, 2, gzip ? 1 : 0, gzip ? gzip(payload) : payload);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A small valid device tree blob with a property of {@code padding} bytes to set its size. */
    static byte[] dtb(int padding) {
        Node root = Node.root();
        root.setCells("#address-cells", 2);
        root.setCells("#size-cells", 2);
        root.setString("model", "partita-test");
        if (padding > 0) {
            root.setBytes("padding", new byte[padding]);
        }
        return FdtWriter.write(root);
    }

    static MachineConfig config(long ram) {
        MachineConfig c = new MachineConfig().ramSize(ram);
        c.noReboot = true;
        return c;
    }

    /** Building the machine fails with one line that contains each of {@code parts}. */
    static String rejects(MachineConfig c, String... parts) {
        ImageException e = assertThrows(ImageException.class, () -> new Machine(c));
        String m = e.getMessage();
        assertFalse(m.contains("\n") || m.contains("\r"), m);
        for (String p : parts) {
            assertTrue(m.contains(p), "'" + m + "' should contain '" + p + "'");
        }
        return m;
    }
}
