package dev.partita.mmu;

import dev.partita.cpu.Cpu;
import dev.partita.cpu.GuestTrap;
import dev.partita.cpu.Sprs;
import dev.partita.memory.MmioDevice;
import dev.partita.memory.PhysicalBus;
import dev.partita.memory.Ram;
import dev.partita.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A core with 16 MiB of RAM at physical 0 and a recording device window of 1 MiB at the ppce500's
 * CCSR address 0xF_E000_0000 (above 4 GiB), with IVPR/IVORs set so vectors are recognisable.
 */
class MmuFixture {
    static final long CCSR = 0xF_E000_0000L;
    static final int IVPR = 0x00A0_0000;
    static final int V = 0x8000_0000, IPROT = 0x4000_0000, TS = 0x1000;
    static final int SR = 0x01, UR = 0x02, SW = 0x04, UW = 0x08, SX = 0x10, UX = 0x20;
    static final int ALL_PERMS = 0x3F;
    /** e500 MAS1[TSIZE] (bits 20:23, 4^n KiB). */
    static int tsize(int n) {
        return n << 8;
    }

    /** One recorded device access. */
    record Access(boolean write, long offset, int size, long value) {}

    final PhysicalBus bus = new PhysicalBus();
    final Ram ram = new Ram(16 << 20);
    final List<Access> accesses = new ArrayList<>();
    final Cpu cpu;
    final Mmu mmu;

    MmuFixture() {
        bus.addRam("ram", 0, ram);
        bus.addDevice("ccsr", CCSR, 1 << 20, new MmioDevice() {
            @Override
            public long read(long offset, int size) {
                long v = deviceValue(offset, size);
                accesses.add(new Access(false, offset, size, v));
                return v;
            }

            @Override
            public void write(long offset, int size, long value) {
                accesses.add(new Access(true, offset, size, value));
            }
        });
        cpu = new Cpu(bus, VirtualClock.realTime());
        mmu = cpu.mmu;
        cpu.spr[Sprs.IVPR] = IVPR;
        for (int i = 0; i < 16; i++) {
            cpu.spr[Sprs.IVOR0 + i] = 0x100 + 0x10 * i;
        }
        cpu.pc = 0x0000_2000;
    }

    /** What the device returns: a value that depends on offset and size (a test convention). */
    static long deviceValue(long offset, int size) {
        long v = 0xA5_0000L + offset;
        return size == 8 ? v : v & ((1L << (8 * size)) - 1);
    }

    static int vector(int ivor) {
        return IVPR | (0x100 + 0x10 * ivor);
    }

    int spr(int n) {
        return mmu.readSpr(n);
    }

    void setSpr(int n, int v) {
        mmu.writeSpr(n, v);
    }

    /** tlbwe through the MAS registers. */
    void tlbwe(int mas0, int mas1, int mas2, int mas3, int mas7) {
        setSpr(Sprs.MAS0, mas0);
        setSpr(Sprs.MAS1, mas1);
        setSpr(Sprs.MAS2, mas2);
        setSpr(Sprs.MAS3, mas3);
        setSpr(Sprs.MAS7, mas7);
        mmu.tlbwe();
    }

    void tlb1(int esel, int mas1, int mas2, int mas3, int mas7) {
        tlbwe(0x1000_0000 | (esel << 16), mas1, mas2, mas3, mas7);
    }

    void tlb0(int way, int mas1, int mas2, int mas3) {
        tlbwe(way << 16, mas1, mas2, mas3, 0);
    }

    void tlb0(int way, int mas1, int mas2, int mas3, int mas7) {
        tlbwe(way << 16, mas1, mas2, mas3, mas7);
    }

    void poke(long pa, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        bus.writeBytes(pa, b, 0, b.length);
    }

    int peek(long pa) {
        return bus.readBytes(pa, 1)[0] & 0xFF;
    }

    static void assertTrap(Executable e) {
        assertThrows(GuestTrap.class, e);
    }
}
