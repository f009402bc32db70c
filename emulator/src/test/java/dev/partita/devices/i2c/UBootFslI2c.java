package dev.partita.devices.i2c;

import dev.partita.memory.MmioDevice;
import java.util.ArrayList;
import java.util.List;

/**
 * The register sequences of U-Boot 2023.01's {@code drivers/i2c/fsl_i2c.c} (__i2c_init, fsl_i2c_fixup,
 * __i2c_read, __i2c_write, __i2c_probe_chip), replayed against a controller with byte accesses. The
 * tick-based timeouts become bounded poll counts. Every access is logged as "r OFF=VAL" / "w OFF=VAL".
 */
final class UBootFslI2c {
    static final int ADR = 0x00, FDR = 0x04, CR = 0x08, SR = 0x0C, DR = 0x10, DFSRR = 0x14;
    static final int MEN = 0x80, MSTA = 0x20, MTX = 0x10, TXAK = 0x08, RSTA = 0x04;
    static final int MCF = 0x80, MBB = 0x20, MAL = 0x10, MIF = 0x02, RXAK = 0x01;
    static final int POLLS = 1000;

    private final MmioDevice dev;
    final List<String> log = new ArrayList<>();
    int polls;

    UBootFslI2c(MmioDevice dev) {
        this.dev = dev;
    }

    int readb(int off) {
        int v = (int) dev.read(off, 1);
        log.add(String.format("r %02x=%02x", off, v));
        return v;
    }

    void writeb(int v, int off) {
        log.add(String.format("w %02x=%02x", off, v));
        dev.write(off, 1, v);
    }

    /** __i2c_init with the speed registers U-Boot computes for some clock (values irrelevant here). */
    void init(int slaveadd, int fdr, int dfsr) {
        writeb(0, CR);
        writeb(dfsr, DFSRR);
        writeb(fdr, FDR);
        writeb(slaveadd << 1, ADR);
        writeb(0, SR);
        writeb(MEN, CR);
        for (int i = 0; (readb(SR) & MBB) != 0; i++) {
            if (i == POLLS) {
                fixup();
                break;
            }
        }
    }

    /** fsl_i2c_fixup (bus deblock); returns 0 or -1. */
    int fixup() {
        int ret = -1;
        writeb(MEN | MSTA, CR);
        if (!pollSet(MBB)) {
            return fixupEnd(ret);
        }
        if ((readb(SR) & MAL) != 0) {
            writeb(0, CR);
            writeb(MSTA, CR);
            writeb(MEN | MSTA, CR);
        }
        readb(DR);
        if (pollSet(MIF)) {
            ret = 0;
        }
        return fixupEnd(ret);
    }

    private int fixupEnd(int ret) {
        writeb(MEN, CR);
        writeb(0, SR);
        return ret;
    }

    private boolean pollSet(int bit) {
        for (int i = 0; i < POLLS; i++) {
            polls++;
            if ((readb(SR) & bit) != 0) {
                return true;
            }
        }
        return false;
    }

    int wait4bus() {
        for (int i = 0; i < POLLS; i++) {
            polls++;
            if ((readb(SR) & MBB) == 0) {
                return 0;
            }
        }
        return -1;
    }

    /** i2c_wait: 0 on success, -1 on MAL, unfinished, missing ACK (write) or timeout. */
    int i2cWait(boolean write) {
        for (int i = 0; i < POLLS; i++) {
            polls++;
            int csr = readb(SR);
            if ((csr & MIF) == 0) {
                continue;
            }
            csr = readb(SR);
            writeb(0, SR);
            if ((csr & MAL) != 0 || (csr & MCF) == 0) {
                return -1;
            }
            if (write && (csr & RXAK) != 0) {
                return -1;
            }
            return 0;
        }
        return -2; // timed out
    }

    int writeAddr(int chip, int dir, boolean rsta) {
        writeb(MEN | MSTA | MTX | (rsta ? RSTA : 0), CR);
        writeb((chip << 1) | dir, DR);
        return i2cWait(true) < 0 ? 0 : 1;
    }

    int writeData(byte[] data, int len) {
        int i;
        for (i = 0; i < len; i++) {
            writeb(data[i] & 0xFF, DR);
            if (i2cWait(true) < 0) {
                break;
            }
        }
        return i;
    }

    int readData(byte[] data, int len) {
        writeb(MEN | MSTA | (len == 1 ? TXAK : 0), CR);
        readb(DR); // dummy read
        int i;
        for (i = 0; i < len; i++) {
            if (i2cWait(false) < 0) {
                break;
            }
            if (i == len - 2) {
                writeb(MEN | MSTA | TXAK, CR);
            }
            if (i == len - 1) {
                writeb(MEN | MSTA | MTX, CR);
            }
            data[i] = (byte) readb(DR);
        }
        return i;
    }

    /** __i2c_read: olen offset bytes, then dlen data bytes; 0 or -1. */
    int read(int chip, byte[] offset, int olen, byte[] data, int dlen) {
        int ret = -1;
        if (wait4bus() < 0) {
            return -1;
        }
        if ((dlen == 0 || olen > 0) && writeAddr(chip, 0, false) != 0 && writeData(offset, olen) == olen) {
            ret = 0;
        }
        if (dlen != 0 && writeAddr(chip, 1, olen != 0) != 0) {
            ret = readData(data, dlen);
        }
        writeb(MEN, CR);
        wait4bus();
        return ret == dlen ? 0 : -1;
    }

    /** __i2c_write; 0 or -1. */
    int write(int chip, byte[] offset, int olen, byte[] data, int dlen) {
        int ret = -1;
        if (wait4bus() < 0) {
            return -1;
        }
        if (writeAddr(chip, 0, false) != 0 && writeData(offset, olen) == olen) {
            ret = writeData(data, dlen);
        }
        writeb(MEN, CR);
        wait4bus();
        return ret == dlen ? 0 : -1;
    }

    /** __i2c_probe_chip; 0 when the chip answers. */
    int probe(int chip) {
        if (chip == (readb(ADR) >> 1)) {
            return -1;
        }
        return read(chip, new byte[0], 0, null, 0);
    }
}
