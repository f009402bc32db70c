package dev.partita.firmware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator and the template patching, checked without any emulator. */
class RandomProgramTest {
    @Test
    void templateHasAZeroFilledBlobOfTheExpectedSize() throws Exception {
        byte[] image = Files.readAllBytes(GuestImages.randomTemplate());
        Elf32 elf = new Elf32(image);
        long blob = elf.symbol("rand_blob");
        assertEquals(0, blob & 0xFFF, "rand_blob is page aligned");
        int off = elf.fileOffset(blob, RandomProgram.BLOB_BYTES);
        byte[] area = Arrays.copyOfRange(image, off, off + RandomProgram.BLOB_BYTES);
        assertArrayEquals(new byte[RandomProgram.BLOB_BYTES], area);
        // rand_exec follows the blob: the blob must not run into it.
        assertTrue(elf.symbol("rand_exec") >= blob + RandomProgram.BLOB_BYTES);
    }

    @Test
    void patchingWritesTheBlobAndNothingElse(@TempDir Path tmp) throws Exception {
        RandomProgram p = RandomProgram.generate(42, 3, 200);
        Path out = tmp.resolve("r.elf");
        p.write(GuestImages.randomTemplate(), out);
        byte[] before = Files.readAllBytes(GuestImages.randomTemplate());
        byte[] after = Files.readAllBytes(out);
        assertEquals(before.length, after.length);
        int off = new Elf32(before).fileOffset(new Elf32(before).symbol("rand_blob"), RandomProgram.BLOB_BYTES);
        assertArrayEquals(p.blob(), Arrays.copyOfRange(after, off, off + RandomProgram.BLOB_BYTES));
        assertArrayEquals(Arrays.copyOfRange(before, 0, off), Arrays.copyOfRange(after, 0, off));
        int end = off + RandomProgram.BLOB_BYTES;
        assertArrayEquals(Arrays.copyOfRange(before, end, before.length), Arrays.copyOfRange(after, end, after.length));
        assertEquals(0x52414E44, java.nio.ByteBuffer.wrap(after, off, 4).getInt());
    }

    @Test
    void sameSeedSameBlocksDifferentSeedDifferentBlocks() {
        RandomProgram a = RandomProgram.generate(7, 2, 240), b = RandomProgram.generate(7, 2, 240),
                c = RandomProgram.generate(8, 2, 240);
        assertArrayEquals(a.blob(), b.blob());
        assertFalse(Arrays.equals(a.blob(), c.blob()));
    }

    @Test
    void blocksFillTheCodeAreaWithoutOverflowing() {
        RandomBlockGenerator g = new RandomBlockGenerator(1);
        for (int i = 0; i < 50; i++) {
            RandomBlockGenerator.Block b = g.next(240);
            assertEquals(RandomBlockGenerator.MAX_CODE, b.code().length);
            assertTrue(b.listing().size() >= 200 && b.listing().size() <= RandomBlockGenerator.MAX_CODE, "listing " + b.listing().size());
        }
    }
}
