package dev.partita.benchmarks;

import dev.partita.cpu.Cpu;
import dev.partita.memory.PhysicalBus;
import dev.partita.memory.Ram;
import dev.partita.time.VirtualClock;

/**
 * The set-up the hot-path benchmarks share: a core on real-time clock with RAM at physical 0, and
 * TLB1 entry 0 mapping effective address 0 onto it with every permission.
 */
final class RamCore {
    final PhysicalBus bus = new PhysicalBus();
    final Cpu cpu;
    final byte[] ram;

    /** {@code ramBytes} of RAM; the TLB1 entry covers 4^{@code tsize} KiB from address 0. */
    RamCore(int ramBytes, int tsize) {
        Ram r = new Ram(ramBytes);
        bus.addRam("ram", 0, r);
        ram = r.bytes();
        cpu = new Cpu(bus, VirtualClock.realTime());
        cpu.mmu.setTlb1Entry(0, 0x80000000 | tsize << 8, 0, 0x3F, 0);
    }
}
