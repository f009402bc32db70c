package dev.partita.benchmarks;

import dev.partita.devicetree.FdtWriter;
import dev.partita.devicetree.Node;
import dev.partita.machine.BoardLayout;
import dev.partita.machine.Ppce500DeviceTree;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Device-tree generation for the ppce500 board as a run with {@code -m 256 -append ...} and an initrd
 * needs it: building the node tree, and building plus flattening it to a DTB. One operation = one tree.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DeviceTreeBench {
    final BoardLayout layout = new BoardLayout(256L << 20, 1, "console=ttyS0 root=/dev/ram rw",
            0x2000000, 0x2400000, -1, 0);

    @Benchmark
    public Node buildTree() {
        return Ppce500DeviceTree.build(layout);
    }

    @Benchmark
    public byte[] buildDtb() {
        return FdtWriter.write(Ppce500DeviceTree.build(layout));
    }
}
