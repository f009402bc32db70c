package dev.partita.machine;

/** Why {@link Machine#run} returned. */
public enum StopReason {
    /** The guest reset the machine (GUTS RSTCR, watchdog reset) and the machine does not reboot. */
    RESET,
    /** The guest powered the machine off (the GPIO power-off pin). */
    POWER_OFF,
    /** The instruction limit given to {@link Machine#run} was reached. */
    INSTRUCTION_LIMIT,
    /** The core entered checkstop (a machine check with MSR[ME] = 0). */
    CHECKSTOP,
    /** {@link Machine#requestStop} was called from another thread. */
    STOPPED
}
