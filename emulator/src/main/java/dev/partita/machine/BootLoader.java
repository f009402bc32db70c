package dev.partita.machine;

import dev.partita.memory.PhysicalBus;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Places the guest's images in RAM the way QEMU's e500 board does (hw/ppc/e500.c):
 * the payload (-bios, or -kernel when there is no -bios) as an ELF or uImage, a -kernel next to a
 * -bios as a raw blob at 32 MiB for U-Boot to boot, the initrd after it, and the device tree at
 * {@code (payload low address + payload size + 0x1800000) & ~0xFFFFF}.
 */
final class BootLoader {
    static final long BLOBS_BASE = 32L << 20;
    static final long DTC_LOAD_PAD = 0x1800000L, DTC_PAD_MASK = 0xFFFFFL;
    static final long INITRD_LOAD_PAD = 0x2000000L, INITRD_PAD_MASK = 0xFFFFFFL;
    static final long DTB_MAX_SIZE = 8L << 20;

    /** Where things went; {@code kernelStart}/{@code initrdStart} are -1 when absent. */
    record Placement(long entry, long payloadLow, long payloadSize, long kernelStart, long kernelSize,
                     long initrdStart, long initrdSize, long dtBase) {}

    private final PhysicalBus bus;
    private final long ramSize;

    BootLoader(PhysicalBus bus, long ramSize) {
        this.bus = bus;
        this.ramSize = ramSize;
    }

    Placement load(MachineConfig c) throws ImageException {
        long curBase = BLOBS_BASE;
        long kernelStart = -1, kernelSize = 0, initrdStart = -1, initrdSize = 0;
        Path payload = c.bios != null ? c.bios : c.kernel;
        if (payload == null) {
            throw new ImageException("no guest image: give -bios FILE or -kernel FILE");
        }
        if (c.bios != null && c.kernel != null) {
            byte[] k = read(c.kernel);
            kernelStart = curBase;
            kernelSize = k.length;
            place(c.kernel, curBase, k);
            curBase += k.length;
        }
        if (c.initrd != null) {
            byte[] rd = read(c.initrd);
            long base = (curBase + INITRD_LOAD_PAD) & ~INITRD_PAD_MASK;
            place(c.initrd, base, rd);
            if (rd.length > 0) { // QEMU describes an empty initrd as none
                initrdStart = base;
                initrdSize = rd.length;
            }
        }
        byte[] image = read(payload);
        String name = payload.toString();
        long entry, low, size;
        if (ElfImage.looksLikeElf(image)) {
            ElfImage elf = ElfImage.parse(name, image);
            for (ElfImage.Segment s : elf.segments) {
                checkFits(name, s.paddr(), s.memSize());
                place(payload, s.paddr(), s.data());
                zero(s.paddr() + s.data().length, s.memSize() - s.data().length);
            }
            entry = elf.entry;
            low = elf.lowestAddress();
            size = elf.totalMemSize();
        } else if (UImage.looksLikeUImage(image)) {
            UImage u = UImage.parse(name, image, ramSize);
            place(payload, u.loadAddress(), u.payload());
            entry = u.entry();
            low = u.loadAddress();
            size = u.payload().length;
        } else {
            throw new ImageException(name + ": not an ELF or uImage file");
        }
        if (c.bios == null) { // QEMU 7.2 also names a -kernel payload in /chosen/qemu,boot-kernel
            kernelStart = low;
            kernelSize = size;
        }
        long dtBase = (low + size + DTC_LOAD_PAD) & ~DTC_PAD_MASK;
        return new Placement(entry, low, size, kernelStart, kernelSize, initrdStart, initrdSize, dtBase);
    }

    void placeDtb(long dtBase, byte[] dtb) throws ImageException {
        if (dtb.length > DTB_MAX_SIZE) {
            throw new ImageException("device tree is larger than 8 MiB");
        }
        checkFits("device tree", dtBase, dtb.length);
        bus.writeBytes(dtBase, dtb, 0, dtb.length);
    }

    static byte[] read(Path p) throws ImageException {
        try {
            if (Files.isDirectory(p)) {
                throw new ImageException(p + ": is a directory");
            }
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new ImageException(p + ": no such file");
        } catch (AccessDeniedException e) {
            throw new ImageException(p + ": cannot read (permission denied)");
        } catch (IOException | OutOfMemoryError e) {
            throw new ImageException(p + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Clears {@code len} bytes of RAM (an ELF segment's .bss) without allocating them all at once. */
    private void zero(long pa, long len) {
        byte[] zeros = new byte[(int) Math.min(len, 1 << 16)];
        for (long done = 0; done < len; done += zeros.length) {
            bus.writeBytes(pa + done, zeros, 0, (int) Math.min(zeros.length, len - done));
        }
    }

    private void place(Path file, long pa, byte[] data) throws ImageException {
        checkFits(file.toString(), pa, data.length);
        bus.writeBytes(pa, data, 0, data.length);
    }

    private void checkFits(String what, long pa, long len) throws ImageException {
        if (pa < 0 || len < 0 || pa + len > ramSize) {
            throw new ImageException(String.format("%s: does not fit in RAM (needs 0x%x-0x%x, RAM is %d MiB)",
                    what, pa, pa + len, ramSize >> 20));
        }
    }
}
