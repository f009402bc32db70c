/* Instruction encoders for generated test code (Book E / e500 opcode fields). */
#ifndef ENC_H
#define ENC_H
#include "rt.h"

static inline u32 enc_d(u32 op, u32 rt, u32 ra, u32 imm)
{
    return (op << 26) | (rt << 21) | (ra << 16) | (imm & 0xFFFF);
}
/* XO form: rD, rA, rB, OE, 9-bit extended opcode, Rc. */
static inline u32 enc_xo(u32 rt, u32 ra, u32 rb, u32 oe, u32 xo, u32 rc)
{
    return (31u << 26) | (rt << 21) | (ra << 16) | (rb << 11) | (oe << 10) | (xo << 1) | rc;
}
/* X form with primary opcode 31: first field, second field, third field, 10-bit extended opcode, Rc. */
static inline u32 enc_x(u32 f1, u32 f2, u32 f3, u32 xo, u32 rc)
{
    return (31u << 26) | (f1 << 21) | (f2 << 16) | (f3 << 11) | (xo << 1) | rc;
}
static inline u32 enc_m(u32 op, u32 rs, u32 ra, u32 sh, u32 mb, u32 me, u32 rc)
{
    return (op << 26) | (rs << 21) | (ra << 16) | (sh << 11) | (mb << 6) | (me << 1) | rc;
}
static inline u32 enc_xl(u32 bt, u32 ba, u32 bb, u32 xo, u32 lk)
{
    return (19u << 26) | (bt << 21) | (ba << 16) | (bb << 11) | (xo << 1) | lk;
}
static inline u32 enc_bc(u32 bo, u32 bi, s32 disp, u32 aa, u32 lk)
{
    return (16u << 26) | (bo << 21) | (bi << 16) | ((u32)disp & 0xFFFC) | (aa << 1) | lk;
}
static inline u32 enc_b(s32 disp, u32 aa, u32 lk)
{
    return (18u << 26) | ((u32)disp & 0x03FFFFFC) | (aa << 1) | lk;
}
static inline u32 enc_li(u32 rt, s32 v) { return enc_d(14, rt, 0, (u32)v); }
static inline u32 enc_spr(u32 xo, u32 rt, u32 spr)
{
    return enc_x(rt, spr & 0x1F, (spr >> 5) & 0x1F, xo, 0);
}
#define ENC_MFSPR(rt, spr) enc_spr(339, rt, spr)
#define ENC_MTSPR(spr, rs) enc_spr(467, rs, spr)
#define ENC_NOP 0x60000000u

/* XO-form extended opcodes. */
#define XO_ADD 266
#define XO_ADDC 10
#define XO_ADDE 138
#define XO_ADDME 234
#define XO_ADDZE 202
#define XO_SUBF 40
#define XO_SUBFC 8
#define XO_SUBFE 136
#define XO_SUBFME 232
#define XO_SUBFZE 200
#define XO_NEG 104
#define XO_MULLW 235
#define XO_MULHW 75
#define XO_MULHWU 11
#define XO_DIVW 491
#define XO_DIVWU 459

/* Runs one instruction with the given state. */
static inline void run1(u32 insn, struct xstate *s)
{
    load_code(&insn, 1);
    exec_code(s);
}

static inline void xs_init(struct xstate *s)
{
    for (int i = 0; i < 32; i++)
        s->r[i] = 0xDEAD0000u | (u32)i;
    s->cr = 0;
    s->xer = 0;
    s->ctr = 0;
    s->lr = 0;
}

#define XER_MASK 0xE000007Fu
#endif
