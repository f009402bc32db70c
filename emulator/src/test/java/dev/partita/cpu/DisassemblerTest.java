package dev.partita.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisassemblerTest {
    private static final String OBJDUMP = "/usr/bin/powerpc-linux-gnu-objdump";

    @Test
    void everyRowDisassembles() {
        for (Insn row : Isa.all()) {
            String text = Disassembler.disassemble(row.match, 0x1000);
            assertTrue(text.startsWith(row.mnemonic), text);
            assertFalse(text.contains("?"), () -> row.mnemonic + ": unknown operand in \"" + row.operands + "\": " + text);
            assertFalse(text.startsWith(".long"), text);
        }
    }

    /** Words and texts from GNU binutils 2.40 ({@code as -me500x2}, {@code objdump -M e500x2,raw}). */
    @Test
    void handCheckedAgainstBinutils() {
        String[][] cases = {
            {"3861fff0", "0", "addi r3,r1,-16"},
            {"38600005", "0", "addi r3,0,5"},
            {"3c601234", "0", "addis r3,0,4660"},
            {"7c642e15", "0", "addo. r3,r4,r5"},
            {"7c6401d4", "0", "addme r3,r4"},
            {"3464ffff", "0", "addic. r3,r4,-1"},
            {"7c642817", "0", "mulhwu. r3,r4,r5"},
            {"708300ff", "0", "andi. r3,r4,255"},
            {"7c832b79", "0", "or. r3,r4,r5"},
            {"5483298e", "0", "rlwinm r3,r4,5,6,7"},
            {"50832f85", "0", "rlwimi. r3,r4,5,30,2"},
            {"5c83283e", "0", "rlwnm r3,r4,r5,0,31"},
            {"7c83fe70", "0", "srawi r3,r4,31"},
            {"7c832000", "0", "cmp cr1,0,r3,r4"},
            {"2f83ffff", "0", "cmpi cr7,0,r3,-1"},
            {"2903ffff", "0", "cmpli cr2,0,r3,65535"},
            {"4c221a02", "0", "crand gt,eq,so"},
            {"4cc63182", "0", "crxor 4*cr1+eq,4*cr1+eq,4*cr1+eq"},
            {"4c9c0000", "0", "mcrf cr1,cr7"},
            {"7d800400", "0", "mcrxr cr3"},
            {"7c6ff120", "0", "mtcrf 255,r3"},
            {"7c780026", "0", "mfocrf r3,128"},
            {"7c701120", "0", "mtocrf 1,r3"},
            {"7c64289e", "0", "isel r3,r4,r5,eq"},
            {"7c602fde", "0", "isel r3,0,r5,4*cr7+so"},
            {"48000100", "94", "b 0x194"},
            {"4bfffffd", "98", "bl 0x94"},
            {"48000102", "9c", "ba 0x100"},
            {"41820008", "a0", "bc 12,eq,0xa8"},
            {"4086fff9", "a4", "bcl 4,4*cr1+eq,0x9c"},
            {"42000042", "a8", "bca 16,lt,0x40"},
            {"4e800020", "ac", "bclr 20,lt,0"},
            {"4d810021", "b0", "bclrl 12,gt,0"},
            {"4c8a0421", "b8", "bcctrl 4,4*cr2+eq,0"},
            {"7c642f97", "0", "divwuo. r3,r4,r5"},
            {"7c6404d0", "0", "nego r3,r4"},
            {"00000000", "0", ".long 0x0"},
            {"ffffffff", "0", ".long 0xffffffff"},
        };
        for (String[] t : cases) {
            int w = Integer.parseUnsignedInt(t[0], 16);
            assertEquals(t[2], Disassembler.disassemble(w, Integer.parseInt(t[1], 16)), t[0]);
        }
        assertEquals("mfcr r3", Disassembler.disassemble(0x7c600026, 0));
    }

    @Test
    void rangeListing() {
        byte[] code = {0x38, 0x61, (byte) 0xff, (byte) 0xf0, 0x48, 0x00, 0x00, 0x00, 0x12};
        assertEquals("00002000:  3861fff0  addi r3,r1,-16\n00002004:  48000000  b 0x2004\n",
                Disassembler.disassembleRange(code, 0x2000));
    }

    @Test
    void randomWordsNeverThrow() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            assertFalse(Disassembler.disassemble(rnd.nextInt(), rnd.nextInt()).isEmpty());
        }
    }

    // ---- comparison with binutils, when it is installed ----

    /** The bits of the word each operand name reads. */
    private static int fieldBits(String op) {
        return switch (op) {
            case "rD", "rS", "BO", "TO", "crbD" -> 0x03E00000;
            case "rA", "rA0", "crbA", "BI" -> 0x001F0000;
            case "rB", "crbB", "SH", "NB" -> 0x0000F800;
            case "SIMM", "UIMM" -> 0x0000FFFF;
            case "crfD" -> 0x03800000;
            case "crfS" -> 0x001C0000;
            case "BD" -> 0x0000FFFC;
            case "LI" -> 0x03FFFFFC;
            case "MB", "crb" -> 0x000007C0;
            case "ME" -> 0x0000003E;
            case "CRM" -> 0x000FF000;
            case "BH" -> 0x00001800;
            default -> 0;
        };
    }

    /** binutils' pre-ISA-2.0 rule for BO: some encodings need their "z" bits to be 0 (QEMU ignores them). */
    private static boolean objdumpAcceptsBo(int bo) {
        if ((bo & 0x14) == 0) {
            return true;
        } else if ((bo & 0x14) == 0x4) {
            return (bo & 0x2) == 0;
        } else if ((bo & 0x14) == 0x10) {
            return (bo & 0x8) == 0;
        }
        return bo == 0x14;
    }

    @Test
    void integerRowsAgreeWithObjdump(@TempDir Path dir) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of(OBJDUMP)), "binutils for powerpc is not installed");
        SplittableRandom rnd = new SplittableRandom(7);
        List<Integer> words = new ArrayList<>();
        for (Insn row : Isa.all()) {
            if (row.id >= 200 || row.id == Isa.MFCR) {
                continue; // integer section only; objdump prints mfcr with a spurious "-1" operand
            }
            int fields = 0;
            for (String op : row.operands.split(",")) {
                fields |= fieldBits(op);
            }
            int suffix = ((row.flags & Insn.HAS_OE) != 0 ? 0x400 : 0)
                    | ((row.flags & (Insn.HAS_RC | Insn.HAS_LK)) != 0 ? 1 : 0)
                    | ((row.flags & Insn.HAS_LK) != 0 ? 2 : 0);
            for (int n = 0; n < 40; n++) {
                int w = row.match | (rnd.nextInt() & (fields | suffix) & ~row.mask);
                int bo = (w >>> 21) & 31;
                if (row.operands.startsWith("BO") && !objdumpAcceptsBo(bo)) {
                    continue;
                }
                if (row.id == Isa.BCCTR && (bo & 4) == 0) {
                    continue; // invalid form; binutils prints .long
                }
                if ((row.id == Isa.MFOCRF || row.id == Isa.MTOCRF) && Integer.bitCount((w >>> 12) & 0xFF) != 1) {
                    continue; // binutils requires exactly one field
                }
                if (Decoder.decode(w) == row.id) {
                    words.add(w);
                }
            }
        }
        byte[] bytes = new byte[words.size() * 4];
        for (int i = 0; i < words.size(); i++) {
            int w = words.get(i);
            bytes[4 * i] = (byte) (w >>> 24);
            bytes[4 * i + 1] = (byte) (w >>> 16);
            bytes[4 * i + 2] = (byte) (w >>> 8);
            bytes[4 * i + 3] = (byte) w;
        }
        Path bin = dir.resolve("words.bin");
        Files.write(bin, bytes);
        int base = 0x10000;
        Process p = new ProcessBuilder(OBJDUMP, "-D", "-b", "binary", "-m", "powerpc:common", "-EB",
                "-M", "e500x2,raw", "--adjust-vma=0x" + Integer.toHexString(base), bin.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        Map<Integer, String> byAddress = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*([0-9a-f]+):\\s+(?:[0-9a-f]{2} ){4}\\s*(.*)$").matcher(out);
        while (m.find()) {
            byAddress.put(Integer.parseUnsignedInt(m.group(1), 16), m.group(2).trim().replaceAll("\\s+", " "));
        }
        assertEquals(words.size(), byAddress.size(), out.length() > 2000 ? out.substring(0, 2000) : out);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            int pc = base + 4 * i;
            String ours = Disassembler.disassemble(words.get(i), pc);
            String theirs = byAddress.get(pc);
            if (!ours.equals(theirs)) {
                mismatches.add(String.format("%08x: ours \"%s\", objdump \"%s\"", words.get(i), ours, theirs));
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + words.size() + " differ:\n"
                + String.join("\n", mismatches.subList(0, Math.min(40, mismatches.size()))));
    }
}
