package dev.partita.translator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partita.cpu.Cpu;
import dev.partita.cpu.Engine;
import dev.partita.cpu.Interpreter;
import dev.partita.memory.PhysicalBus;
import dev.partita.memory.Ram;
import dev.partita.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Translations built off the guest thread are installed only while still right. The worker is
 * replaced by a queue the test runs by hand, so a job can be held "in flight" while the guest code
 * it was made from is rewritten (directly in RAM, as a loader or DMA would: the cache hears nothing)
 * or the cache is flushed. Every run is compared with the interpreter running the same program with
 * the same writes at the same instruction counts.
 */
class BackgroundTranslationTest {
    static final int MAIN = 0x1000, FUNC = 0x2000;
    static final int CALLS = 1000;

    /** A core with 1 MiB of RAM at 0, mapped 1:1 by TLB1 entry 0 (all permissions), and the program. */
    static final class Rig {
        final Ram ram = new Ram(1 << 20);
        final PhysicalBus bus = new PhysicalBus();
        final Cpu cpu;

        Rig() {
            bus.addRam("ram", 0, ram);
            cpu = new Cpu(bus, VirtualClock.realTime());
            cpu.mmu.setTlb1Entry(0, 0x80000000 | 10 << 8, 0, 0x3F, 0);      // V, TSIZE 1 GiB; SX SW SR UX UW UR
            // main: r3 = 0; ctr = CALLS; loop: bl func; bdnz loop; b .
            at(MAIN, addi(3, 0, 0), addi(5, 0, CALLS), 0x7CA903A6 /* mtctr r5 */,
                    0x48000000 | (FUNC - (MAIN + 12)) | 1 /* bl func */,
                    0x42000000 | (-4 & 0xFFFC) /* bdnz loop */, 0x48000000 /* b . */);
            // func: r3 += 1; blr
            at(FUNC, addi(3, 3, 1), 0x4E800020);
            cpu.pc = MAIN;
        }

        void at(int addr, int... words) {
            for (int i = 0; i < words.length; i++) {
                Ram.BE32.set(ram.bytes(), addr + 4 * i, words[i]);
            }
        }

        /** Runs exactly {@code n} more instructions on {@code e}. */
        void run(Engine e, long n) {
            long end = cpu.icount + n;
            while (cpu.icount < end) {
                cpu.sliceEnd = end;
                e.run(cpu);
            }
        }
    }

    static int addi(int rd, int ra, int simm) {
        return 14 << 26 | rd << 21 | ra << 16 | (simm & 0xFFFF);
    }

    /** A worker that only keeps the jobs handed to it, for the test to build when it likes. */
    static final class HeldWorker implements java.util.concurrent.Executor {
        final List<Runnable> jobs = new ArrayList<>();

        @Override
        public void execute(Runnable r) {
            jobs.add(r);
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(jobs);
            jobs.clear();
            now.forEach(Runnable::run);
        }
    }

    /** The interpreter's r3, pc and icount after the same program with {@code between} done after the first {@code first} instructions. */
    static String interpreted(long first, long rest, java.util.function.Consumer<Rig> between) {
        Rig r = new Rig();
        Interpreter e = new Interpreter();
        r.run(e, first);
        between.accept(r);
        r.run(e, rest);
        return state(r.cpu);
    }

    static String state(Cpu c) {
        return String.format("pc=%08x icount=%d r3=%d ctr=%d", c.pc, c.icount, c.gpr[3], c.ctr);
    }

    static JitEngine engine(Rig r, HeldWorker w) {
        return new JitEngine("auto", 5, r.cpu, r.bus, 1 << 20, w);
    }

    @Test
    void aTranslationBuiltMeanwhileIsInstalledWhenItsCodeIsUnchanged() {
        Rig r = new Rig();
        HeldWorker w = new HeldWorker();
        JitEngine e = engine(r, w);
        r.run(e, 200);
        assertFalse(w.jobs.isEmpty(), "hot entries were handed to the worker");
        assertEquals(0, e.statistics().blocksTranslated, "nothing installed before the worker ran");
        w.runAll();
        r.run(e, 2000);
        assertNotNull(e.codeCache().lookup(r.ram.bytes(), FUNC, FUNC, r.cpu.tlb, false, 0), "func's translation installed");
        assertEquals(0, e.statistics().discarded);
        assertTrue(e.statistics().lookups > 0, "translations ran");
        assertEquals(interpreted(200, 2000, x -> {}), state(r.cpu));
        assertEquals(200 + 2000, r.cpu.icount);
    }

    @Test
    void aTranslationWhoseCodeWasRewrittenWhileInFlightIsDiscarded() {
        Rig r = new Rig();
        HeldWorker w = new HeldWorker();
        JitEngine e = engine(r, w);
        r.run(e, 200);
        assertFalse(w.jobs.isEmpty(), "hot entries were handed to the worker");
        // func now adds 2: written behind the cache's back (no translation of the page exists yet)
        java.util.function.Consumer<Rig> rewrite = x -> x.at(FUNC, addi(3, 3, 2));
        rewrite.accept(r);
        w.runAll();
        r.run(e, 40);           // drains: func's translation (of "addi r3,r3,1") must not be installed
        assertEquals(1, e.statistics().discarded, e.stats());
        assertNull(e.codeCache().lookup(r.ram.bytes(), FUNC, FUNC, r.cpu.tlb, false, 0), "stale translation not installed");
        r.run(e, 2000);         // func becomes hot again and is handed over again
        w.runAll();
        r.run(e, 2000);
        Block f = e.codeCache().lookup(r.ram.bytes(), FUNC, FUNC, r.cpu.tlb, false, 0);
        assertNotNull(f, "the rewritten func is translated in the end");
        assertEquals(interpreted(200, 40 + 2000 + 2000, rewrite), state(r.cpu));
        // and the result is the ISA's: every call after the rewrite added 2
        assertEquals(2 * CALLS - firstCalls(200), r.cpu.gpr[3], "r3 after all calls");
    }

    /** Calls whose addi ran within the first {@code n} instructions (3 set-up, then bl, addi, blr, bdnz per call). */
    static int firstCalls(long n) {
        return (int) ((n - 3) / 4);
    }

    @Test
    void aTranslationBegunBeforeAFlushIsDiscarded() {
        Rig r = new Rig();
        HeldWorker w = new HeldWorker();
        JitEngine e = engine(r, w);
        r.run(e, 200);
        int held = w.jobs.size();
        assertTrue(held > 0);
        e.codeCache().flush();
        w.runAll();
        r.run(e, 40);
        assertEquals(held, e.statistics().discarded, e.stats());
        assertEquals(0, e.statistics().blocksTranslated);
        r.run(e, 2000);
        assertFalse(w.jobs.isEmpty(), "hot again after the flush: handed over again");
        w.runAll();
        r.run(e, 1000);
        assertTrue(e.statistics().blocksTranslated > 0);
        assertEquals(interpreted(200, 40 + 2000 + 1000, x -> {}), state(r.cpu));
    }

    @Test
    void aPendingEntryIsNotHandedOverTwiceAndTheWorkerIsNeverWaitedFor() {
        Rig r = new Rig();
        HeldWorker w = new HeldWorker();
        JitEngine e = engine(r, w);
        r.run(e, 3000);         // the jobs are never built: the guest goes on interpreting
        long distinct = w.jobs.stream().map(j -> ((TranslationJob) j).host).distinct().count();
        assertEquals(distinct, w.jobs.size(), "each entry handed over once");
        assertTrue(w.jobs.size() <= JitEngine.MAX_IN_FLIGHT);
        assertEquals(0, e.statistics().blocksTranslated);
        assertEquals(interpreted(3000, 0, x -> {}), state(r.cpu));
    }
}
