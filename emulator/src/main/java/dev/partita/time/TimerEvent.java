package dev.partita.time;

/** A reusable event for {@link VirtualClock}: create once per timer, schedule and cancel at will. */
public final class TimerEvent implements Comparable<TimerEvent> {
    final String name;
    final Runnable action;
    long deadline;
    long order;
    boolean scheduled;

    public TimerEvent(String name, Runnable action) {
        this.name = name;
        this.action = action;
    }

    public boolean isScheduled() {
        return scheduled;
    }

    public long deadlineNs() {
        return deadline;
    }

    @Override
    public int compareTo(TimerEvent o) {
        int c = Long.compare(deadline, o.deadline);
        return c != 0 ? c : Long.compare(order, o.order);
    }

    @Override
    public String toString() {
        return name + "@" + deadline;
    }
}
