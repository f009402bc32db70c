/*
 * Integer arithmetic, every XO-form instruction in its four forms (plain, o, ., o.), over a table of
 * operands and with XER[CA] clear and set; then D-form arithmetic and sticky SO.
 * Each line: mnemonic, operands, XER in, then "[rD xer cr]" for the forms plain, ".", "o", "o."
 * Results the architecture leaves undefined (division by zero, 0x80000000 / -1) print XER and
 * CR0[SO] only.
 */
#include "enc.h"

static const u32 vals[] = { 0, 1, 2, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x12345678, 0x80000001, 0xFFFF0000 };
#define NV (sizeof(vals) / sizeof(vals[0]))

struct op { const char *name; u32 xo; int unary; int has_oe; int uses_ca; int div; };
static const struct op ops[] = {
    { "add", XO_ADD, 0, 1, 0, 0 },      { "addc", XO_ADDC, 0, 1, 0, 0 },   { "adde", XO_ADDE, 0, 1, 1, 0 },
    { "addme", XO_ADDME, 1, 1, 1, 0 },  { "addze", XO_ADDZE, 1, 1, 1, 0 }, { "subf", XO_SUBF, 0, 1, 0, 0 },
    { "subfc", XO_SUBFC, 0, 1, 0, 0 },  { "subfe", XO_SUBFE, 0, 1, 1, 0 }, { "subfme", XO_SUBFME, 1, 1, 1, 0 },
    { "subfze", XO_SUBFZE, 1, 1, 1, 0 }, { "neg", XO_NEG, 1, 1, 0, 0 },    { "mullw", XO_MULLW, 0, 1, 0, 0 },
    { "mulhw", XO_MULHW, 0, 0, 0, 0 },  { "mulhwu", XO_MULHWU, 0, 0, 0, 0 }, { "divw", XO_DIVW, 0, 1, 0, 1 },
    { "divwu", XO_DIVWU, 0, 1, 0, 2 },
};

static int undefined_div(int div, u32 a, u32 b)
{
    if (div == 0)
        return 0;
    if (b == 0)
        return 1;
    return div == 1 && a == 0x80000000u && b == 0xFFFFFFFFu;
}

static void xo_line(const struct op *o, u32 a, u32 b, u32 xin)
{
    printf("%s %08x %08x xer=%08x:", o->name, a, b, xin);
    int undef = undefined_div(o->div, a, b);
    for (u32 form = 0; form < 4; form++) {
        u32 oe = form >> 1, rc = form & 1;
        if (oe && !o->has_oe)
            continue;
        struct xstate s;
        xs_init(&s);
        s.r[6] = a;
        s.r[7] = b;
        s.xer = xin;
        s.cr = 0x0A5A5A5A;
        run1(enc_xo(5, 6, o->unary ? 0 : 7, oe, o->xo, rc), &s);
        if (undef)
            printf(" [xer=%08x cr=%08x]", s.xer & XER_MASK, s.cr & 0x1FFFFFFF);
        else
            printf(" [%08x xer=%08x cr=%08x]", s.r[5], s.xer & XER_MASK, s.cr);
    }
    printf("\n");
}

struct dop { const char *name; u32 opcd; };
static const struct dop dops[] = { { "addi", 14 }, { "addis", 15 }, { "addic", 12 }, { "addic.", 13 },
                                   { "subfic", 8 }, { "mulli", 7 } };
static const u32 imms[] = { 0, 1, 0x7FFF, 0x8000, 0xFFFF, 0x1234 };

int main(void)
{
    for (u32 i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        const struct op *o = &ops[i];
        for (u32 ai = 0; ai < NV; ai++) {
            for (u32 bi = 0; bi < (o->unary ? 1 : NV); bi++) {
                xo_line(o, vals[ai], o->unary ? 0 : vals[bi], 0);
                if (o->uses_ca)
                    xo_line(o, vals[ai], o->unary ? 0 : vals[bi], 0x20000000);
            }
        }
    }
    /* Sticky SO: set before the instruction, kept by every form; OV cleared by an o-form without overflow. */
    xo_line(&ops[0], 1, 2, 0x80000000);
    xo_line(&ops[0], 0x7FFFFFFF, 1, 0x80000000);
    xo_line(&ops[0], 1, 2, 0xC0000000);
    xo_line(&ops[2], 0xFFFFFFFF, 0, 0xA0000000);
    xo_line(&ops[11], 0x10000, 0x10000, 0xC0000000);
    xo_line(&ops[14], 5, 0, 0x80000000);
    xo_line(&ops[15], 5, 0, 0x00000000);
    /* Byte count in XER survives arithmetic. */
    xo_line(&ops[1], 0xFFFFFFFF, 1, 0x00000015);

    for (u32 i = 0; i < sizeof(dops) / sizeof(dops[0]); i++) {
        for (u32 ai = 0; ai < NV; ai++) {
            printf("%s %08x:", dops[i].name, vals[ai]);
            for (u32 k = 0; k < sizeof(imms) / sizeof(imms[0]); k++) {
                for (u32 ra = 0; ra < 2; ra++) { /* rA = r0 means 0 for addi/addis */
                    if (ra == 0 && dops[i].opcd != 14 && dops[i].opcd != 15)
                        continue;
                    struct xstate s;
                    xs_init(&s);
                    s.r[0] = vals[ai];
                    s.r[6] = vals[ai];
                    s.xer = 0x80000000u | (k & 1 ? 0x20000000u : 0);
                    s.cr = 0x0A5A5A5A;
                    run1(enc_d(dops[i].opcd, 5, ra ? 6 : 0, imms[k]), &s);
                    printf(" %x:[%08x xer=%08x cr=%08x]", imms[k], s.r[5], s.xer & XER_MASK, s.cr);
                }
            }
            printf("\n");
        }
    }
    return 0;
}
