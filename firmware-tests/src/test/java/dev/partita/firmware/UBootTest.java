package dev.partita.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.partita.devicetree.FdtReader;
import dev.partita.devicetree.Node;
import dev.partita.machine.Machine;
import dev.partita.machine.StopReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Debian's U-Boot 2023.01 for qemu-ppce500 boots on Partita to its prompt with QEMU's banner, and its
 * commands see the board's devices: memory, the generated device tree, RAM through mw/md/cmp/crc32,
 * the RTC over I2C, the PCI host bridge, timers, GUTS reset and GPIO power-off. Skipped when the
 * u-boot-qemu package is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UBootTest {
    /** QEMU 7.2's console with U-Boot and a virtio NIC (the reference log; lines before the prompt). */
    static final Path REFERENCE_LOG = Path.of("/work/shared/reference/u-boot-on-qemu-ppce500.log");
    /** Seconds of random typing; CI keeps it short, -Dpartita.uboot.fuzzSeconds=60 for the full minute. */
    static final long FUZZ_SECONDS = Long.getLong("partita.uboot.fuzzSeconds", 3);

    private UBootConsole u;
    private String bootLog;

    @BeforeAll
    void boot() throws Exception {
        assumeTrue(UBootConsole.available(), "u-boot-qemu is not installed");
        u = new UBootConsole(true);
        bootLog = u.boot();
    }

    /** The banner QEMU prints, line by line (without the countdown, which differs in backspaces). */
    static List<String> banner(String console) {
        String c = console.replace("\r", "");
        int end = c.indexOf("Hit any key");
        return c.substring(0, end).lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    @Order(1)
    void bannerMatchesQemu() throws Exception {
        List<String> ours = banner(bootLog);
        List<String> expected = Files.isRegularFile(REFERENCE_LOG)
                ? banner(Files.readString(REFERENCE_LOG, java.nio.charset.StandardCharsets.ISO_8859_1))
                : null;
        assumeTrue(expected != null, "reference log missing");
        assertEquals(expected.size(), ours.size(), () -> "banner:\n" + String.join("\n", ours));
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i).startsWith("Net:")) {
                // QEMU's reference run had a virtio NIC; this board has none
                assertEquals("Net:   No ethernet found.", ours.get(i));
            } else {
                assertEquals(expected.get(i), ours.get(i), "banner line " + (i + 1));
            }
        }
        assertTrue(bootLog.contains("Hit any key to stop autoboot:"), bootLog);
        assertTrue(bootLog.endsWith("=> "), bootLog);
    }

    @Test
    @Order(2)
    void version() {
        String out = u.command("version");
        assertTrue(out.startsWith("U-Boot 2023.01+dfsg-2+deb12u3"), out);
        assertTrue(out.contains("powerpc-linux-gnu-gcc"), out);
    }

    @Test
    @Order(3)
    void bdinfoShowsTheBoardMemoryAndDeviceTree() {
        String out = u.command("bdinfo");
        assertEquals("0x10000000", field(out, "-> size"), out);
        assertEquals("0x00000000", field(out, "-> start"), out);
        // U-Boot relocated the tree it was handed in r3; the copy at fdt_blob is our generated blob
        long fdtBlob = Long.decode(field(out, "fdt_blob"));
        byte[] ours = u.machine.deviceTreeBlob();
        byte[] inGuest = u.machine.bus().readBytes(fdtBlob, ours.length);
        Node guestRoot = FdtReader.read(inGuest).root();
        Node boardRoot = FdtReader.read(ours).root();
        assertEquals(boardRoot.find("/soc@fe0000000"), guestRoot.find("/soc@fe0000000"));
        assertEquals(boardRoot.find("/memory"), guestRoot.find("/memory"));
        assertEquals("0xe0000000", field(out, "immr_base"), out);
        assertEquals("36-bit", field(out, "addressing"), out);
        assertEquals("400 MHz", field(out, "intfreq").strip(), out);
    }

    @Test
    @Order(4)
    void fdtPrintShowsTheGeneratedSoc() {
        u.command("fdt addr $fdtcontroladdr");
        String out = u.command("fdt print /soc");
        Node soc = FdtReader.read(u.machine.deviceTreeBlob()).root().find("/soc@fe0000000");
        assertNotNull(soc);
        assertTrue(out.startsWith("soc@fe0000000 {"), out);
        for (Node child : soc.children()) {
            assertTrue(out.contains("\t" + child.name() + " {"), () -> child.name() + " missing from:\n" + out);
        }
        assertTrue(out.contains("compatible = \"fsl,mpc8544-immr\", \"simple-bus\";"), out);
        assertTrue(out.contains("compatible = \"pericom,pt7c4338\";"), out);
        assertTrue(out.contains("compatible = \"gpio-poweroff\";"), out);
        assertTrue(out.contains("interrupts = <0x0000002a 0x00000002>;"), out);
    }

    @Test
    @Order(5)
    void memoryCommandsOverRam() {
        u.command("mw.l 1000000 c0ffee11 40");
        u.command("mw.b 1000010 5a 20");
        u.command("mw.w 1000080 beef 8");
        String md = u.command("md.l 1000000 8");
        assertTrue(md.startsWith("01000000: c0ffee11 c0ffee11 c0ffee11 c0ffee11"), md);
        assertTrue(md.contains("01000010: 5a5a5a5a 5a5a5a5a 5a5a5a5a 5a5a5a5a"), md);
        byte[] ram = u.machine.bus().readBytes(0x1000000, 0x100);
        assertEquals((byte) 0xC0, ram[0]);
        assertEquals((byte) 0x5A, ram[0x2F]);
        assertEquals((byte) 0xC0, ram[0x30]);
        assertEquals((byte) 0xBE, ram[0x80]);
        assertEquals((byte) 0xEF, ram[0x8F]);

        u.command("cp.l 1000000 1200000 40");
        String same = u.command("cmp.l 1000000 1200000 40");
        assertTrue(same.contains("Total of 64 word(s) were the same"), same);
        u.command("mw.b 1200033 00 1");
        String diff = u.command("cmp.b 1000000 1200000 100");
        assertTrue(diff.contains("byte at 0x01000033 (0x11) != byte at 0x01200033 (0x0)"), diff);

        CRC32 crc = new CRC32();
        crc.update(ram);
        String out = u.command("crc32 1000000 100");
        Matcher m = Pattern.compile("==> ([0-9a-f]{8})").matcher(out);
        assertTrue(m.find(), out);
        assertEquals(String.format("%08x", crc.getValue()), m.group(1), out);
    }

    @Test
    @Order(6)
    void dateReadsTheRtcOverI2c() {
        String out = u.command("date");
        Matcher m = Pattern.compile("Date: (\\d{4}-\\d{2}-\\d{2}) \\(\\w+\\)\\s+Time:\\s+(\\d+):(\\d{2}):(\\d{2})").matcher(out);
        assertTrue(m.find(), out);
        LocalDateTime shown = LocalDateTime.parse(m.group(1) + "T" + String.format("%02d:%s:%s",
                Integer.parseInt(m.group(2)), m.group(3), m.group(4)), DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        long expectedMs = Machine.DETERMINISTIC_RTC_EPOCH_MS + u.machine.clock().nowNs() / 1_000_000;
        long shownMs = shown.toInstant(ZoneOffset.UTC).toEpochMilli();
        assertTrue(Math.abs(shownMs - expectedMs) <= 1000, () -> "RTC shows " + shown + ", guest time is "
                + java.time.Instant.ofEpochMilli(expectedMs));
    }

    @Test
    @Order(7)
    void pciListsTheHostBridge() {
        String out = u.command("pci");
        assertTrue(out.contains("00.00.00   0x1957     0x0030     Processor               0x20"), out);
        String header = u.command("pci header 0.0.0");
        assertTrue(header.contains("base address 0 =              0xe0000000"), header);
        assertTrue(header.contains("command register ID =         0x0006"), header);
    }

    @Test
    @Order(8)
    void sleepTakesTwoSecondsOfGuestTime() {
        long t0 = u.machine.clock().nowNs();
        u.command("sleep 2", 100_000_000L);
        long elapsed = u.machine.clock().nowNs() - t0;
        assertTrue(elapsed >= 2_000_000_000L && elapsed < 2_200_000_000L, "sleep 2 took " + elapsed + " ns");
    }

    @Test
    @Order(9)
    void randomTypingNeverWedgesTheEmulator() {
        Random r = new Random(0x5EED);
        long until = System.nanoTime() + FUZZ_SECONDS * 1_000_000_000L;
        while (System.nanoTime() < until && u.stopped() == null) {
            byte[] b = new byte[1 + r.nextInt(40)];
            r.nextBytes(b);
            // keep U-Boot from running a real command now and then: mostly noise, sometimes Ctrl-C
            u.machine.sendConsoleInput(b);
            u.run(200_000 + r.nextInt(2_000_000));
        }
        if (u.stopped() != null) {
            // the noise spelled a command that stopped the board (reset, poweroff): a guest-visible outcome
            assertTrue(u.stopped() == StopReason.RESET || u.stopped() == StopReason.POWER_OFF, u.stopped().toString());
            return;
        }
        u.type("\u0003\u0003\r");
        u.run(20_000_000);
        String out = u.command("version", 200_000_000L);
        assertTrue(out.contains("U-Boot 2023.01"), () -> "after the noise: " + UBootConsole.tail(u.console()));
    }

    @Test
    void resetWithNoRebootEndsTheRun() throws Exception {
        assumeTrue(UBootConsole.available());
        UBootConsole c = new UBootConsole(true);
        c.boot();
        c.command("reset");
        assertEquals(StopReason.RESET, c.stopped());
    }

    @Test
    void resetRestartsUBoot() throws Exception {
        assumeTrue(UBootConsole.available());
        UBootConsole c = new UBootConsole(false);
        c.boot();
        int before = c.console().length();
        c.type("reset\r");
        String again = c.runUntil("=> ", before, 2_000_000_000L);
        assertTrue(again.contains("U-Boot 2023.01"), again);
        assertTrue(again.contains("DRAM:  256 MiB"), again);
        assertEquals(null, c.stopped());
        assertTrue(c.command("version").startsWith("U-Boot 2023.01"));
    }

    @Test
    void poweroffEndsTheRun() throws Exception {
        assumeTrue(UBootConsole.available());
        UBootConsole c = new UBootConsole(true);
        c.boot();
        String out = c.command("poweroff");
        assertTrue(out.contains("poweroff ..."), out);
        assertEquals(StopReason.POWER_OFF, c.stopped());
    }

    /** The value after "name = " in U-Boot's bdinfo output. */
    static String field(String out, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s*=\\s*(.*)$").matcher(out);
        assertTrue(m.find(), () -> name + " not in:\n" + out);
        return m.group(1).strip();
    }
}
