/*
 * Conditional branches: every BO value for bc/bcl (with CTR 0, 1, 2 and the condition bit set and
 * clear), bclr/bclrl and bcctr/bcctrl (non-decrementing BO only, decrementing bcctr is an invalid
 * form), and b/ba/bl. Prints taken/not taken, CTR after, LR relative to the code.
 */
#include "enc.h"

static u32 rel(u32 lr)
{
    return lr - (u32)code_buf;
}

/* code: 0: <branch to 3>  1: li r5,0  2: b +8  3: li r5,1  4: (return) */
static void run_branch(u32 branch, u32 ctr, u32 cr, u32 lr, struct xstate *s)
{
    u32 code[4] = { branch, enc_li(5, 0), enc_b(8, 0, 0), enc_li(5, 1) };
    xs_init(s);
    s->ctr = ctr;
    s->cr = cr;
    s->lr = lr;
    s->r[5] = 0x55;
    load_code(code, 4);
    exec_code(s);
}

int main(void)
{
    static const u32 bis[] = { 0, 2, 13, 31 };
    for (u32 bo = 0; bo < 32; bo++) {
        for (u32 lk = 0; lk < 2; lk++) {
            printf("bc%s bo=%02d:", lk ? "l" : "", bo);
            for (u32 b = 0; b < 4; b++) {
                for (u32 cond = 0; cond < 2; cond++) {
                    for (u32 ctr = 0; ctr < 3; ctr++) {
                        struct xstate s;
                        u32 cr = cond ? (0x80000000u >> bis[b]) : ~(0x80000000u >> bis[b]);
                        run_branch(enc_bc(bo, bis[b], 12, 0, lk), ctr, cr, 0x1234, &s);
                        printf(" %d%x%s", s.r[5], s.ctr, lk ? (rel(s.lr) == 4 ? "L" : "?") : (s.lr == 0x1234 ? "" : "!"));
                    }
                }
            }
            printf("\n");
        }
    }
    for (u32 bo = 0; bo < 32; bo++) {
        for (u32 lk = 0; lk < 2; lk++) {
            printf("bclr%s bo=%02d:", lk ? "l" : "", bo);
            for (u32 cond = 0; cond < 2; cond++) {
                for (u32 ctr = 0; ctr < 3; ctr++) {
                    struct xstate s;
                    u32 cr = cond ? 0x20000000u : 0xDFFFFFFFu;
                    run_branch(enc_xl(bo, 2, 0, 16, lk), ctr, cr, (u32)&code_buf[3], &s);
                    printf(" %d%x/%x", s.r[5], s.ctr, rel(s.lr));
                }
            }
            printf("\n");
        }
    }
    for (u32 bo = 0; bo < 32; bo++) {
        if (!(bo & 4))
            continue;
        for (u32 lk = 0; lk < 2; lk++) {
            printf("bcctr%s bo=%02d:", lk ? "l" : "", bo);
            for (u32 cond = 0; cond < 2; cond++) {
                struct xstate s;
                u32 cr = cond ? 0x00000100u : 0xFFFFFEFFu;
                run_branch(enc_xl(bo, 23, 0, 528, lk), (u32)&code_buf[3], cr, 0x4321, &s);
                printf(" %d%x/%x", s.r[5], rel(s.ctr), lk ? rel(s.lr) : s.lr);
            }
            printf("\n");
        }
    }
    /* Unconditional: relative, absolute (code_buf lies below 32 MiB), with link. */
    struct xstate s;
    run_branch(enc_b(12, 0, 0), 7, 0, 0, &s);
    printf("b +12: r5=%d lr=%x\n", s.r[5], s.lr);
    run_branch(enc_b(12, 0, 1), 7, 0, 0, &s);
    printf("bl +12: r5=%d lr=+%x\n", s.r[5], rel(s.lr));
    run_branch(enc_b((s32)(u32)&code_buf[3], 1, 1), 7, 0, 0, &s);
    printf("bla: r5=%d lr=+%x\n", s.r[5], rel(s.lr));
    /* Backward loop with bdnz: counts down CTR from 5, r5 += 1 each round. */
    {
        u32 code[3] = { enc_li(5, 0), enc_d(14, 5, 5, 1), enc_bc(16, 0, -4, 0, 0) };
        xs_init(&s);
        s.ctr = 5;
        load_code(code, 3);
        exec_code(&s);
        printf("bdnz loop: r5=%d ctr=%x\n", s.r[5], s.ctr);
    }
    return 0;
}
