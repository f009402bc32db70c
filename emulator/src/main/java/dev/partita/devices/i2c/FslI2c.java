package dev.partita.devices.i2c;

import dev.partita.devices.IrqLine;
import dev.partita.memory.MmioDevice;

/**
 * The Freescale I2C controller ("fsl-i2c", MPC8544E RM chapter "I2C Interfaces"; QEMU
 * {@code hw/i2c/mpc_i2c.c}), as bus master of an {@link I2cBus}.
 *
 * <p>Registers are one byte wide, four bytes apart; an access of 2, 4 or 8 bytes is split into byte
 * lanes, most significant byte at the lowest offset (offsets without a register read 0 and ignore
 * writes). Byte transfers complete the moment they start: I2CSR[MCF] always reads 1, and I2CSR[MIF]
 * is set at once after an address byte, a data byte written in transmit mode, or a byte received.
 *
 * <p>Master sequence (what U-Boot's {@code drivers/i2c/fsl_i2c.c} and Linux's {@code i2c-mpc.c} do):
 * setting I2CCR[MSTA] (with MEN) generates a START and sets I2CSR[MBB]; the next write to I2CDR is the
 * address byte; later writes in transmit mode (MTX=1) are data bytes; I2CSR[RXAK] tells whether the
 * last byte was acknowledged. A NACKed address or byte still completes (MCF, MIF) with RXAK=1, as on
 * the hardware (QEMU 7.2 raises no MIF then, so its drivers wait for a timeout). In receive mode
 * (MTX=0) reading I2CDR returns the byte already received and starts receiving the next one, which is
 * acknowledged unless I2CCR[TXAK] is set; the first read after switching to receive mode is therefore
 * a dummy read. Drivers set MTX before reading the last byte so that no further byte is fetched.
 * Setting I2CCR[RSTA] while master makes the next I2CDR write a new address byte (repeated START);
 * clearing MSTA generates a STOP and clears MBB. Clearing I2CCR[MEN] holds the module in reset:
 * any transfer is stopped and I2CSR returns to its reset value; the other registers keep their values.
 *
 * <p>The interrupt output is high while I2CCR[MEN], I2CCR[MIEN] and I2CSR[MIF] are all set.
 *
 * <p>Wiring on ppce500 (done by the machine): map at CCSR + 0x3000 with at least {@link #WINDOW_SIZE}
 * bytes (the device tree's {@code reg = <0x3000 0x14>} leaves out I2CDFSRR at +0x14, which U-Boot and
 * Linux write); connect the {@link IrqLine} to MPIC input 43; attach devices to the {@link I2cBus}
 * given here, e.g. {@code bus.attach(Ds1338Rtc.ADDRESS, new Ds1338Rtc(epochMillis))}.
 */
public final class FslI2c implements MmioDevice {
    // Register map: offset, name, reset value, bits software can write.
    static final int I2CADR = 0x00;   // reset 0x00, mask 0xFE: slave address (bits 7..1)
    static final int I2CFDR = 0x04;   // reset 0x00, mask 0x3F: frequency divider
    static final int I2CCR = 0x08;    // reset 0x00, MEN MIEN MSTA MTX TXAK RSTA(write-only) BCST
    static final int I2CSR = 0x0C;    // reset 0x81 (MCF, RXAK); only MAL and MIF are writable
    static final int I2CDR = 0x10;    // reset 0x00: data
    static final int I2CDFSRR = 0x14; // reset 0x10, mask 0x3F: digital filter sampling rate

    static final int RESET_ADR = 0x00, RESET_FDR = 0x00, RESET_CR = 0x00, RESET_SR = 0x81, RESET_DR = 0x00,
            RESET_DFSRR = 0x10;
    static final int ADR_MASK = 0xFE, FDR_MASK = 0x3F, DFSRR_MASK = 0x3F;

    /** Bytes the machine should map: the 256-byte I2C block of the CCSR map (I2C2 starts at +0x100). */
    public static final int WINDOW_SIZE = 0x100;

    // I2CCR bits
    static final int CR_MEN = 0x80, CR_MIEN = 0x40, CR_MSTA = 0x20, CR_MTX = 0x10, CR_TXAK = 0x08,
            CR_RSTA = 0x04, CR_BCST = 0x01;
    /** CR bits that read back (RSTA reads 0). */
    static final int CR_STORED = CR_MEN | CR_MIEN | CR_MSTA | CR_MTX | CR_TXAK | CR_BCST;

    // I2CSR bits
    static final int SR_MCF = 0x80, SR_MAAS = 0x40, SR_MBB = 0x20, SR_MAL = 0x10, SR_BCSTM = 0x08,
            SR_SRW = 0x04, SR_MIF = 0x02, SR_RXAK = 0x01;
    static final int SR_WRITABLE = SR_MAL | SR_MIF;

    private final I2cBus bus;
    private final IrqLine irq;

    private int adr, fdr, cr, sr, dr, dfsrr;
    /** The next I2CDR write in master mode is an address byte (after START or repeated START). */
    private boolean addressPhase;
    private boolean irqLevel;

    public FslI2c(I2cBus bus, IrqLine irq) {
        this.bus = java.util.Objects.requireNonNull(bus);
        this.irq = irq == null ? IrqLine.NONE : irq;
        reset();
    }

    /** The bus this controller masters. */
    public I2cBus bus() {
        return bus;
    }

    /** Hardware reset: registers to their reset values, any transfer stopped, interrupt low. */
    public void reset() {
        if (master()) {
            bus.stop();
        }
        adr = RESET_ADR;
        fdr = RESET_FDR;
        cr = RESET_CR;
        sr = RESET_SR;
        dr = RESET_DR;
        dfsrr = RESET_DFSRR;
        addressPhase = true;
        updateIrq();
    }

    @Override
    public long read(long offset, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            v = (v << 8) | readByte(offset + i);
        }
        return v;
    }

    @Override
    public void write(long offset, int size, long value) {
        for (int i = 0; i < size; i++) {
            writeByte(offset + i, (int) (value >>> (8 * (size - 1 - i))) & 0xFF);
        }
    }

    private int readByte(long offset) {
        if (offset == I2CADR) {
            return adr;
        } else if (offset == I2CFDR) {
            return fdr;
        } else if (offset == I2CCR) {
            return cr;
        } else if (offset == I2CSR) {
            return sr;
        } else if (offset == I2CDR) {
            return readDr();
        } else if (offset == I2CDFSRR) {
            return dfsrr;
        }
        return 0;
    }

    private void writeByte(long offset, int v) {
        if (offset == I2CADR) {
            adr = v & ADR_MASK;
        } else if (offset == I2CFDR) {
            fdr = v & FDR_MASK;
        } else if (offset == I2CCR) {
            writeCr(v);
        } else if (offset == I2CSR) {
            sr = (sr & ~SR_WRITABLE) | (v & SR_WRITABLE);
            updateIrq();
        } else if (offset == I2CDR) {
            writeDr(v);
        } else if (offset == I2CDFSRR) {
            dfsrr = v & DFSRR_MASK;
        }
    }

    /** MEN and MSTA: this controller owns the bus. */
    private boolean master() {
        return (cr & (CR_MEN | CR_MSTA)) == (CR_MEN | CR_MSTA);
    }

    private void writeCr(int v) {
        boolean wasMaster = master();
        cr = v & CR_STORED;
        if ((cr & CR_MEN) == 0) {
            if (wasMaster) {
                bus.stop();
            }
            sr = RESET_SR;
            addressPhase = true;
        } else if (!wasMaster && master()) {
            sr |= SR_MBB;           // START
            addressPhase = true;
        } else if (wasMaster && !master()) {
            bus.stop();             // STOP
            sr &= ~SR_MBB;
            addressPhase = true;
        } else if (master() && (v & CR_RSTA) != 0) {
            addressPhase = true;    // repeated START: the bus sees it with the next address byte
        }
        updateIrq();
    }

    private void writeDr(int v) {
        if ((cr & CR_MEN) == 0) {
            return;
        }
        dr = v;
        if (!master()) {
            return;
        }
        boolean ack;
        if (addressPhase) {
            addressPhase = false;
            ack = bus.start(v >>> 1, (v & 1) != 0);
        } else if ((cr & CR_MTX) != 0) {
            ack = bus.write(v);
        } else {
            return;                 // receive mode: writing I2CDR starts no transfer
        }
        sr = ack ? sr & ~SR_RXAK : sr | SR_RXAK;
        byteDone();
    }

    private int readDr() {
        int v = dr;
        if (master() && (cr & CR_MTX) == 0) {
            dr = addressPhase ? 0xFF : bus.read((cr & CR_TXAK) == 0);
            byteDone();
        }
        return v;
    }

    private void byteDone() {
        sr |= SR_MCF | SR_MIF;
        updateIrq();
    }

    private void updateIrq() {
        boolean level = (cr & (CR_MEN | CR_MIEN)) == (CR_MEN | CR_MIEN) && (sr & SR_MIF) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }
}
