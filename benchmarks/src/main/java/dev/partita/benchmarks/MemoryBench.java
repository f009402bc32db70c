package dev.partita.benchmarks;


import dev.partita.cpu.Cpu;
import dev.partita.cpu.LoadStore;
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
 * A RAM load and store through the full path an instruction takes: the lwz/stw/lbz/stb semantics
 * (effective address from the instruction word and GPRs) into the CPU's memory access, the soft-TLB
 * hit check and the big-endian access to the RAM array. The base register walks a 64 KiB buffer over
 * 16 pages, all soft-TLB hits after the first touch. One operation = one access.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MemoryBench {
    static final int OPS = 16384, BUF = 0x100000;
    static final int LWZ = Asm.lwz(3, 0, 4), STW = Asm.stw(3, 0, 4), LBZ = Asm.lbz(3, 1, 4), STB = Asm.stb(3, 2, 4);

    Cpu cpu;

    @Setup
    public void setup() {
        cpu = new RamCore(16 << 20, 6).cpu; // EA 0..4 MiB -> PA 0
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public int lwzHit() {
        Cpu c = cpu;
        int acc = 0;
        for (int i = 0; i < OPS; i++) {
            c.gpr[4] = BUF + ((i << 2) & 0xFFFC);
            LoadStore.lwz(c, LWZ);
            acc += c.gpr[3];
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public int stwHit() {
        Cpu c = cpu;
        for (int i = 0; i < OPS; i++) {
            c.gpr[4] = BUF + ((i << 2) & 0xFFFC);
            c.gpr[3] = i;
            LoadStore.stw(c, STW);
        }
        return c.gpr[3];
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public int lbzStbHit() {
        Cpu c = cpu;
        int acc = 0;
        for (int i = 0; i < OPS; i += 2) {
            c.gpr[4] = BUF + ((i * 3) & 0xFFFC);
            LoadStore.lbz(c, LBZ);
            acc += c.gpr[3];
            LoadStore.stb(c, STB);
        }
        return acc;
    }
}
