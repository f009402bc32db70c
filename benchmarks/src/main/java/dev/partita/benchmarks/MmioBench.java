package dev.partita.benchmarks;

import dev.partita.cpu.Cpu;
import dev.partita.devices.Mpic;
import dev.partita.devices.Ns16550;
import dev.partita.machine.Ppce500;
import dev.partita.memory.PhysicalBus;
import dev.partita.memory.Ram;
import dev.partita.time.VirtualClock;
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
 * MMIO dispatch: guest loads and stores to the ppce500's ns16550 and MPIC registers through the whole
 * path (soft-TLB miss, TLB1 translation of the cache-inhibited CCSR mapping, bus lookup, the device's
 * register map), and the same registers read straight from the device (register map alone). The devices
 * are wired as the ppce500 machine wires them. One operation = one register access.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MmioBench {
    static final int OPS = 1024;
    static final int CCSR_EA = 0xFE000000;
    static final int UART = CCSR_EA + (int) Ppce500.UART0_OFFSET, MPIC = CCSR_EA + (int) Ppce500.MPIC_OFFSET;
    static final int LSR = 5, SCR = 7, GTBCR0 = 0x1110, GTVPR0 = 0x1120;

    Cpu cpu;
    Ns16550 uart;
    Mpic mpic;

    @Setup
    public void setup() {
        PhysicalBus bus = new PhysicalBus();
        bus.addRam("ram", 0, new Ram(16 << 20));
        VirtualClock clock = VirtualClock.realTime();
        Cpu[] holder = new Cpu[1];
        mpic = new Mpic(clock, level -> holder[0].externalInput = level);
        bus.addDevice("mpic", Ppce500.CCSR_BASE + Ppce500.MPIC_OFFSET, Ppce500.MPIC_SIZE, mpic);
        uart = new Ns16550("uart0", clock, mpic.input(Ppce500.IRQ_UART), b -> {}, () -> {}, Ns16550.PPCE500_BAUD_BASE);
        bus.addDevice("uart0", Ppce500.CCSR_BASE + Ppce500.UART0_OFFSET, Ppce500.UART_SIZE, uart);
        cpu = new Cpu(bus, clock);
        holder[0] = cpu;
        cpu.mmu.setTlb1Entry(0, 0x80000000 | 6 << 8, 0, 0x3F, 0);
        // As the guests' crt0: EA 0xFE000000 -> PA 0xF_E000_0000, 1 MiB, I|G, supervisor read/write.
        cpu.mmu.setTlb1Entry(1, 0x80000000 | 5 << 8, CCSR_EA | 0xA, 0xE0000000 | 0x5, 0xF);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public int uartLsrLoad() {
        int acc = 0;
        for (int i = 0; i < OPS; i++) {
            acc += cpu.load8(UART + LSR);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public int uartScrStoreLoad() {
        int acc = 0;
        for (int i = 0; i < OPS; i += 2) {
            cpu.store8(UART + SCR, i);
            acc += cpu.load8(UART + SCR);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public int mpicTimerStoreLoad() {
        int acc = 0;
        for (int i = 0; i < OPS; i += 2) {
            cpu.store32(MPIC + GTVPR0, 0x80000000 | (i & 0xFF));
            acc += cpu.load32(MPIC + GTBCR0);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long uartLsrDeviceOnly() {
        long acc = 0;
        for (int i = 0; i < OPS; i++) {
            acc += uart.read(LSR, 1);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long mpicDeviceOnly() {
        long acc = 0;
        for (int i = 0; i < OPS; i++) {
            acc += mpic.read(GTVPR0, 4);
        }
        return acc;
    }
}
