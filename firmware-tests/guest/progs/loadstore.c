/*
 * Loads and stores of every form: D and X forms, with update, byte-reversed, sign-extending, lmw/stmw,
 * rA = 0, misaligned addresses and accesses crossing a 4 KiB page boundary; lwarx/stwcx.; dcbz.
 * Each line prints the loaded value (loads) or the bytes around the target (stores) and, for the
 * update forms, the new rA relative to the buffer.
 */
#include "enc.h"

static u8 big[8192] __attribute__((aligned(4096)));
#define BUF (big + 1024)

static void fill(void)
{
    for (u32 i = 0; i < sizeof(big); i++)
        big[i] = (u8)(i * 7 + 0x81);
}

static void dump(const u8 *p, u32 n)
{
    for (u32 i = 0; i < n; i++)
        printf("%02x", p[i]);
}

struct lop { const char *n; u32 op; int x; int update; int store; };
static const struct lop lops[] = {
    { "lbz", 34, 0, 0, 0 },    { "lbzu", 35, 0, 1, 0 },   { "lhz", 40, 0, 0, 0 },    { "lhzu", 41, 0, 1, 0 },
    { "lha", 42, 0, 0, 0 },    { "lhau", 43, 0, 1, 0 },   { "lwz", 32, 0, 0, 0 },    { "lwzu", 33, 0, 1, 0 },
    { "lbzx", 87, 1, 0, 0 },   { "lbzux", 119, 1, 1, 0 }, { "lhzx", 279, 1, 0, 0 },  { "lhzux", 311, 1, 1, 0 },
    { "lhax", 343, 1, 0, 0 },  { "lhaux", 375, 1, 1, 0 }, { "lwzx", 23, 1, 0, 0 },   { "lwzux", 55, 1, 1, 0 },
    { "lhbrx", 790, 1, 0, 0 }, { "lwbrx", 534, 1, 0, 0 },
    { "stb", 38, 0, 0, 1 },    { "stbu", 39, 0, 1, 1 },   { "sth", 44, 0, 0, 1 },    { "sthu", 45, 0, 1, 1 },
    { "stw", 36, 0, 0, 1 },    { "stwu", 37, 0, 1, 1 },   { "stbx", 215, 1, 0, 1 },  { "stbux", 247, 1, 1, 1 },
    { "sthx", 407, 1, 0, 1 },  { "sthux", 439, 1, 1, 1 }, { "stwx", 151, 1, 0, 1 },  { "stwux", 183, 1, 1, 1 },
    { "sthbrx", 918, 1, 0, 1 }, { "stwbrx", 662, 1, 0, 1 },
};

static void one(const struct lop *o, u8 *base, s32 off)
{
    struct xstate s;
    fill();
    xs_init(&s);
    s.r[5] = 0xC3A5F00F;
    s.r[6] = (u32)base;
    s.r[7] = (u32)off;
    u32 insn = o->x ? enc_x(5, 6, 7, o->op, 0) : enc_d(o->op, 5, 6, (u32)off);
    run1(insn, &s);
    printf("%s %d:", o->n, off);
    u8 *ea = base + off;
    if (o->store) {
        printf(" mem=");
        dump(ea - 2, 8);
    } else {
        printf(" r5=%08x", s.r[5]);
    }
    if (o->update)
        printf(" ra=%d", (s32)(s.r[6] - (u32)base));
    printf("\n");
}

int main(void)
{
    static const s32 offs[] = { 0, 1, 2, 3, 6, -3, 17 };
    for (u32 i = 0; i < sizeof(lops) / sizeof(lops[0]); i++)
        for (u32 k = 0; k < sizeof(offs) / sizeof(offs[0]); k++)
            one(&lops[i], BUF, offs[k]);
    /* Crossing the page boundary at big + 4096. */
    for (u32 i = 0; i < sizeof(lops) / sizeof(lops[0]); i++)
        for (s32 k = -3; k <= 0; k++)
            one(&lops[i], big + 4096, k);

    /* rA = 0: D form uses the displacement as the address, X form uses rB alone. */
    {
        struct xstate s;
        xs_init(&s);
        s.r[5] = 0x600DF00D;
        s.r[7] = (u32)BUF;
        u32 code[4] = { enc_d(36, 5, 0, 0x100), enc_d(32, 8, 0, 0x100), enc_x(5, 0, 7, 151, 0), enc_x(9, 0, 7, 23, 0) };
        load_code(code, 4);
        exec_code(&s);
        printf("ra=0: lwz %08x lwzx %08x\n", s.r[8], s.r[9]);
    }
    /* lmw / stmw, aligned, and crossing the page boundary. */
    for (u32 k = 0; k < 2; k++) {
        struct xstate s;
        u8 *base = k ? big + 4096 - 12 : BUF;
        fill();
        xs_init(&s);
        s.r[6] = (u32)base;
        run1(enc_d(46, 26, 6, 0), &s);
        printf("lmw r26:");
        for (int r = 25; r < 32; r++)
            printf(" %08x", s.r[r]);
        printf("\n");
        xs_init(&s);
        s.r[6] = (u32)base;
        run1(enc_d(47, 28, 6, 4), &s);
        printf("stmw r28: ");
        dump(base, 24);
        printf("\n");
    }
    /* lwarx / stwcx.: a pair succeeds, a lone stwcx. fails, CR0[SO] copies XER[SO]. */
    for (u32 so = 0; so < 2; so++) {
        struct xstate s;
        fill();
        xs_init(&s);
        s.r[6] = (u32)BUF;
        s.r[7] = 0x11223344;
        s.xer = so ? 0x80000000 : 0;
        u32 code[4] = { enc_x(5, 0, 6, 20, 0), enc_x(7, 0, 6, 150, 1), enc_x(8, 0, 0, 19, 0), enc_x(7, 6, 0, 150, 1) };
        load_code(code, 4);
        exec_code(&s);
        printf("lwarx=%08x stwcx. cr=%08x then lone stwcx. cr=%08x mem=", s.r[5], s.r[8], s.cr);
        dump(BUF, 4);
        printf("\n");
    }
    /* dcbz zeroes the whole 32-byte line containing the address. */
    {
        struct xstate s;
        fill();
        xs_init(&s);
        s.r[6] = (u32)BUF;
        s.r[7] = 37;
        run1(enc_x(0, 6, 7, 1014, 0), &s);
        printf("dcbz: ");
        dump(BUF + 24, 48);
        printf("\n");
    }
    return 0;
}
