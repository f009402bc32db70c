/*
 * Code-cache pressure. (1) 8192 distinct assembled functions of three basic blocks each (24576
 * blocks, 256 KiB of code), called through a function-pointer table in a different pseudo-random
 * order every round, 96 rounds. (2) Routines generated at run time into a 512 KiB buffer: every
 * round writes 1024 new routines (straight-line arithmetic, some with a small bdnz loop) into
 * different 128-byte slots, so each slot holds a different routine each round, and calls each of
 * them several times. Every result is also computed in C from the same description; each part prints
 * a checksum and ok=1 when all results matched. About 100 M guest instructions in all.
 */
#include "enc.h"

#define NFUNC 8192
#define ROUNDS_STATIC 96
typedef u32 (*fn1)(u32);

/*
 * Function k (32 bytes): x += A(k); if (x & B(k)) x = rotl(x ^ C(k), D(k)); else x *= E(k).
 * A = (37k + 11) mod 2^15, B = 1 << (k mod 13), C = 97k mod 2^16, D = k mod 31 + 1, E = 2 (k mod 251) + 1.
 */
extern char mb_funcs[];
extern u32 mb_table[NFUNC];
__asm__(
    "    .text\n"
    "    .balign 32\n"
    "    .globl mb_funcs\n"
    "mb_funcs:\n"
    "    .set k, 0\n"
    "    .rept 8192\n"
    "    addi r3, r3, (k * 37 + 11) & 0x7fff\n"
    "    andi. r4, r3, 1 << (k % 13)\n"
    "    beq 1f\n"
    "    xori r3, r3, (k * 97) & 0xffff\n"
    "    rlwinm r3, r3, (k % 31) + 1, 0, 31\n"
    "    blr\n"
    "1:  mulli r3, r3, (k % 251) * 2 + 1\n"
    "    blr\n"
    "    .set k, k + 1\n"
    "    .endr\n"
    "    .data\n"
    "    .balign 4\n"
    "    .globl mb_table\n"
    "mb_table:\n"
    "    .set k, 0\n"
    "    .rept 8192\n"
    "    .long mb_funcs + 32 * k\n"
    "    .set k, k + 1\n"
    "    .endr\n"
    "    .text\n");

static u32 rotl(u32 x, u32 n) { return (x << n) | (x >> (32 - n)); }

static u32 ref_func(u32 k, u32 x)
{
    x += (k * 37 + 11) & 0x7FFF;
    if (x & (1u << (k % 13)))
        return rotl(x ^ ((k * 97) & 0xFFFF), k % 31 + 1);
    return x * ((k % 251) * 2 + 1);
}

static void static_part(void)
{
    u32 x = 1, want = 1, sum = 0, wsum = 0;
    for (u32 r = 0; r < ROUNDS_STATIC; r++) {
        u32 a = r * 8 + 5, b = r * 2654435761u; /* a odd: i -> a i + b is a permutation mod 2^13 */
        for (u32 i = 0; i < NFUNC; i++) {
            u32 k = (a * i + b) & (NFUNC - 1);
            x = ((fn1)mb_table[k])(x ^ i);
            want = ref_func(k, want ^ i);
            sum += x;
            wsum += want;
        }
        if (r % 32 == 0 || r == ROUNDS_STATIC - 1)
            printf("static round %d: x=%08x sum=%08x ok=%d\n", r, x, sum, x == want && sum == wsum);
    }
}

/* ---- run-time generated routines ---- */
#define NSLOTS 4096
#define SLOT_WORDS 32
#define NDYN 1024
#define ROUNDS_DYN 16
#define CALLS_PER_ROUTINE 4
#define MAXOPS 24
static u32 dynbuf[NSLOTS * SLOT_WORDS] __attribute__((aligned(4096)));

/* One operation on r3..r7: kind, destination, sources, immediate. */
struct op { u8 kind, d, a, b; u32 imm; };
struct prog { u8 nops, loop_at, loop_len, loop_cnt; struct op ops[MAXOPS]; };
static struct prog progs[NDYN];
static u32 rng;

static u32 rnd(void)
{
    rng = rng * 1103515245u + 12345u;
    return rng >> 8;
}

static u32 enc_op(const struct op *o)
{
    switch (o->kind) {
    case 0: return enc_xo(o->d, o->a, o->b, 0, XO_ADD, 0);
    case 1: return enc_xo(o->d, o->a, o->b, 0, XO_SUBF, 0);
    case 2: return enc_x(o->a, o->d, o->b, 316, 0);                       /* xor */
    case 3: return enc_xo(o->d, o->a, o->b, 0, XO_MULLW, 0);
    case 4: return enc_m(21, o->a, o->d, o->imm & 31, 0, 31, 0);          /* rotlwi */
    case 5: return enc_d(14, o->d, o->a, o->imm);                         /* addi */
    default: return enc_d(26, o->a, o->d, o->imm);                        /* xori */
    }
}

static u32 eval_op(const struct op *o, u32 *r)
{
    u32 a = r[o->a], b = r[o->b];
    switch (o->kind) {
    case 0: return a + b;
    case 1: return b - a;
    case 2: return a ^ b;
    case 3: return a * b;
    case 4: return (o->imm & 31) ? rotl(a, o->imm & 31) : a;
    case 5: return a + (u32)(s32)(short)o->imm;
    default: return a ^ (o->imm & 0xFFFF);
    }
}

/* Routine: r4..r7 from r3, nops operations (a stretch of them in a bdnz loop), result in r3. */
static void gen(struct prog *p, u32 seed)
{
    rng = seed;
    p->nops = 4 + rnd() % 17;
    p->loop_cnt = rnd() % 3 ? 0 : 1 + rnd() % 8;
    p->loop_len = p->loop_cnt ? 1 + rnd() % 3 : 0;
    p->loop_at = p->loop_cnt ? rnd() % (p->nops - p->loop_len + 1) : 0;
    for (u32 i = 0; i < p->nops; i++) {
        struct op *o = &p->ops[i];
        o->kind = rnd() % 7;
        o->d = 3 + rnd() % 5;
        o->a = 3 + rnd() % 5;
        o->b = 3 + rnd() % 5;
        o->imm = rnd() & 0xFFFF;
    }
}

static u32 emit_prog(const struct prog *p, u32 *w)
{
    u32 n = 0;
    w[n++] = enc_d(26, 3, 4, 0x1234);        /* xori r4,r3,0x1234 */
    w[n++] = enc_d(14, 5, 3, 77);            /* addi r5,r3,77 */
    w[n++] = enc_m(21, 3, 6, 13, 0, 31, 0);  /* rotlwi r6,r3,13 */
    w[n++] = enc_d(7, 7, 3, 3);              /* mulli r7,r3,3 */
    u32 top = 0;
    for (u32 i = 0; i < p->nops; i++) {
        if (p->loop_cnt && i == p->loop_at) {
            w[n++] = enc_li(8, p->loop_cnt);
            w[n++] = ENC_MTSPR(SPR_CTR, 8);
            top = n;
        }
        w[n++] = enc_op(&p->ops[i]);
        if (p->loop_cnt && i == p->loop_at + p->loop_len - 1) {
            w[n] = enc_bc(16, 0, ((s32)top - (s32)n) * 4, 0, 0);
            n++;
        }
    }
    w[n++] = 0x4E800020; /* blr */
    return n;
}

static u32 eval_prog(const struct prog *p, u32 x)
{
    u32 r[8];
    r[3] = x;
    r[4] = x ^ 0x1234;
    r[5] = x + 77;
    r[6] = rotl(x, 13);
    r[7] = x * 3;
    for (u32 i = 0; i < p->nops;) {
        if (p->loop_cnt && i == p->loop_at) {
            for (u32 c = 0; c < p->loop_cnt; c++)
                for (u32 j = i; j < i + p->loop_len; j++)
                    r[p->ops[j].d] = eval_op(&p->ops[j], r);
            i += p->loop_len;
        } else {
            r[p->ops[i].d] = eval_op(&p->ops[i], r);
            i++;
        }
    }
    return r[3];
}

static void dynamic_part(void)
{
    u32 sum = 0, wsum = 0, bad = 0, words = 0;
    static u32 where[NDYN];
    for (u32 r = 0; r < ROUNDS_DYN; r++) {
        for (u32 j = 0; j < NDYN; j++) {
            u32 slot = (j * 1237 + r * 331) & (NSLOTS - 1);
            u32 *w = &dynbuf[slot * SLOT_WORDS];
            gen(&progs[j], r * 0x10001u + j * 7919u + 1);
            /* the routine starts at a different word of its slot every round */
            u32 off = (r + j) % 5; /* routines are at most 28 words */
            u32 n = emit_prog(&progs[j], w + off);
            words += n;
            sync_icache(w + off, n * 4);
            where[j] = (u32)(w + off);
        }
        for (u32 c = 0; c < CALLS_PER_ROUTINE; c++) {
            for (u32 j = 0; j < NDYN; j++) {
                u32 k = (j * 389 + c * 17 + r) & (NDYN - 1), x = sum ^ (k << 8) ^ c;
                u32 got = ((fn1)where[k])(x), want = eval_prog(&progs[k], x);
                bad += got != want;
                sum = sum * 3 + got;
                wsum = wsum * 3 + want;
            }
        }
        if (r % 4 == 3)
            printf("dynamic round %d: sum=%08x words=%d ok=%d\n", r, sum, words, sum == wsum && bad == 0);
    }
}

int main(void)
{
    static_part();
    dynamic_part();
    return 0;
}
