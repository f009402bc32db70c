package dev.partita.translator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.partita.memory.Ram;
import org.junit.jupiter.api.Test;

/** Region selection: how much code one translation covers. Words are assembled by hand (Power ISA encodings). */
class RegionTest {
    private static final int ADDI = 0x38630001;     // addi r3,r3,1
    private static final int BLR = 0x4E800020;

    /** bdnz from {@code pc} to {@code target} (bc 16,0,target). */
    private static int bdnz(int pc, int target) {
        return 0x42000000 | ((target - pc) & 0xFFFC);
    }

    private final byte[] page = new byte[4096];
    private int at;

    private void emit(int w) {
        Ram.BE32.set(page, at, w);
        at += 4;
    }

    private void addis(int n) {
        for (int i = 0; i < n; i++) {
            emit(ADDI);
        }
    }

    private Region select() {
        return Region.select(page, 0, 0, JitEngine.MAX_REGION, null, 0);
    }

    @Test
    void aSmallLoopGetsASmallRegion() {
        addis(4);
        emit(bdnz(at, 0));
        addis(100);
        emit(BLR);
        assertEquals(106, Region.scan(page, 0, 0, 128, null, 0).size());
        assertEquals(5, Region.scan(page, 0, 0, 128, null, 0).longestLoop());
        assertEquals(Region.SMALL, select().size());
    }

    @Test
    void aLongInnermostLoopStaysOneRegion() {
        addis(60);
        emit(bdnz(at, 0));
        addis(50);
        emit(BLR);
        Region r = select();
        assertEquals(61, r.longestLoop());
        assertEquals(112, r.size());
    }

    @Test
    void anOuterLoopAroundASmallLoopDoesNotCount() {
        addis(10);
        int inner = at;
        addis(3);
        emit(bdnz(at, inner));
        addis(56);
        emit(0x48000000 | ((0 - at) & 0x3FFFFFC));   // b 0: the outer loop, 71 instructions
        addis(20);
        emit(BLR);
        Region all = Region.scan(page, 0, 0, 128, null, 0);
        assertEquals(4, all.longestLoop());
        assertEquals(Region.SMALL, select().size());
    }

    @Test
    void codeWithoutLoopsIsCutAtTheSmallLimit() {
        addis(40);
        emit(BLR);
        assertEquals(0, Region.scan(page, 0, 0, 128, null, 0).longestLoop());
        assertEquals(Region.SMALL, select().size());
    }
}
