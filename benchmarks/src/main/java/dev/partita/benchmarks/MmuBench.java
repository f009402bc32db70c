package dev.partita.benchmarks;

import dev.partita.cpu.Cpu;
import dev.partita.cpu.GuestTrap;
import dev.partita.cpu.Sprs;
import dev.partita.mmu.SoftTlb;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * MMU translation. {@code probe*}: the architected lookup alone (TLB0 set search, then TLB1) for an
 * address TLB0 maps, one only TLB1 maps, and one nothing maps. {@code softTlbMissLoad}: a load whose
 * soft-TLB slot always holds another page, so every access takes the slow path (translate, bus
 * lookup, soft-TLB refill). {@code dtlbMiss}: a load of an unmapped address, i.e. translation failure
 * plus delivery of the data TLB error interrupt (MAS preload, SRR0/1, DEAR, ESR, new pc).
 * One operation = one translation or access.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MmuBench {
    static final int OPS = 1024;
    /** TLB0 maps 256 pages at this EA (every set, two ways each); TLB1 maps 0..64 MiB. */
    static final int TLB0_EA = 0x40000000;
    static final int UNMAPPED = 0x80000000;

    Cpu cpu;
    int[] tlb0Addrs = new int[OPS], tlb1Addrs = new int[OPS], missAddrs = new int[OPS], conflictAddrs = new int[OPS];

    @Setup
    public void setup() {
        cpu = new RamCore(64 << 20, 8).cpu; // EA 0..64 MiB -> PA 0, all permissions
        for (int p = 0; p < 256; p++) {
            cpu.mmu.writeSpr(Sprs.MAS0, (p >> 7) << 16);                  // TLB0, 128 sets x 2 ways
            cpu.mmu.writeSpr(Sprs.MAS1, 0x80000000 | 1 << 8);             // valid, TID 0, 4 KiB
            cpu.mmu.writeSpr(Sprs.MAS2, TLB0_EA + (p << 12));
            cpu.mmu.writeSpr(Sprs.MAS3, (0x1000000 + (p << 12)) | 0x3F);  // PA 16 MiB + p pages
            cpu.mmu.writeSpr(Sprs.MAS7, 0);
            cpu.mmu.tlbwe();
        }
        cpu.mmu.writeSpr(Sprs.MAS4, 0x100);
        for (int i = 0; i < OPS; i++) {
            int off = (i * 52) & 0xFFC;
            tlb0Addrs[i] = TLB0_EA + (((i * 37) & 255) << 12) + off;
            tlb1Addrs[i] = (((i * 101) & 0x3FFF) << 12) + off;
            missAddrs[i] = UNMAPPED + (i << 12) + off;
            // Pages 4 MiB apart share a soft-TLB slot: alternating between two of them always misses.
            conflictAddrs[i] = ((i & 1) << 22) + (((i >> 1) & 7) << 12) + off;
        }
        int slots = SoftTlb.ENTRIES;
        if ((4 << 20 >>> 12) % slots != 0) {
            throw new IllegalStateException("soft TLB size changed: conflict addresses no longer collide");
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long probeTlb0Hit() {
        long acc = 0;
        for (int ea : tlb0Addrs) {
            acc += cpu.mmu.probe(ea, false);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long probeTlb1Hit() {
        long acc = 0;
        for (int ea : tlb1Addrs) {
            acc += cpu.mmu.probe(ea, false);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long probeMiss() {
        long acc = 0;
        for (int ea : missAddrs) {
            acc += cpu.mmu.probe(ea, false);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public int softTlbMissLoad() {
        int acc = 0;
        for (int ea : conflictAddrs) {
            acc += cpu.load32(ea);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public int dtlbMiss() {
        int acc = 0;
        for (int ea : missAddrs) {
            try {
                acc += cpu.load32(ea);
            } catch (GuestTrap t) {
                acc += cpu.pc;
                cpu.msr = 0;
            }
        }
        return acc;
    }
}
