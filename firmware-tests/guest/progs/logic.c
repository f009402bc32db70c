/*
 * Logical instructions (X form with and without Rc, D-form immediates), sign extension, cntlzw,
 * and compares into every CR field with XER[SO] clear and set.
 */
#include "enc.h"

static const u32 vals[] = { 0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x12345678, 0x0000FF80, 0x00008000 };
#define NV (sizeof(vals) / sizeof(vals[0]))

struct xop { const char *name; u32 xo; int unary; };
static const struct xop xops[] = {
    { "and", 28, 0 }, { "andc", 60, 0 }, { "or", 444, 0 }, { "orc", 412, 0 }, { "xor", 316, 0 },
    { "nand", 476, 0 }, { "nor", 124, 0 }, { "eqv", 284, 0 }, { "extsb", 954, 1 }, { "extsh", 922, 1 },
    { "cntlzw", 26, 1 },
};

struct dop { const char *name; u32 opcd; };
static const struct dop dops[] = { { "andi.", 28 }, { "andis.", 29 }, { "ori", 24 }, { "oris", 25 },
                                   { "xori", 26 }, { "xoris", 27 } };
static const u32 imms[] = { 0, 1, 0x8000, 0xFFFF, 0x5678 };

static void cmp_line(const char *name, u32 insn_base, int imm, u32 a, u32 b, u32 so)
{
    printf("%s %08x %08x so=%d:", name, a, b, so);
    for (u32 bf = 0; bf < 8; bf++) {
        struct xstate s;
        xs_init(&s);
        s.r[6] = a;
        s.r[7] = b;
        s.xer = so ? 0x80000000 : 0;
        s.cr = 0x5A5A5A5A;
        u32 insn = insn_base | (bf << 23) | (6 << 16);
        insn |= imm ? (b & 0xFFFF) : (7 << 11);
        run1(insn, &s);
        printf(" %08x", s.cr);
    }
    printf("\n");
}

int main(void)
{
    for (u32 i = 0; i < sizeof(xops) / sizeof(xops[0]); i++) {
        for (u32 ai = 0; ai < NV; ai++) {
            for (u32 bi = 0; bi < (xops[i].unary ? 1 : NV); bi++) {
                printf("%s %08x %08x:", xops[i].name, vals[ai], vals[bi]);
                for (u32 rc = 0; rc < 2; rc++) {
                    for (u32 so = 0; so < 2; so++) {
                        struct xstate s;
                        xs_init(&s);
                        s.r[6] = vals[ai];
                        s.r[7] = vals[bi];
                        s.xer = so ? 0x80000000 : 0x20000000;
                        s.cr = 0x0A5A5A5A;
                        /* logical X form: rS in the first field, rA (destination) in the second */
                        run1(enc_x(6, 5, xops[i].unary ? 0 : 7, xops[i].xo, rc), &s);
                        printf(" [%08x xer=%08x cr=%08x]", s.r[5], s.xer & XER_MASK, s.cr);
                    }
                }
                printf("\n");
            }
        }
    }
    for (u32 i = 0; i < sizeof(dops) / sizeof(dops[0]); i++) {
        for (u32 ai = 0; ai < NV; ai++) {
            printf("%s %08x:", dops[i].name, vals[ai]);
            for (u32 k = 0; k < sizeof(imms) / sizeof(imms[0]); k++) {
                struct xstate s;
                xs_init(&s);
                s.r[6] = vals[ai];
                s.xer = k & 1 ? 0x80000000 : 0;
                s.cr = 0x0A5A5A5A;
                run1(enc_d(dops[i].opcd, 6, 5, imms[k]), &s);
                printf(" %x:[%08x cr=%08x]", imms[k], s.r[5], s.cr);
            }
            printf("\n");
        }
    }
    for (u32 ai = 0; ai < NV; ai++) {
        for (u32 bi = 0; bi < NV; bi++) {
            for (u32 so = 0; so < 2; so++) {
                cmp_line("cmpw", enc_x(0, 0, 0, 0, 0), 0, vals[ai], vals[bi], so);
                cmp_line("cmplw", enc_x(0, 0, 0, 32, 0), 0, vals[ai], vals[bi], so);
            }
            cmp_line("cmpwi", 11u << 26, 1, vals[ai], vals[bi] & 0xFFFF, 0);
            cmp_line("cmplwi", 10u << 26, 1, vals[ai], vals[bi] & 0xFFFF, 1);
        }
    }
    return 0;
}
