package dev.partita.cpu;

/** Interrupt vector offset register numbers of the e500v2 (IVORn selects the vector). */
public final class Ivor {
    private Ivor() {}

    public static final int CRITICAL_INPUT = 0;
    public static final int MACHINE_CHECK = 1;
    public static final int DATA_STORAGE = 2;
    public static final int INSTRUCTION_STORAGE = 3;
    public static final int EXTERNAL_INPUT = 4;
    public static final int ALIGNMENT = 5;
    public static final int PROGRAM = 6;
    public static final int FP_UNAVAILABLE = 7;
    public static final int SYSTEM_CALL = 8;
    public static final int AP_UNAVAILABLE = 9;
    public static final int DECREMENTER = 10;
    public static final int FIXED_INTERVAL_TIMER = 11;
    public static final int WATCHDOG = 12;
    public static final int DATA_TLB_ERROR = 13;
    public static final int INSTRUCTION_TLB_ERROR = 14;
    public static final int DEBUG = 15;
    public static final int SPE_UNAVAILABLE = 32;
    public static final int SPE_FP_DATA = 33;
    public static final int SPE_FP_ROUND = 34;
    public static final int PERFORMANCE_MONITOR = 35;
}
