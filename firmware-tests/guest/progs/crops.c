/* CR logical instructions, mcrf, mtcrf/mfcr, mcrxr, isel (every CR bit, rA = 0 and not). */
#include "enc.h"

static const struct { const char *n; u32 xo; } crops[] = {
    { "crand", 257 }, { "crandc", 129 }, { "creqv", 289 }, { "crnand", 225 },
    { "crnor", 33 },  { "cror", 449 },   { "crorc", 417 }, { "crxor", 193 },
};
static const u32 crvals[] = { 0x00000000, 0xFFFFFFFF, 0x5A3C96F0, 0x80000001 };

static u32 cr_after(u32 insn, u32 cr, u32 xer, u32 *xer_out)
{
    struct xstate s;
    xs_init(&s);
    s.cr = cr;
    s.xer = xer;
    run1(insn, &s);
    if (xer_out)
        *xer_out = s.xer & XER_MASK;
    return s.cr;
}

int main(void)
{
    static const u32 triples[][3] = { { 0, 1, 2 }, { 31, 0, 31 }, { 5, 5, 5 }, { 17, 30, 3 }, { 8, 9, 10 },
                                      { 2, 4, 6 }, { 28, 7, 16 }, { 12, 31, 0 } };
    for (u32 i = 0; i < 8; i++) {
        for (u32 c = 0; c < 4; c++) {
            printf("%s cr=%08x:", crops[i].n, crvals[c]);
            for (u32 t = 0; t < 8; t++)
                printf(" %08x", cr_after(enc_xl(triples[t][0], triples[t][1], triples[t][2], crops[i].xo, 0),
                                         crvals[c], 0, 0));
            printf("\n");
        }
    }
    for (u32 d = 0; d < 8; d++) {
        printf("mcrf %d:", d);
        for (u32 sfield = 0; sfield < 8; sfield++)
            printf(" %08x", cr_after(enc_xl(d << 2, sfield << 2, 0, 0, 0), 0x12345678, 0, 0));
        printf("\n");
    }
    static const u32 fxms[] = { 0x00, 0x01, 0x80, 0xFF, 0x5A, 0x24 };
    for (u32 f = 0; f < 6; f++) {
        struct xstate s;
        xs_init(&s);
        s.cr = 0x12345678;
        s.r[6] = 0xFEDCBA98;
        u32 code[2] = { (31u << 26) | (6u << 21) | (fxms[f] << 12) | (144u << 1), enc_x(7, 0, 0, 19, 0) };
        load_code(code, 2);
        exec_code(&s);
        printf("mtcrf %02x = %08x mfcr=%08x\n", fxms[f], s.cr, s.r[7]);
    }
    for (u32 d = 0; d < 8; d++) {
        u32 xo;
        u32 cr = cr_after(enc_x(d << 2, 0, 0, 512, 0), 0x0F0F0F0F, 0xE0000055, &xo);
        printf("mcrxr %d = cr %08x xer %08x\n", d, cr, xo);
    }
    for (u32 c = 0; c < 4; c++) {
        for (u32 ra = 0; ra < 2; ra++) {
            printf("isel cr=%08x ra=r%d:", crvals[c], ra ? 6 : 0);
            for (u32 bc = 0; bc < 32; bc++) {
                struct xstate s;
                xs_init(&s);
                s.cr = crvals[c];
                s.r[0] = 0x00000AAA;
                s.r[6] = 0x11111111;
                s.r[7] = 0x22222222;
                run1((31u << 26) | (5u << 21) | ((ra ? 6u : 0u) << 16) | (7u << 11) | (bc << 6) | (15u << 1), &s);
                printf(" %x", s.r[5] & 0xF);
            }
            printf("\n");
        }
    }
    return 0;
}
