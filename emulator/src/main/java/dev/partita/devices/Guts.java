package dev.partita.devices;

import dev.partita.memory.MmioDevice;

/**
 * The global utilities block of the MPC8544 ("fsl,mpc8544-guts") as QEMU's ppce500 models it:
 * the power-on reset status registers (PORPLLSR, PORBMSR, PORIMPSCR, PORDEVSR, PORDBGMSR,
 * PORDEVSR2) and the other documented registers read as 0 and ignore writes (QEMU 7.2 does the
 * same); PVR and SVR report the core's values; writing RSTCR (0xB0) with HRESET_REQ (0x2) requests
 * a machine reset. Anything else is logged as unimplemented and reads 0.
 *
 * <p>Wiring on ppce500 (done by the machine): {@code new Guts(Ppce500.PVR_E500V2, 0, () ->
 * machine.requestReset())}, mapped with {@code bus.addDevice("guts", CCSR_BASE + 0xE0000, 0x1000, guts)}.
 * The SVR is 0 because QEMU's e500v2_v30 core reports 0 (U-Boot prints "CPU: Unknown, Version:
 * 0.0, (0x00000000)").
 */
public final class Guts implements MmioDevice {
    public static final int PORPLLSR = 0x00, PORBMSR = 0x04, PORIMPSCR = 0x08, PORDEVSR = 0x0C,
            PORDBGMSR = 0x10, PORDEVSR2 = 0x14, GPPORCR = 0x20, GPIOCR = 0x30, GPOUTDR = 0x40,
            GPINDR = 0x50, PMUXCR = 0x60, DEVDISR = 0x70, POWMGTCSR = 0x80, MCPSUMR = 0x90,
            RSTRSCR = 0x94, PVR = 0xA0, SVR = 0xA4, RSTCR = 0xB0, IOVSELSR = 0xC0;
    /** RSTCR[HRESET_REQ]: assert HRESET, i.e. reset the machine. */
    public static final int RSTCR_HRESET_REQ = 0x2;

    private final RegisterMap regs = new RegisterMap("guts", 0);

    /**
     * @param pvr          the value of the PVR register (the core's PVR)
     * @param svr          the value of the SVR register (the system version; 0 on QEMU's ppce500)
     * @param resetRequest run (on the CPU thread, during the store) when the guest requests a reset
     */
    public Guts(int pvr, int svr, Runnable resetRequest) {
        String[] names = {"PORPLLSR", "PORBMSR", "PORIMPSCR", "PORDEVSR", "PORDBGMSR", "PORDEVSR2"};
        for (int i = 0; i < names.length; i++) {
            regs.define(4 * i, 4, names[i], 0).onWrite(v -> {});
        }
        int[] offsets = {GPPORCR, GPIOCR, GPOUTDR, GPINDR, PMUXCR, DEVDISR, POWMGTCSR, MCPSUMR, RSTRSCR, IOVSELSR};
        String[] more = {"GPPORCR", "GPIOCR", "GPOUTDR", "GPINDR", "PMUXCR", "DEVDISR", "POWMGTCSR", "MCPSUMR",
                "RSTRSCR", "IOVSELSR"};
        for (int i = 0; i < offsets.length; i++) {
            regs.define(offsets[i], 4, more[i], 0).onWrite(v -> {});
        }
        regs.define(PVR, 4, "PVR", pvr).readOnly();
        regs.define(SVR, 4, "SVR", svr).readOnly();
        regs.define(RSTCR, 4, "RSTCR", 0).onRead(() -> 0).onWrite(v -> {
            if ((v & RSTCR_HRESET_REQ) != 0) {
                resetRequest.run();
            }
        });
    }

    @Override
    public long read(long offset, int size) {
        return regs.read(offset, size);
    }

    @Override
    public void write(long offset, int size, long value) {
        regs.write(offset, size, value);
    }
}
