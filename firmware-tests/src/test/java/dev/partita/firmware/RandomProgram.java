package dev.partita.firmware;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy of the prebuilt random.elf template with generated blocks patched into its rand_blob area
 * (layout in firmware-tests/guest/random/random.h).
 */
final class RandomProgram {
    static final int MAGIC = 0x52414E44;
    static final int MAX_BLOCKS = 32;
    static final int SCRATCH_WORDS = RandomBlockGenerator.SCRATCH_BYTES / 4;
    static final int BLOCK_WORDS = 36 + SCRATCH_WORDS + RandomBlockGenerator.MAX_CODE;
    static final int BLOB_BYTES = 16 + MAX_BLOCKS * BLOCK_WORDS * 4;

    final List<RandomBlockGenerator.Block> blocks = new ArrayList<>();

    static RandomProgram generate(long seed, int blocks, int wordsPerBlock) {
        RandomBlockGenerator g = new RandomBlockGenerator(seed);
        RandomProgram p = new RandomProgram();
        for (int i = 0; i < blocks; i++) {
            p.blocks.add(g.next(wordsPerBlock));
        }
        return p;
    }

    byte[] blob() {
        if (blocks.size() > MAX_BLOCKS) {
            throw new IllegalStateException("at most " + MAX_BLOCKS + " blocks");
        }
        ByteBuffer b = ByteBuffer.allocate(BLOB_BYTES).order(ByteOrder.BIG_ENDIAN);
        b.putInt(MAGIC).putInt(blocks.size()).putInt(BLOCK_WORDS).putInt(0);
        for (RandomBlockGenerator.Block blk : blocks) {
            for (int r : blk.gpr()) {
                b.putInt(r);
            }
            b.putInt(blk.cr()).putInt(blk.xer()).putInt(blk.ctr()).putInt(blk.lr());
            b.put(blk.scratch());
            for (int w : blk.code()) {
                b.putInt(w);
            }
        }
        return b.array();
    }

    /** Writes the patched template to {@code out}. */
    void write(Path template, Path out) throws IOException {
        byte[] image = Files.readAllBytes(template);
        Elf32 elf = new Elf32(image);
        int off = elf.fileOffset(elf.symbol("rand_blob"), BLOB_BYTES);
        byte[] blob = blob();
        System.arraycopy(blob, 0, image, off, blob.length);
        Files.createDirectories(out.getParent());
        Files.write(out, image);
    }

    /** Initial state and listing of one block, for failure messages. */
    String describe(int index) {
        RandomBlockGenerator.Block b = blocks.get(index);
        StringBuilder s = new StringBuilder("block " + index + " initial state:\n");
        for (int r = 0; r < 32; r++) {
            s.append(String.format("r%d=%08x%s", r, b.gpr()[r], r % 8 == 7 ? "\n" : " "));
        }
        s.append(String.format("cr=%08x xer=%08x ctr=%08x lr=%08x%ncode:%n", b.cr(), b.xer(), b.ctr(), b.lr()));
        for (String line : b.listing()) {
            s.append("  ").append(line).append('\n');
        }
        return s.toString();
    }
}
