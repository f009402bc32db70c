package dev.partita.firmware;

import dev.partita.cpu.Disassembler;
import dev.partita.machine.ImageException;
import dev.partita.machine.Machine;
import dev.partita.machine.StopReason;
import dev.partita.memory.Ram;
import dev.partita.memory.Region;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs one guest image on two in-process machines, the interpreter (the reference) and another engine,
 * in lockstep: both run the same number of instructions per {@link Machine#run} call, cycling through
 * {@link #STEPS} from a phase, so that slice ends fall at many different places inside and between
 * the translator's blocks. After every step the architected state ({@link ArchState}), the stop
 * reason, the console and a window of RAM (the pages the program writes) must be equal; at the stop
 * all of RAM must be equal.
 *
 * <p>On a difference it replays the run to narrow it down to the first instruction of the failing
 * step after which the states differ, and describes that instruction and the state diff.
 */
final class EngineLockstep {
    /** Instructions per step; none is a multiple of another or of typical block lengths. */
    static final int[] STEPS = {1, 7, 13, 61, 997};

    private final Path elf;
    /** The image the second machine runs: {@link #elf}, except in the harness's own test. */
    private final Path otherElf;
    private final String engine;
    private final Map<String, String> properties;
    private final long windowStart, windowEnd;
    private final int phase;

    /**
     * @param properties system properties in force while the engine is created (e.g. partita.jit.threshold)
     * @param windowStart first byte of the RAM window compared after every step
     * @param windowEnd end of that window (exclusive)
     * @param phase index into {@link #STEPS} of the first step
     */
    EngineLockstep(Path elf, String engine, Map<String, String> properties, long windowStart, long windowEnd, int phase) {
        this(elf, elf, engine, properties, windowStart, windowEnd, phase);
    }

    /** Lockstep of {@code elf} on the interpreter against {@code otherElf} on {@code engine} (to test the harness itself). */
    EngineLockstep(Path elf, Path otherElf, String engine, Map<String, String> properties, long windowStart, long windowEnd, int phase) {
        this.elf = elf;
        this.otherElf = otherElf;
        this.engine = engine;
        this.properties = properties;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.phase = Math.floorMod(phase, STEPS.length);
    }

    /** How a lockstep run ended. {@code failure} is null when both machines agreed throughout. */
    record Outcome(String failure, StopReason reason, long instructions, String console, String engineStats) {}

    private int step(int i) {
        return STEPS[(phase + i) % STEPS.length];
    }

    /** Runs both machines until they stop or {@code maxInstructions} have run. */
    Outcome run(long maxInstructions) throws ImageException {
        Machine a = machine(elf, "interp", Map.of());
        Machine b = machine(otherElf, engine, properties);
        ArchState before = ArchState.of(a.cpu());
        for (int i = 0; ; i++) {
            int n = step(i);
            StopReason ra = a.run(n), rb = b.run(n);
            String d = compare(a, b, ra, rb);
            if (d != null) {
                return new Outcome(explain(i, before, d), rb, b.cpu().icount, b.consoleText(), b.engine().stats());
            }
            before = ArchState.of(a.cpu());
            if (ra != StopReason.INSTRUCTION_LIMIT || a.cpu().icount >= maxInstructions) {
                String ram = firstRamDifference(a, b, 0, Long.MAX_VALUE);
                String f = ram == null ? null : "at the stop (" + ra + ", " + a.cpu().icount + " instructions): " + ram;
                return new Outcome(f, rb, b.cpu().icount, b.consoleText(), b.engine().stats());
            }
        }
    }

    /** Null when the two machines agree, else what differs. */
    private String compare(Machine a, Machine b, StopReason ra, StopReason rb) {
        ArchState sa = ArchState.of(a.cpu()), sb = ArchState.of(b.cpu());
        StringBuilder s = new StringBuilder();
        if (ra != rb) {
            s.append("  stop reason: interp=").append(ra).append(' ').append(engine).append('=').append(rb).append('\n');
        }
        if (!sa.equals(sb)) {
            s.append(sa.diff(sb, "interp", engine));
        }
        String ram = firstRamDifference(a, b, windowStart, windowEnd);
        if (ram != null) {
            s.append("  ").append(ram).append('\n');
        }
        String ca = a.consoleText(), cb = b.consoleText();
        if (!ca.equals(cb)) {
            s.append("  console: ").append(ConsoleDiff.firstDifference(ca, cb)).append('\n');
        }
        return s.isEmpty() ? null : s.toString();
    }

    /** Where the RAM of the two machines first differs in [from, to), or null. */
    static String firstRamDifference(Machine a, Machine b, long from, long to) {
        for (Region ra : a.bus().regions()) {
            if (ra.ram == null) {
                continue;
            }
            Region rb = b.bus().find(ra.base);
            long lo = Math.max(from, ra.base), hi = Math.min(to, ra.end());
            if (lo >= hi) {
                continue;
            }
            Ram x = ra.ram, y = rb.ram;
            int off = (int) (lo - ra.base), end = (int) (hi - ra.base);
            int i = java.util.Arrays.mismatch(x.bytes(), off, end, y.bytes(), off, end);
            if (i >= 0) {
                long pa = lo + i;
                long word = pa & ~3L;
                return String.format("RAM differs at physical %08x: interp word %08x, engine word %08x", pa,
                        (int) Ram.BE32.get(x.bytes(), (int) (word - ra.base)), (int) Ram.BE32.get(y.bytes(), (int) (word - ra.base)));
            }
        }
        return null;
    }

    private static Machine machine(Path elf, String name, Map<String, String> props) throws ImageException {
        return PartitaRunner.machine(elf, name, props);
    }

    /** Both machines after the first {@code steps} steps of the schedule (which agreed in the original run). */
    private Machine[] replay(int steps) throws ImageException {
        Machine a = machine(elf, "interp", Map.of());
        Machine b = machine(otherElf, engine, properties);
        for (int i = 0; i < steps; i++) {
            a.run(step(i));
            b.run(step(i));
        }
        return new Machine[] {a, b};
    }

    /**
     * Describes a difference found after step {@code failing}: replays the run and bisects the step's
     * length for the first prefix after which the states differ, then lists the interpreter's trace of
     * that step up to the first differing instruction.
     */
    private String explain(int failing, ArchState before, String diff) throws ImageException {
        int n = step(failing);
        StringBuilder s = new StringBuilder();
        s.append(String.format("%s differs from the interpreter after %d instructions (a step of %d from icount %d):%n%s",
                engine, before.icount() + n, n, before.icount(), diff));
        int lo = 0, hi = n; // states agree after lo instructions of the step, differ after hi
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            Machine[] m = replay(failing);
            StopReason ra = m[0].run(mid), rb = m[1].run(mid);
            if (compare(m[0], m[1], ra, rb) == null) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Machine[] m = replay(failing);
        if (hi < n) {
            StopReason ra = m[0].run(hi), rb = m[1].run(hi);
            s.append(String.format("narrowed down: the states already differ after %d instructions of that step (icount %d):%n%s",
                    hi, m[0].cpu().icount, compare(m[0], m[1], ra, rb)));
            m = replay(failing);
        }
        s.append("interpreter trace of the step up to there (pc, word, instruction):\n");
        Machine ref = m[0];
        int from = Math.max(0, hi - 40);
        ref.run(from);
        for (int k = from; k < hi; k++) {
            int pc = ref.cpu().pc;
            s.append(String.format("  %s %08x: %s%n", k == hi - 1 ? "=>" : "  ", pc, instruction(ref, pc)));
            if (ref.run(1) != StopReason.INSTRUCTION_LIMIT) {
                break;
            }
        }
        s.append("state before the step (interp):\n").append(before).append('\n');
        return s.toString();
    }

    /** The word and disassembly at {@code pc}, read physically (the test programs map EA = PA). */
    static String instruction(Machine m, int pc) {
        try {
            byte[] w = m.bus().readBytes(pc & 0xFFFF_FFFFL, 4);
            int word = ((w[0] & 0xFF) << 24) | ((w[1] & 0xFF) << 16) | ((w[2] & 0xFF) << 8) | (w[3] & 0xFF);
            return String.format("%08x  %s", word, Disassembler.disassemble(word, pc));
        } catch (IllegalArgumentException e) {
            return "(not RAM)";
        }
    }
}
