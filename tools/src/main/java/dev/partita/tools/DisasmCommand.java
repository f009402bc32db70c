package dev.partita.tools;

import dev.partita.cpu.Disassembler;
import dev.partita.machine.ElfImage;
import dev.partita.machine.ImageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code partita disasm FILE.elf}: a listing of the executable sections, from the same table the interpreter uses. */
@Command(name = "disasm", mixinStandardHelpOptions = true,
        description = "Disassemble the executable sections of a PowerPC ELF file.")
final class DisasmCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE.elf")
    Path file;

    @Override
    public Integer call() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            System.err.println("partita: " + file + ": no such file");
            return 2;
        } catch (AccessDeniedException e) {
            System.err.println("partita: " + file + ": cannot read (permission denied)");
            return 2;
        } catch (IOException | OutOfMemoryError e) {
            System.err.println("partita: " + file + ": cannot read (" + e.getMessage() + ")");
            return 2;
        }
        ElfImage elf;
        try {
            elf = ElfImage.parse(file.toString(), bytes);
        } catch (ImageException e) {
            System.err.println("partita: " + e.getMessage());
            return 2;
        }
        PrintStream out = System.out;
        List<ElfImage.Symbol> syms = elf.symbols.stream().sorted(Comparator.comparingLong(ElfImage.Symbol::value)).toList();
        for (ElfImage.Section s : elf.sections) {
            out.printf("%nDisassembly of section %s:%n", s.name());
            ByteBuffer code = ByteBuffer.wrap(elf.sectionBytes(s));
            for (int off = 0; off + 4 <= code.capacity(); off += 4) {
                long addr = s.addr() + off;
                for (ElfImage.Symbol sym : syms) {
                    if (sym.value() == addr) {
                        out.printf("%n%08x <%s>:%n", addr, sym.name());
                    }
                }
                int w = code.getInt(off);
                out.printf("%8x:\t%08x\t%s%n", addr, w, Disassembler.disassemble(w, (int) addr));
            }
        }
        out.flush();
        return 0;
    }
}
