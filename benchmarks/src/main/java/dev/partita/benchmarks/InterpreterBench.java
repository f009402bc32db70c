package dev.partita.benchmarks;

import static dev.partita.benchmarks.Asm.*;

import dev.partita.cpu.Cpu;
import dev.partita.cpu.Engine;
import dev.partita.machine.Engines;
import dev.partita.memory.Ram;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Interpreter dispatch on a fixed, compute-bound instruction mix: a byte-wise CRC-style loop over a
 * 4 KiB buffer (loads, xor, and, rotates, shifts, compare, conditional branch, bdnz), run through the
 * full fetch/decode/dispatch path with the soft TLB. The score is millions of guest instructions per
 * second (one operation = one guest instruction, reported per microsecond).
 *
 * <p>{@code engine} runs it on the interpreter and on the translator ({@code jit}: the loop is
 * translated on its first entry and runs as a JVM loop), so the two are compared on the same mix.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InterpreterBench {
    static final int SLICE = 1_000_000;
    static final int CODE = 0x1000, BUF = 0x10000;

    @Param({"interp", "jit"})
    public String engine;

    Cpu cpu;
    Engine interp;

    @Setup
    public void setup() {
        RamCore core = new RamCore(1 << 20, 10); // EA 0..1 GiB -> PA 0
        cpu = core.cpu;
        byte[] ram = core.ram;

        int[] prog = {
            addi(3, 0, -1),            // crc = ~0
            addis(4, 0, 0),            // r4 = BUF
            addi(4, 4, BUF),
            addi(5, 0, 4096),
            mtctr(5),
            // loop:
            lbz(6, 0, 4),
            xor(3, 3, 6),
            rlwinm(7, 3, 31, 1, 31),   // crc >> 1
            rlwinm(8, 3, 0, 31, 31),   // crc & 1
            cmpwi(0, 8, 0),
            bc(12, 2, 12),             // beq +12 (skip the xor)
            addis(9, 0, 0xEDB8),
            xor(7, 7, 9),
            addi(3, 7, 0),             // crc = r7
            addi(4, 4, 1),
            bdnz(-40),
            b(-64),                    // back to the start
        };
        for (int i = 0; i < prog.length; i++) {
            Ram.BE32.set(ram, CODE + 4 * i, prog[i]);
        }
        for (int i = 0; i < 4096; i++) {
            ram[BUF + i] = (byte) (i * 31 + 7);
        }
        cpu.pc = CODE;
        interp = Engines.create(engine, cpu, core.bus);
    }

    @Benchmark
    @OperationsPerInvocation(SLICE)
    public int crcLoop() {
        cpu.sliceEnd = cpu.icount + SLICE;
        interp.run(cpu);
        return cpu.gpr[3];
    }
}
