package dev.partita.devices;

import dev.partita.memory.MmioDevice;
import dev.partita.time.TimerEvent;
import dev.partita.time.VirtualClock;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 16550A UART with byte registers at offsets 0..7 (register shift 0), as QEMU's serial device
 * behaves: RBR/THR/DLL, IER/DLM, IIR/FCR, LCR, MCR, LSR, MSR, SCR; the divisor latch (LCR[DLAB]);
 * 16-byte receive and transmit FIFOs (FCR enable, resets, receive trigger level); the interrupt
 * priorities of IIR (line status, character timeout, received data, THR empty, modem status) on a
 * level-sensitive {@link IrqLine}; loopback (MCR[LOOP]).
 *
 * <p>Transmission is immediate: a byte written to THR reaches the byte sink before the write
 * returns, and LSR[THRE] and LSR[TEMT] are set again at once, so polling and interrupt-driven
 * drivers both work. The receive character timeout is timed on the {@link VirtualClock} at four
 * character times of the programmed line settings (QEMU's rule).
 *
 * <p>Host input: {@link #receive} may be called from any thread. The bytes wait in a queue, then
 * {@code wake} is run (on the caller's thread) to ask the machine loop for attention; the machine
 * loop calls {@link #service} on the CPU thread, which moves queued bytes into the receiver as
 * long as it has room (16 bytes with the FIFO enabled, one without). Guest register accesses also
 * move input in, so no byte is ever dropped because the receiver was full.
 *
 * <p>Wiring on ppce500 (done by the machine): {@code new Ns16550("uart0", clock, mpic.input(42),
 * consoleSink, () -> { inputPending = true; cpu.requestExit(); }, Ns16550.PPCE500_BAUD_BASE)},
 * mapped with {@code bus.addDevice("uart0", CCSR_BASE + 0x4500, 0x100, uart)}; call
 * {@link #service} from the machine loop between slices and {@link #reset} on machine reset.
 * Both UARTs of ppce500 share MPIC source 42: give them two inputs of one {@link IrqCombiner}.
 */
public final class Ns16550 implements MmioDevice {
    /** The baud base QEMU's ppce500 gives its UARTs (serial_mm_init(..., 399193, ...)). */
    public static final int PPCE500_BAUD_BASE = 399193;

    static final int RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4,
            LSR = 5, MSR = 6, SCR = 7;

    static final int LCR_DLAB = 0x80;
    static final int IER_RDI = 0x01, IER_THRI = 0x02, IER_RLSI = 0x04, IER_MSI = 0x08;
    static final int IIR_NO_INT = 0x01, IIR_ID = 0x06, IIR_MSI = 0x00, IIR_THRI = 0x02, IIR_RDI = 0x04,
            IIR_RLSI = 0x06, IIR_CTI = 0x0C, IIR_FIFO = 0xC0;
    static final int MCR_LOOP = 0x10, MCR_OUT2 = 0x08;
    static final int LSR_DR = 0x01, LSR_OE = 0x02, LSR_BI = 0x10, LSR_THRE = 0x20, LSR_TEMT = 0x40,
            LSR_INT_ANY = 0x1E;
    static final int MSR_CTS = 0x10, MSR_DSR = 0x20, MSR_DCD = 0x80, MSR_ANY_DELTA = 0x0F;
    static final int FCR_FE = 0x01, FCR_RFR = 0x02, FCR_XFR = 0x04;
    static final int FIFO_SIZE = 16;

    private static final Logger LOG = LoggerFactory.getLogger(Ns16550.class);

    private final VirtualClock clock;
    private final IrqLine irq;
    private final IntConsumer output;
    private final Runnable wake;
    private final int baudBase;
    private final RegisterMap regs;
    private final TimerEvent charTimeout;
    private final HostInput input = new HostInput();

    private int rbr, ier, iir, lcr, mcr, lsr, msr, scr, fcr, divider;
    private final ByteFifo rxFifo = new ByteFifo(FIFO_SIZE);
    private final ByteFifo txFifo = new ByteFifo(FIFO_SIZE);
    private int rxTriggerLevel = 1;
    private boolean thrInterruptPending;
    private boolean timeoutPending;
    private long charTimeNs;
    private boolean irqLevel;

    /**
     * @param name     device name for logs
     * @param clock    the machine's clock (receive character timeout)
     * @param irq      the interrupt output (level: high while IIR reports an interrupt)
     * @param output   called with each transmitted byte (0..255), on the CPU thread
     * @param wake     run after host input was queued, on the thread that called {@link #receive}
     * @param baudBase the UART input clock divided by 16 ({@link #PPCE500_BAUD_BASE} on ppce500)
     */
    public Ns16550(String name, VirtualClock clock, IrqLine irq, IntConsumer output, Runnable wake, int baudBase) {
        this.clock = clock;
        this.irq = irq;
        this.output = output;
        this.wake = wake;
        this.baudBase = baudBase;
        this.charTimeout = new TimerEvent(name + ".timeout", this::charTimeoutExpired);
        this.regs = new RegisterMap(name, 0);
        regs.define(0, 1, "RBR/THR/DLL", 0).onRead(this::readRbr).readSideEffects().onWrite(this::writeThr);
        regs.define(1, 1, "IER/DLM", 0).onRead(this::readIer).onWrite(this::writeIer);
        regs.define(2, 1, "IIR/FCR", 0).onRead(this::readIir).readSideEffects().onWrite(this::writeFcr);
        regs.define(3, 1, "LCR", 0).onRead(() -> lcr).onWrite(this::writeLcr);
        regs.define(4, 1, "MCR", 0).onRead(() -> mcr).onWrite(v -> mcr = v & 0x1F);
        regs.define(5, 1, "LSR", 0).onRead(this::readLsr).readSideEffects().onWrite(v -> {});
        regs.define(6, 1, "MSR", 0).onRead(this::readMsr).readSideEffects().onWrite(v -> {});
        regs.define(7, 1, "SCR", 0).onRead(() -> scr).onWrite(v -> scr = v);
        reset();
    }

    /** Back to the power-on state (9600 baud 8N1 divisor, FIFOs off, no interrupts); queued host input is kept. */
    public void reset() {
        regs.reset();
        rbr = 0;
        ier = 0;
        iir = IIR_NO_INT;
        lcr = 0;
        lsr = LSR_TEMT | LSR_THRE;
        msr = MSR_DCD | MSR_DSR | MSR_CTS;
        divider = 0x0C;
        mcr = MCR_OUT2;
        scr = 0;
        fcr = 0;
        rxTriggerLevel = 1;
        charTimeNs = 1_000_000_000L / 9600 * 10;
        timeoutPending = false;
        thrInterruptPending = false;
        clock.cancel(charTimeout);
        rxFifo.clear();
        txFifo.clear();
        irqLevel = false;
        irq.set(false);
        pullInput();
    }

    // ---- host side ----

    /** Queues bytes typed on the host; thread-safe, never blocks, never drops. */
    public void receive(byte[] data) {
        if (data.length == 0) {
            return;
        }
        input.add(data);
        wake.run();
    }

    /** True while host input waits in the queue (the receiver was full or {@link #service} has not run yet). */
    public boolean hasQueuedInput() {
        return input.available();
    }

    /** On the CPU thread, between instructions: moves queued host input into the receiver while it has room. */
    public void service() {
        if (input.available()) {
            pullInput();
        }
    }

    private void pullInput() {
        if ((mcr & MCR_LOOP) != 0) {
            return; // the receiver listens to the transmitter in loopback
        }
        boolean any = false;
        while (canReceive()) {
            int b = input.poll();
            if (b < 0) {
                break;
            }
            receiveByte(b);
            any = true;
        }
        if (any) {
            updateIrq();
        }
    }

    private boolean canReceive() {
        return (fcr & FCR_FE) != 0 ? !rxFifo.isFull() : (lsr & LSR_DR) == 0;
    }

    /** One byte arrives at the receiver (host input or loopback); the caller updates the interrupt. */
    private void receiveByte(int b) {
        if ((fcr & FCR_FE) != 0) {
            if (rxFifo.isFull()) {
                lsr |= LSR_OE;
            } else {
                rxFifo.push(b);
            }
            lsr |= LSR_DR;
            clock.schedule(charTimeout, clock.nowNs() + 4 * charTimeNs);
        } else {
            if ((lsr & LSR_DR) != 0) {
                lsr |= LSR_OE;
            }
            rbr = b;
            lsr |= LSR_DR;
        }
    }

    private void charTimeoutExpired() {
        if (!rxFifo.isEmpty()) {
            timeoutPending = true;
            updateIrq();
        }
    }

    // ---- guest side ----

    @Override
    public long read(long offset, int size) {
        return regs.read(offset, size);
    }

    @Override
    public void write(long offset, int size, long value) {
        regs.write(offset, size, value);
    }

    private int readRbr() {
        if ((lcr & LCR_DLAB) != 0) {
            return divider & 0xFF;
        }
        int ret;
        if ((fcr & FCR_FE) != 0) {
            ret = rxFifo.isEmpty() ? 0 : rxFifo.pop();
            if (rxFifo.isEmpty()) {
                lsr &= ~(LSR_DR | LSR_BI);
            } else {
                clock.schedule(charTimeout, clock.nowNs() + 4 * charTimeNs);
            }
            timeoutPending = false;
        } else {
            ret = rbr;
            lsr &= ~(LSR_DR | LSR_BI);
        }
        pullInput();
        updateIrq();
        return ret;
    }

    private void writeThr(int v) {
        if ((lcr & LCR_DLAB) != 0) {
            divider = (divider & 0xFF00) | v;
            updateParameters();
            return;
        }
        if ((fcr & FCR_FE) != 0) {
            if (txFifo.isFull()) {
                txFifo.pop(); // transmit overrun overwrites the oldest byte
            }
            txFifo.push(v);
        }
        thrInterruptPending = false;
        lsr &= ~(LSR_THRE | LSR_TEMT);
        updateIrq();
        transmit(v);
    }

    /** Sends everything in the transmitter at once, then reports the transmitter empty. */
    private void transmit(int thr) {
        while ((lsr & LSR_THRE) == 0) {
            int tsr;
            if ((fcr & FCR_FE) != 0) {
                tsr = txFifo.pop();
                if (txFifo.isEmpty()) {
                    lsr |= LSR_THRE;
                }
            } else {
                tsr = thr;
                lsr |= LSR_THRE;
            }
            if ((lsr & LSR_THRE) != 0 && !thrInterruptPending) {
                thrInterruptPending = true;
                updateIrq();
            }
            if ((mcr & MCR_LOOP) != 0) {
                receiveByte(tsr);
                updateIrq();
            } else {
                try {
                    output.accept(tsr & 0xFF);
                } catch (RuntimeException e) {
                    LOG.warn("serial output sink failed", e);
                }
            }
        }
        lsr |= LSR_TEMT;
    }

    private int readIer() {
        return (lcr & LCR_DLAB) != 0 ? (divider >>> 8) & 0xFF : ier;
    }

    private void writeIer(int v) {
        if ((lcr & LCR_DLAB) != 0) {
            divider = (divider & 0x00FF) | (v << 8);
            updateParameters();
            return;
        }
        int changed = (ier ^ v) & 0x0F;
        ier = v & 0x0F;
        if ((changed & IER_THRI) != 0) {
            // enabling the THR interrupt while THR is empty raises it, even if IIR read had cleared it
            thrInterruptPending = (ier & IER_THRI) != 0 && (lsr & LSR_THRE) != 0;
        }
        if (changed != 0) {
            updateIrq();
        }
    }

    private int readIir() {
        pullInput();
        int ret = iir;
        if ((ret & IIR_ID) == IIR_THRI) {
            thrInterruptPending = false;
            updateIrq();
        }
        return ret;
    }

    private void writeFcr(int v) {
        if (((v ^ fcr) & FCR_FE) != 0) {
            v |= FCR_XFR | FCR_RFR; // enabling or disabling the FIFOs flushes them
        }
        if ((v & FCR_RFR) != 0) {
            lsr &= ~(LSR_DR | LSR_BI);
            clock.cancel(charTimeout);
            timeoutPending = false;
            rxFifo.clear();
        }
        if ((v & FCR_XFR) != 0) {
            lsr |= LSR_THRE;
            thrInterruptPending = true;
            txFifo.clear();
        }
        fcr = v & 0xC9;
        if ((fcr & FCR_FE) != 0) {
            iir |= IIR_FIFO;
            rxTriggerLevel = switch (fcr & 0xC0) {
                case 0x00 -> 1;
                case 0x40 -> 4;
                case 0x80 -> 8;
                default -> 14;
            };
        } else {
            iir &= ~IIR_FIFO;
        }
        pullInput();
        updateIrq();
    }

    private void writeLcr(int v) {
        lcr = v;
        updateParameters();
    }

    private int readLsr() {
        pullInput();
        int ret = lsr;
        if ((lsr & (LSR_BI | LSR_OE)) != 0) {
            lsr &= ~(LSR_BI | LSR_OE);
            updateIrq();
        }
        return ret;
    }

    private int readMsr() {
        if ((mcr & MCR_LOOP) != 0) {
            // in loopback the modem control outputs drive the status inputs
            return ((mcr & 0x0C) << 4) | ((mcr & 0x02) << 3) | ((mcr & 0x01) << 5);
        }
        int ret = msr;
        if ((msr & MSR_ANY_DELTA) != 0) {
            msr &= 0xF0;
            updateIrq();
        }
        return ret;
    }

    /** Character time from LCR and the divisor, as QEMU computes it (start, data, parity, stop bits). */
    private void updateParameters() {
        int frame = 1 + (lcr & 0x03) + 5 + ((lcr & 0x04) != 0 ? 2 : 1) + ((lcr & 0x08) != 0 ? 1 : 0);
        double speed = divider == 0 ? 3500 : (double) baudBase / divider;
        charTimeNs = Math.max(1, (long) (1e9 / speed * frame));
    }

    private void updateIrq() {
        int id = IIR_NO_INT;
        if ((ier & IER_RLSI) != 0 && (lsr & LSR_INT_ANY) != 0) {
            id = IIR_RLSI;
        } else if ((ier & IER_RDI) != 0 && timeoutPending) {
            id = IIR_CTI;
        } else if ((ier & IER_RDI) != 0 && (lsr & LSR_DR) != 0
                && ((fcr & FCR_FE) == 0 || rxFifo.size() >= rxTriggerLevel)) {
            id = IIR_RDI;
        } else if ((ier & IER_THRI) != 0 && thrInterruptPending) {
            id = IIR_THRI;
        } else if ((ier & IER_MSI) != 0 && (msr & MSR_ANY_DELTA) != 0) {
            id = IIR_MSI;
        }
        iir = id | (iir & 0xF0);
        boolean level = id != IIR_NO_INT;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }

    /** A small ring of bytes (the 16-byte FIFOs). */
    private static final class ByteFifo {
        private final byte[] data;
        private int head, count;

        ByteFifo(int capacity) {
            data = new byte[capacity];
        }

        boolean isEmpty() {
            return count == 0;
        }

        boolean isFull() {
            return count == data.length;
        }

        int size() {
            return count;
        }

        void push(int b) {
            data[(head + count) % data.length] = (byte) b;
            count++;
        }

        int pop() {
            int b = data[head] & 0xFF;
            head = (head + 1) % data.length;
            count--;
            return b;
        }

        void clear() {
            head = 0;
            count = 0;
        }
    }

    /** Host bytes waiting for the receiver; filled from any thread, drained on the CPU thread. */
    private static final class HostInput {
        private byte[] data = new byte[256];
        private int head, count;
        private volatile boolean available;

        synchronized void add(byte[] bytes) {
            if (count + bytes.length > data.length) {
                byte[] n = new byte[Math.max(data.length * 2, count + bytes.length)];
                for (int i = 0; i < count; i++) {
                    n[i] = data[(head + i) % data.length];
                }
                data = n;
                head = 0;
            }
            for (byte b : bytes) {
                data[(head + count) % data.length] = b;
                count++;
            }
            available = true;
        }

        boolean available() {
            return available;
        }

        synchronized int poll() {
            if (count == 0) {
                return -1;
            }
            int b = data[head] & 0xFF;
            head = (head + 1) % data.length;
            count--;
            available = count > 0;
            return b;
        }
    }
}
