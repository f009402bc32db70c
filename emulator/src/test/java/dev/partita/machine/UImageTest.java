package dev.partita.machine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.partita.machine.ElfImageFixture.words;
import static dev.partita.machine.MachineFixture.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * U-Boot legacy images as a payload. The literal boot values were read from qemu-system-ppc 7.2.22
 * ("-bios file.img -S", info registers) on uImages with the same header fields; QEMU does not check
 * the CRCs, so neither test nor loader sets them.
 */
class UImageTest {
    @TempDir
    Path dir;

    private static final int B_SELF = 0x4800_0000;

    private static byte[] payload(int size) {
        byte[] p = new byte[size];
        System.arraycopy(words(B_SELF), 0, p, 0, 4);
        p[size - 1] = 0x77;
        return p;
    }

    private Machine boot(byte[] image) throws ImageException {
        MachineConfig c = config(128 * MIB);
        c.bios = write(dir, "u.img", image);
        return new Machine(c);
    }

    @Test
    void uncompressedKernel() throws Exception {
        // QEMU 7.2.22: load 0x100000, entry 0x100000, 0x200 bytes -> NIP 00100000, r3 01900000, r7 04000000
        byte[] p = payload(0x200);
        Machine m = boot(uImage(0x10_0000, 0x10_0000, p, false));
        assertEquals(0x0010_0000, m.cpu().pc);
        assertEquals(0x0190_0000, m.cpu().gpr[3]);
        assertEquals(0x0400_0000, m.cpu().gpr[7]);
        assertEquals(0x00FF_FFF8, m.cpu().gpr[1]);
        assertEquals(0x4550_4150, m.cpu().gpr[6]);
        assertArrayEquals(p, m.bus().readBytes(0x10_0000, p.length), "the payload without the 64-byte header");
    }

    @Test
    void entryIsTheHeadersEntryPoint() throws Exception {
        // QEMU 7.2.22: entry 0x100010 -> NIP 00100010
        assertEquals(0x0010_0010, boot(uImage(0x10_0000, 0x10_0010, payload(32), false)).cpu().pc);
        // load and entry 0 -> NIP 0, r3 = 0x01800000
        Machine m = boot(uImage(0, 0, payload(32), false));
        assertEquals(0, m.cpu().pc);
        assertEquals(0x0180_0000, m.cpu().gpr[3]);
    }

    @Test
    void gzipPayloadIsUnpackedAndItsSizePlacesTheTree() throws Exception {
        // QEMU 7.2.22: 3 MiB of payload, gzip -> r3 01c00000 (after the unpacked size)
        byte[] p = payload(0x30_0000);
        Machine m = boot(uImage(0x10_0000, 0x10_0000, p, true));
        assertEquals(0x0010_0000, m.cpu().pc);
        assertEquals(0x01C0_0000, m.cpu().gpr[3]);
        assertEquals(qemuDtBase(0x10_0000, 0x30_0000), 0x01C0_0000L);
        assertArrayEquals(p, m.bus().readBytes(0x10_0000, p.length));
        // QEMU unpacks whatever the OS field says (0 = invalid OS here)
        assertEquals(0x01C0_0000, boot(uImage(0x10_0000, 0x10_0000, 0, 7, 2, 1, gzip(p))).cpu().gpr[3]);
    }

    @Test
    void onlyPowerPcKernelImages() {
        // QEMU 7.2.22 refuses type 5 ("Wrong image type 5, expected 2"); it would load an x86 (arch 3) image,
        // which can only crash the guest, so Partita refuses that too
        MachineConfig c = config(128 * MIB);
        c.bios = write(dir, "fw.img", uImage(0x10_0000, 0x10_0000, 5, 7, 5, 0, payload(16)));
        rejects(c, "fw.img", "type 5", "not a kernel");
        c.bios = write(dir, "x86.img", uImage(0x10_0000, 0x10_0000, 5, 3, 2, 0, payload(16)));
        rejects(c, "x86.img", "architecture 3", "not PowerPC");
    }

    @Test
    void malformedImages() {
        MachineConfig c = config(128 * MIB);
        byte[] good = uImage(0x10_0000, 0x10_0000, payload(256), false);
        // data size beyond the file
        c.bios = write(dir, "cut.img", Arrays.copyOf(good, good.length - 1));
        rejects(c, "cut.img", "malformed uImage", "exceeds the file");
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge).putInt(12, -1);
        c.bios = write(dir, "huge.img", huge);
        rejects(c, "huge.img", "malformed uImage");
        // compressions other than none and gzip
        for (int comp : new int[] {2, 3, 5, 255}) {
            c.bios = write(dir, "comp.img", uImage(0x10_0000, 0x10_0000, 5, 7, 2, comp, payload(64)));
            rejects(c, "comp.img", "compression " + comp);
        }
        // gzip flag on data that is not gzip, and a cut gzip stream
        c.bios = write(dir, "notgz.img", uImage(0x10_0000, 0x10_0000, 5, 7, 2, 1, payload(64)));
        rejects(c, "notgz.img", "bad gzip");
        byte[] gz = gzip(payload(4096));
        c.bios = write(dir, "cutgz.img", uImage(0x10_0000, 0x10_0000, 5, 7, 2, 1, Arrays.copyOf(gz, gz.length / 2)));
        rejects(c, "cutgz.img", "bad gzip");
    }

    @Test
    void imagesThatDoNotFitInRam() {
        MachineConfig c = config(32 * MIB);
        c.bios = write(dir, "high.img", uImage(0x200_0000, 0x200_0000, payload(16), false));
        rejects(c, "high.img", "does not fit in RAM");
        c.bios = write(dir, "top.img", uImage(0xFFFF_FFF0L, 0xFFFF_FFF0L, payload(32), false));
        rejects(c, "top.img", "does not fit in RAM");
        // a gzip bomb: 40 MiB of zeros in about 40 KiB, unpacked into 32 MiB of RAM
        c.bios = write(dir, "bomb.img", uImage(0, 0, new byte[40 << 20], true));
        rejects(c, "bomb.img", "does not fit in RAM");
    }
}
