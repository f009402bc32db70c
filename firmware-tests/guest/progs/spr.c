/* mtspr/mfspr: SPRG0-7 and their user-mode read aliases, USPRG0, SRR0/1, CSRR0/1, ESR, DEAR, PIR, PVR, CTR/LR/XER. */
#include "enc.h"

static u32 rd(u32 spr)
{
    struct xstate s;
    xs_init(&s);
    run1(ENC_MFSPR(5, spr), &s);
    return s.r[5];
}

static void wr(u32 spr, u32 v)
{
    struct xstate s;
    xs_init(&s);
    s.r[5] = v;
    run1(ENC_MTSPR(spr, 5), &s);
}

int main(void)
{
    static const u32 sprgs[] = { 272, 273, 274, 275, 276, 277, 278, 279, 256 };
    for (u32 i = 0; i < 9; i++)
        wr(sprgs[i], 0x5A000000u | (i << 16) | 0x1234u);
    for (u32 i = 0; i < 9; i++)
        printf("spr %d = %08x\n", sprgs[i], rd(sprgs[i]));
    for (u32 spr = 259; spr <= 263; spr++)
        printf("user alias spr %d = %08x\n", spr, rd(spr));
    static const u32 plain[] = { 26, 27, 58, 59, 62, 61 };
    static const char *names[] = { "srr0", "srr1", "csrr0", "csrr1", "esr", "dear" };
    for (u32 i = 0; i < 6; i++) {
        wr(plain[i], 0x10203040u + i);
        printf("%s = %08x\n", names[i], rd(plain[i]));
    }
    printf("pir = %08x pvr = %08x\n", rd(286), rd(287));
    /* CTR, LR and XER through mtspr/mfspr within one piece of code (exec_code sets them itself). */
    struct xstate s;
    xs_init(&s);
    s.r[5] = 0xCAFEBABE;
    s.r[6] = 0x0BADC0DE;
    s.r[7] = 0xE000007F;
    u32 code[6] = { ENC_MTSPR(9, 5), ENC_MTSPR(8, 6), ENC_MTSPR(1, 7), ENC_MFSPR(10, 9), ENC_MFSPR(11, 8), ENC_MFSPR(12, 1) };
    load_code(code, 6);
    exec_code(&s);
    printf("ctr=%08x lr=%08x xer=%08x\n", s.r[10], s.r[11], s.r[12] & XER_MASK);
    return 0;
}
