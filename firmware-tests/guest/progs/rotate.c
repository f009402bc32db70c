/*
 * Rotates and shifts: rlwinm over every MB/ME pair (wrapping masks included), rlwnm with counts whose
 * upper bits must be ignored, rlwimi, slw/srw/sraw with counts 0..63 (and 6-bit wrap), srawi 0..31,
 * all with and without Rc; sraw/srawi also report XER[CA].
 */
#include "enc.h"

static u32 do1(u32 insn, u32 rs, u32 ra, u32 rb, u32 xer, u32 *cr, u32 *xo)
{
    struct xstate s;
    xs_init(&s);
    s.r[6] = rs;
    s.r[5] = ra;
    s.r[7] = rb;
    s.xer = xer;
    s.cr = 0x0A5A5A5A;
    run1(insn, &s);
    if (cr)
        *cr = s.cr;
    if (xo)
        *xo = s.xer & XER_MASK;
    return s.r[5];
}

int main(void)
{
    static const u32 shs[] = { 0, 5, 31 };
    for (u32 k = 0; k < 3; k++) {
        for (u32 mb = 0; mb < 32; mb++) {
            printf("rlwinm sh=%d mb=%d:", shs[k], mb);
            for (u32 me = 0; me < 32; me++)
                printf(" %08x", do1(enc_m(21, 6, 5, shs[k], mb, me, 0), 0x9ABCDEF1, 0, 0, 0, 0, 0));
            printf("\n");
        }
    }
    static const u32 rcv[] = { 0x00000000, 0x80000001, 0x7FFF0000, 0xFFFFFFFF };
    for (u32 v = 0; v < 4; v++) {
        for (u32 m = 0; m < 6; m++) {
            u32 mb = (m * 7) & 31, me = (m * 13 + 3) & 31, cr, r;
            r = do1(enc_m(21, 6, 5, m * 3, mb, me, 1), rcv[v], 0, 0, m & 1 ? 0x80000000 : 0, &cr, 0);
            printf("rlwinm. %08x sh=%d mb=%d me=%d = %08x cr=%08x\n", rcv[v], m * 3, mb, me, r, cr);
        }
    }
    static const u32 counts[] = { 0, 1, 4, 16, 31, 32, 33, 63, 0xFFFFFFE1, 0x80000008 };
    for (u32 c = 0; c < 10; c++) {
        for (u32 m = 0; m < 4; m++) {
            static const u32 mbs[] = { 0, 16, 24, 28 }, mes[] = { 31, 31, 7, 3 };
            u32 cr, r = do1(enc_m(23, 6, 5, 7, mbs[m], mes[m], m & 1), 0xF00DBA5E, 0, counts[c], 0, &cr, 0);
            printf("rlwnm%s rb=%08x mb=%d me=%d = %08x cr=%08x\n", m & 1 ? "." : "", counts[c], mbs[m], mes[m], r, cr);
        }
    }
    for (u32 sh = 0; sh < 32; sh += 3) {
        printf("rlwimi sh=%d:", sh);
        for (u32 m = 0; m < 8; m++) {
            u32 mb = (m * 5 + sh) & 31, me = (m * 11) & 31, cr;
            u32 r = do1(enc_m(20, 6, 5, sh, mb, me, m & 1), 0x13579BDF, 0xECA86420, 0, 0, &cr, 0);
            printf(" %d-%d:%08x/%08x", mb, me, r, cr);
        }
        printf("\n");
    }
    static const u32 svals[] = { 0x80000001, 0x7FFFFFFF, 0xFFFFFFFF, 0x00000000, 0xC0000000 };
    static const struct { const char *n; u32 xo; } shifts[] = { { "slw", 24 }, { "srw", 536 }, { "sraw", 792 } };
    for (u32 i = 0; i < 3; i++) {
        for (u32 v = 0; v < 5; v++) {
            for (u32 c = 0; c < 66; c++) {
                u32 cnt = c < 64 ? c : (c == 64 ? 0xFFFFFF9F : 0x00000140);
                u32 cr0, x0, cr1, x1;
                u32 r0 = do1(enc_x(6, 5, 7, shifts[i].xo, 0), svals[v], 0, cnt, 0x20000000, &cr0, &x0);
                u32 r1 = do1(enc_x(6, 5, 7, shifts[i].xo, 1), svals[v], 0, cnt, 0x80000000, &cr1, &x1);
                printf("%s %08x %08x = %08x xer=%08x | %08x xer=%08x cr=%08x\n", shifts[i].n, svals[v], cnt, r0,
                       x0, r1, x1, cr1);
            }
        }
    }
    for (u32 v = 0; v < 5; v++) {
        for (u32 sh = 0; sh < 32; sh++) {
            u32 cr0, x0, cr1, x1;
            u32 r0 = do1(enc_x(6, 5, sh, 824, 0), svals[v], 0, 0, 0x20000000, &cr0, &x0);
            u32 r1 = do1(enc_x(6, 5, sh, 824, 1), svals[v], 0, 0, 0, &cr1, &x1);
            printf("srawi %08x %d = %08x xer=%08x | %08x xer=%08x cr=%08x\n", svals[v], sh, r0, x0, r1, x1, cr1);
        }
    }
    return 0;
}
