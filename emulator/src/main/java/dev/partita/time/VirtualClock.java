package dev.partita.time;

import java.util.PriorityQueue;
import java.util.function.LongSupplier;

/**
 * The guest's notion of time for one machine, in nanoseconds since reset, with a queue of timer
 * events (decrementer, FIT, watchdog, PIC timers, device timeouts).
 *
 * <p>Two modes. Real time: guest time follows the host's monotonic clock. Deterministic
 * ({@code -icount shift=N}): guest time is {@code instructions << N} nanoseconds, so two runs of the
 * same image see the same times and give the same output and instruction count. Events fire only
 * from {@link #runDue}, which the machine loop calls between engine slices: devices never sleep a
 * thread. Not thread-safe: used from the thread that runs the CPUs.
 */
public final class VirtualClock {
    private final LongSupplier instructions;
    private final int shift;
    private final long hostStart;
    private final PriorityQueue<TimerEvent> queue = new PriorityQueue<>();
    private long sequence;

    private VirtualClock(LongSupplier instructions, int shift) {
        this.instructions = instructions;
        this.shift = shift;
        this.hostStart = System.nanoTime();
    }

    /** Guest time follows host time. */
    public static VirtualClock realTime() {
        return new VirtualClock(null, 0);
    }

    /** Guest time is {@code instructions.getAsLong() << shift} nanoseconds. */
    public static VirtualClock deterministic(LongSupplier instructions, int shift) {
        if (shift < 0 || shift > 10) {
            throw new IllegalArgumentException("icount shift must be 0..10: " + shift);
        }
        return new VirtualClock(instructions, shift);
    }

    public boolean isDeterministic() {
        return instructions != null;
    }

    public int shift() {
        return shift;
    }

    public long nowNs() {
        return instructions != null ? instructions.getAsLong() << shift : System.nanoTime() - hostStart;
    }

    /** Schedules {@code e} to fire when guest time reaches {@code deadlineNs} (replacing an earlier schedule of it). */
    public void schedule(TimerEvent e, long deadlineNs) {
        if (e.scheduled) {
            queue.remove(e);
        }
        e.deadline = deadlineNs;
        e.order = sequence++;
        e.scheduled = true;
        queue.add(e);
    }

    public void cancel(TimerEvent e) {
        if (e.scheduled) {
            queue.remove(e);
            e.scheduled = false;
        }
    }

    /** The earliest deadline, or {@link Long#MAX_VALUE} when nothing is scheduled. */
    public long nextDeadlineNs() {
        TimerEvent e = queue.peek();
        return e == null ? Long.MAX_VALUE : e.deadline;
    }

    /** Fires every event whose deadline has passed, in deadline order. */
    public void runDue() {
        long now = nowNs();
        TimerEvent e;
        while ((e = queue.peek()) != null && e.deadline <= now) {
            queue.poll();
            e.scheduled = false;
            e.action.run();
        }
    }
}
