package dev.partita.translator;

import dev.partita.cpu.Cpu;
import dev.partita.machine.Machine;
import dev.partita.machine.MachineConfig;
import java.nio.file.Path;

/**
 * Runs one guest image on two machines, the interpreter and a translator engine, in lockstep: both
 * run {@code step} instructions at a time (the translator's own blocks run inside each step) and
 * their architected state is compared after every step. Reports the first difference.
 */
final class Lockstep {
    private Lockstep() {}

    /** Null when both ran {@code total} instructions (or stopped at the same point) with equal state, else a description of the first difference. */
    static String run(Path elf, String engine, long step, long total) throws Exception {
        Machine a = machine(elf, "interp");
        Machine b = machine(elf, engine);
        long done = 0;
        String prev = state(a.cpu());
        while (done < total) {
            var ra = a.run(step);
            var rb = b.run(step);
            done += step;
            String sa = state(a.cpu()), sb = state(b.cpu());
            if (!sa.equals(sb) || ra != rb) {
                return "after " + a.cpu().icount + " instructions (stops " + ra + "/" + rb + ")\n before: " + prev
                        + "\n interp: " + sa + "\n " + engine + ":    " + sb;
            }
            if (!a.consoleText().equals(b.consoleText())) {
                return "console differs after " + a.cpu().icount + ": [" + a.consoleText() + "] vs [" + b.consoleText() + "]";
            }
            prev = sa;
            if (ra != dev.partita.machine.StopReason.INSTRUCTION_LIMIT) {
                break;
            }
        }
        String stats = b.engine().stats();
        if (!stats.contains(" 0 translation failures")) {
            return "some code could not be translated: " + stats;
        }
        return null;
    }

    static Machine machine(Path elf, String engine) throws Exception {
        MachineConfig cfg = new MachineConfig().ramSize(256L << 20).bios(elf).deterministic(0);
        cfg.engine = engine;
        return new Machine(cfg);
    }

    static String state(Cpu c) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("pc=%08x ic=%d msr=%08x cr=%08x xer=%08x lr=%08x ctr=%08x", c.pc, c.icount, c.msr, c.cr, c.xer(), c.lr, c.ctr));
        for (int i = 0; i < 32; i++) {
            s.append(String.format(" r%d=%x", i, c.gpr[i]));
        }
        s.append(String.format(" srr0=%08x srr1=%08x esr=%08x dear=%08x", c.spr[dev.partita.cpu.Sprs.SRR0],
                c.spr[dev.partita.cpu.Sprs.SRR1], c.spr[dev.partita.cpu.Sprs.ESR], c.spr[dev.partita.cpu.Sprs.DEAR]));
        return s.toString();
    }
}
