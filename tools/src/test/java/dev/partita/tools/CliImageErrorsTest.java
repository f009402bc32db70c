package dev.partita.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Unusable files given to -bios, -kernel, -initrd, -dtb and disasm: status 2 and one line naming the
 * file and the problem, never a stack trace, for hand-made defects and for a few hundred random ones.
 */
class CliImageErrorsTest {
    @TempDir
    Path dir;

    private static final List<String> IMAGE_OPTIONS = List.of("-bios", "-kernel", "-initrd", "-dtb");

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private Path elf() throws IOException {
        return file("prog.elf", TestElf.program(0x10_0000, "_start", 0x4800_0000));
    }

    /** The option under test gets {@code bad}; a good -bios is added when the option is not the payload. */
    private Cli.Result runWith(String option, Path bad) throws IOException {
        return option.equals("-bios") || option.equals("-kernel")
                ? Cli.run(option, bad.toString(), "-serial", "null", "--max-insns", "10")
                : Cli.run("-bios", elf().toString(), option, bad.toString(), "-serial", "null", "--max-insns", "10");
    }

    @Test
    void missingFiles() throws IOException {
        Path missing = dir.resolve("nowhere/missing.img");
        for (String opt : IMAGE_OPTIONS) {
            runWith(opt, missing).usageError(missing.toString(), "no such file");
        }
        Cli.run("disasm", missing.toString()).usageError(missing.toString(), "no such file");
    }

    @Test
    void directories() throws IOException {
        for (String opt : IMAGE_OPTIONS) {
            runWith(opt, dir).usageError(dir.toString(), "directory");
        }
        Cli.run("disasm", dir.toString()).usageError(dir.toString());
    }

    @Test
    void unreadableFiles() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads any file");
        Path p = elf();
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
        for (String opt : IMAGE_OPTIONS) {
            runWith(opt, p).usageError(p.toString());
        }
        Cli.run("disasm", p.toString()).usageError(p.toString());
    }

    @Test
    void emptyFiles() throws IOException {
        Path empty = file("empty.img", new byte[0]);
        runWith("-bios", empty).usageError("empty.img", "not an ELF or uImage");
        runWith("-kernel", empty).usageError("empty.img", "not an ELF or uImage");
        runWith("-dtb", empty).usageError("empty.img", "DTB");
        runWith("-initrd", empty).ok(); // an empty initrd is allowed, as in QEMU
        Cli.run("disasm", empty.toString()).usageError("empty.img", "not an ELF");
    }

    @Test
    void malformedElfs() throws IOException {
        byte[] good = TestElf.program(0x10_0000, "_start", 0x4800_0000);
        record Case(String name, byte[] bytes, String problem) {}
        List<Case> cases = List.of(
                new Case("cut.elf", Arrays.copyOf(good, 40), "truncated"),
                new Case("elf64.elf", edit(good, b -> b.put(4, (byte) 2)), "32-bit"),
                new Case("le.elf", edit(good, b -> b.put(5, (byte) 1)), "big-endian"),
                new Case("x86.elf", edit(good, b -> b.putShort(18, (short) 3)), "not PowerPC"),
                new Case("nophdr.elf", edit(good, b -> b.putShort(44, (short) 0)), "no program headers"),
                new Case("phoff.elf", edit(good, b -> b.putInt(28, 0x7FFF_0000)), "program headers outside"),
                new Case("segoff.elf", edit(good, b -> b.putInt(52 + 4, 0x7FFF_0000)), "extends past"),
                new Case("memsz.elf", edit(good, b -> b.putInt(52 + 20, 0)), "memsz < filesz"),
                new Case("far.elf", edit(good, b -> b.putInt(52 + 12, 0xF000_0000)), "does not fit in RAM"));
        for (Case c : cases) {
            Path p = file(c.name(), c.bytes());
            runWith("-bios", p).usageError(c.name(), c.problem());
            runWith("-kernel", p).usageError(c.name(), c.problem());
            if (!c.problem().equals("does not fit in RAM")) {
                Cli.run("disasm", p.toString()).usageError(c.name(), c.problem());
            }
        }
    }

    private static byte[] edit(byte[] b, java.util.function.Consumer<ByteBuffer> f) {
        byte[] c = b.clone();
        f.accept(ByteBuffer.wrap(c));
        return c;
    }

    @Test
    void malformedUImages() throws IOException {
        ByteBuffer u = ByteBuffer.allocate(64 + 16);
        u.putInt(0x2705_1956).putInt(0).putInt(0).putInt(16).putInt(0x10_0000).putInt(0x10_0000).putInt(0);
        u.put((byte) 5).put((byte) 7).put((byte) 2).put((byte) 0);
        byte[] good = u.array();
        runWith("-bios", file("good.img", good)).ok();
        runWith("-bios", file("cut.img", Arrays.copyOf(good, 70))).usageError("cut.img", "malformed uImage");
        runWith("-bios", file("arch.img", edit(good, b -> b.put(29, (byte) 2)))).usageError("arch.img", "architecture");
        runWith("-bios", file("gz.img", edit(good, b -> b.put(31, (byte) 1)))).usageError("gz.img", "gzip");
        runWith("-bios", file("bz.img", edit(good, b -> b.put(31, (byte) 2)))).usageError("bz.img", "compression");
        runWith("-bios", file("type.img", edit(good, b -> b.put(30, (byte) 5)))).usageError("type.img", "type");
    }

    @Test
    void malformedDtbs() throws IOException {
        runWith("-dtb", file("text.dtb", "/dts-v1/; / { };\n".getBytes())).usageError("text.dtb", "DTB");
        byte[] header = new byte[40];
        ByteBuffer.wrap(header).putInt(0xD00D_FEED).putInt(4000).putInt(40).putInt(60).putInt(40).putInt(17).putInt(16);
        runWith("-dtb", file("short.dtb", header)).usageError("short.dtb", "DTB");
    }

    @Test
    void randomFilesNeverGiveAStackTrace() throws IOException {
        Random r = new Random(0xC11_F022L);
        byte[] good = TestElf.program(0x10_0000, "_start", 0x3860_0000, 0x4800_0000);
        Path p = dir.resolve("fuzz.bin");
        int ok = 0;
        for (int i = 0; i < 300; i++) {
            byte[] b = good.clone();
            int n = 1 + r.nextInt(6);
            for (int k = 0; k < n; k++) {
                b[r.nextInt(b.length)] = (byte) r.nextInt();
            }
            if (i % 5 == 0) {
                b = Arrays.copyOf(b, r.nextInt(b.length));
            }
            Files.write(p, b);
            String opt = switch (i % 3) {
                case 0 -> "-bios";
                case 1 -> "-dtb";
                default -> "disasm";
            };
            Cli.Result res = opt.equals("disasm") ? Cli.run("disasm", p.toString())
                    : opt.equals("-dtb") ? runWith("-dtb", p) : runWith(opt, p);
            if (res.status() == 0) {
                assertEquals("", res.err());
                ok++;
            } else {
                res.usageError(p.toString());
            }
        }
        assertTrue(ok > 10, "some mutated files still load: " + ok);
    }
}
