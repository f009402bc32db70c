package dev.partita.benchmarks;

import static dev.partita.benchmarks.Asm.*;

import dev.partita.cpu.Decoder;
import java.util.Random;
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
 * Instruction decode ({@link Decoder#decode}): a compiler-like mix of common encodings (loads and stores,
 * D-form and XO-form arithmetic, rotates, compares, branches, isel, SPR moves), and random words (many
 * illegal, many going through the candidate-list search). One operation = one word decoded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBench {
    static final int N = 4096;

    int[] mix = new int[N];
    int[] random = new int[N];

    @Setup
    public void setup() {
        int[] forms = {
            lwz(3, 8, 1), stw(4, 12, 1), lbz(5, 0, 9), stb(5, 1, 9), lhz(6, 2, 9), lwzx(7, 3, 4), stwu(1, -32, 1),
            addi(3, 3, 1), addis(4, 0, 0x10), add(5, 3, 4), subf(6, 5, 3), mullw(7, 5, 6), divwu(8, 7, 3),
            and(9, 3, 4), or(10, 9, 9), xor(11, 3, 4), slw(12, 3, 4), srawi(13, 3, 5), extsb(14, 3),
            ori(3, 3, 0x1234), andiDot(4, 3, 0xFF), rlwinm(5, 3, 8, 24, 31), rlwinm(6, 3, 2, 0, 29),
            cmpwi(0, 3, 0), cmpw(7, 3, 4), cmplw(1, 5, 6), isel(3, 4, 5, 2),
            bc(12, 2, 16), bc(4, 0, -8), bdnz(-24), b(64), bl(-128), blr(), mflr(0), mtlr(0), mtctr(9), sc(),
        };
        Random r = new Random(42);
        for (int i = 0; i < N; i++) {
            // Loads, stores and adds are the commonest in compiled code: bias towards the front.
            int k = r.nextInt(forms.length);
            if (r.nextBoolean()) {
                k = k / 3;
            }
            mix[i] = forms[k];
            random[i] = r.nextInt();
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int compilerMix() {
        int acc = 0;
        for (int w : mix) {
            acc += Decoder.decode(w);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int randomWords() {
        int acc = 0;
        for (int w : random) {
            acc += Decoder.decode(w);
        }
        return acc;
    }
}
