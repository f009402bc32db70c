package dev.partita.cpu;

/**
 * Unwinds the execution of one guest instruction after an interrupt has been delivered.
 *
 * <p>Whoever throws it has already updated the guest state as the interrupt requires
 * (SRR0/SRR1 or their critical and machine-check twins, ESR, DEAR, MAS registers, MSR and the
 * new {@link Cpu#pc}). Engines catch it around their dispatch loop and simply continue at
 * {@code cpu.pc}. It is a preallocated singleton without a stack trace, so raising a guest
 * exception costs no allocation.
 */
public final class GuestTrap extends RuntimeException {
    public static final GuestTrap INSTANCE = new GuestTrap();

    private GuestTrap() {
        super("guest interrupt", null, false, false);
    }
}
