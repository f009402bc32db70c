package dev.partita.devices;

import static org.junit.jupiter.api.Assertions.*;

import dev.partita.time.VirtualClock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 16550A behaviour as QEMU's hw/char/serial.c and the 16550 data sheet define it. */
class Ns16550Test {
    static final int RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4, LSR = 5,
            MSR = 6, SCR = 7;

    long[] ns = {0};
    VirtualClock clock = VirtualClock.deterministic(() -> ns[0], 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean irq;
    int irqChanges;
    AtomicInteger wakes = new AtomicInteger();
    Ns16550 uart;

    @BeforeEach
    void setUp() {
        uart = new Ns16550("uart0", clock, level -> {
            irq = level;
            irqChanges++;
        }, out::write, wakes::incrementAndGet, Ns16550.PPCE500_BAUD_BASE);
    }

    int rd(int reg) {
        return (int) uart.read(reg, 1);
    }

    void wr(int reg, int v) {
        uart.write(reg, 1, v);
    }

    @Test
    void resetValues() {
        assertEquals(0x60, rd(LSR), "THRE and TEMT");
        assertEquals(0x01, rd(IIR), "no interrupt");
        assertEquals(0xB0, rd(MSR), "DCD, DSR, CTS");
        assertEquals(0x08, rd(MCR), "OUT2");
        assertEquals(0, rd(LCR));
        assertEquals(0, rd(IER));
        assertFalse(irq);
    }

    @Test
    void polledTransmit() {
        for (byte b : "Hello\n".getBytes(StandardCharsets.ISO_8859_1)) {
            assertEquals(0x20, rd(LSR) & 0x20, "THRE before each byte");
            wr(THR, b);
        }
        assertEquals("Hello\n", out.toString(StandardCharsets.ISO_8859_1));
        assertEquals(0x60, rd(LSR) & 0x60, "transmitter empty again");
    }

    @Test
    void fifoTransmitAlsoImmediate() {
        wr(FCR, 0x07);
        for (int i = 0; i < 40; i++) {
            wr(THR, 'a' + (i % 26));
        }
        assertEquals(40, out.size(), "nothing is lost, the FIFO drains at once");
        assertEquals(0x60, rd(LSR) & 0x60);
    }

    @Test
    void divisorLatch() {
        wr(LCR, 0x83);
        wr(DLL, 0x12);
        wr(DLM, 0x34);
        assertEquals(0x12, rd(DLL));
        assertEquals(0x34, rd(DLM));
        assertEquals(0, out.size(), "THR writes with DLAB set go to the divisor");
        wr(LCR, 0x03);
        assertEquals(0, rd(IER), "with DLAB clear offset 1 is IER again");
        wr(IER, 0x05);
        assertEquals(0x05, rd(IER));
        wr(LCR, 0x83);
        assertEquals(0x34, rd(DLM), "divisor kept");
        assertEquals(0x83, rd(LCR));
    }

    @Test
    void scratchAndIerMask() {
        wr(SCR, 0xA5);
        assertEquals(0xA5, rd(SCR));
        wr(IER, 0xFF);
        assertEquals(0x0F, rd(IER), "only the four enable bits exist");
    }

    @Test
    void polledReceiveWithoutFifoLosesNothing() {
        uart.receive("hi!".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(1, wakes.get(), "host input asks the machine loop for attention");
        uart.service();
        StringBuilder got = new StringBuilder();
        while ((rd(LSR) & 0x01) != 0) {
            got.append((char) rd(RBR));
        }
        assertEquals("hi!", got.toString());
        assertEquals(0, rd(LSR) & 0x02, "no overrun: input waits until RBR is read");
        assertFalse(uart.hasQueuedInput());
    }

    @Test
    void receiveFifoHoldsSixteenAndTheRestWaits() {
        wr(FCR, 0x07);
        assertEquals(0xC1, rd(IIR), "FIFO enabled bits in IIR");
        byte[] data = new byte[20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('A' + i);
        }
        uart.receive(data);
        uart.service();
        assertTrue(uart.hasQueuedInput(), "four bytes wait for room in the FIFO");
        StringBuilder got = new StringBuilder();
        while ((rd(LSR) & 0x01) != 0) {
            got.append((char) rd(RBR));
        }
        assertEquals("ABCDEFGHIJKLMNOPQRST", got.toString());
        assertEquals(0, rd(LSR) & 0x02, "no overrun");
    }

    @Test
    void fifoResetDiscardsReceivedData() {
        wr(FCR, 0x01);
        uart.receive(new byte[] {1, 2, 3});
        uart.service();
        assertEquals(0x01, rd(LSR) & 0x01);
        wr(FCR, 0x03);
        assertEquals(0, rd(LSR) & 0x01, "RFR empties the receive FIFO");
    }

    @Test
    void receivedDataInterruptAtTriggerLevelAndCharacterTimeout() {
        wr(FCR, 0x81); // FIFO on, trigger level 8
        wr(IER, 0x01);
        assertFalse(irq);
        uart.receive(new byte[] {'a', 'b', 'c'});
        uart.service();
        assertFalse(irq, "3 bytes are below the trigger level");
        assertEquals(0xC1, rd(IIR));
        // QEMU: timeout after 4 character times; at reset the character time is 10 bits at 9600 baud
        long charTime = 1_000_000_000L / 9600 * 10;
        ns[0] = 4 * charTime - 1;
        clock.runDue();
        assertFalse(irq);
        ns[0] = 4 * charTime;
        clock.runDue();
        assertTrue(irq, "character timeout");
        assertEquals(0xCC, rd(IIR));
        assertEquals('a', rd(RBR));
        assertFalse(irq, "reading RBR clears the timeout indication");
        assertEquals(0xC1, rd(IIR));
        uart.receive(new byte[] {'d', 'e', 'f', 'g', 'h', 'i'});
        uart.service();
        assertTrue(irq, "8 bytes reach the trigger level");
        assertEquals(0xC4, rd(IIR));
    }

    @Test
    void transmitterEmptyInterrupt() {
        wr(IER, 0x02);
        assertTrue(irq, "enabling THRI while THR is empty raises it");
        assertEquals(0x02, rd(IIR));
        assertFalse(irq, "reading IIR with THRI identified clears it");
        assertEquals(0x01, rd(IIR));
        wr(THR, 'x');
        assertTrue(irq, "the byte left at once, THR is empty again");
        wr(IER, 0x00);
        assertFalse(irq);
    }

    @Test
    void interruptPriorities() {
        wr(MCR, 0x18); // loopback
        wr(IER, 0x07);
        assertEquals(0x02, rd(IIR) & 0x0F, "THRI alone");
        wr(IER, 0x00);
        wr(THR, 'q'); // loops back into RBR
        wr(IER, 0x03);
        assertEquals(0x04, rd(IIR) & 0x0F, "received data beats THR empty");
        wr(THR, 'r'); // second byte before RBR was read: overrun
        wr(IER, 0x07);
        assertEquals(0x06, rd(IIR) & 0x0F, "line status beats received data");
        int lsr = rd(LSR);
        assertEquals(0x02, lsr & 0x02, "overrun reported");
        assertEquals(0x01, lsr & 0x01, "data ready");
        assertEquals(0x04, rd(IIR) & 0x0F, "reading LSR cleared OE: received data now");
        assertEquals('r', rd(RBR), "without FIFO the newest byte overwrote RBR");
        assertEquals(0, out.size(), "loopback sends nothing out");
    }

    @Test
    void loopbackModemStatus() {
        wr(MCR, 0x10 | 0x0F);
        assertEquals(0xF0, rd(MSR), "OUT2->DCD, OUT1->RI, RTS->CTS, DTR->DSR");
        wr(MCR, 0x10 | 0x02);
        assertEquals(0x10, rd(MSR));
    }

    @Test
    void interruptLineFollowsIir() {
        wr(IER, 0x01);
        uart.receive(new byte[] {'z'});
        uart.service();
        assertTrue(irq);
        assertEquals(0x04, rd(IIR) & 0x0F);
        rd(RBR);
        assertFalse(irq);
        int changes = irqChanges;
        rd(IIR);
        rd(LSR);
        assertEquals(changes, irqChanges, "no spurious line toggles");
    }

    @Test
    void inputFromAnotherThread() throws Exception {
        Thread t = new Thread(() -> {
            for (int i = 0; i < 100; i++) {
                uart.receive(new byte[] {(byte) i});
            }
        });
        t.start();
        t.join();
        uart.service();
        for (int i = 0; i < 100; i++) {
            assertEquals(0x01, rd(LSR) & 0x01);
            assertEquals(i, rd(RBR));
        }
        assertEquals(0, rd(LSR) & 0x01);
    }

    @Test
    void widerAccessesDoNotThrow() {
        assertDoesNotThrow(() -> uart.read(0x10, 4));
        assertDoesNotThrow(() -> uart.write(0xF8, 8, -1L));
        assertEquals(0, uart.read(0x80, 4), "outside the eight registers reads 0");
    }
}
