/*
 * System-heavy guest: a tiny round-robin kernel. Four user-mode tasks (MSR[PR] = 1) run in address
 * space 1 (MSR[IS] = MSR[DS] = 1), each with its own PID and a private 1 MiB region at the same virtual
 * address, so every access of theirs goes through TLB0 entries the kernel writes from its instruction
 * and data TLB miss handlers (the four regions together need twice as many pages as TLB0 holds). Tasks
 * make system calls (report a value, yield, exit) every few hundred instructions, and the decrementer
 * preempts them (auto-reload). Interrupt entry saves the whole user context in a per-task save area
 * (SPRG0 points at it) and runs the C handler on the kernel stack.
 *
 * Deterministic: a task's results depend only on its own work and its own system calls, never on where
 * the decrementer preempted it, so the checksum is the same at any speed. Counts that do depend on
 * timing (decrementer interrupts, TLB misses) are not printed.
 *
 * Native twin (-DNATIVE): a host stand-in for the kernel, not a model of its cost. The same task code
 * runs as cooperative coroutines (ucontext), round robin, each in its own private region (the same
 * host buffer the guest maps, used directly, its top 64 KiB as the task's stack); a system call is a
 * direct call of the same k_syscall() the guest's trap handler uses, and yield and exit switch back to
 * a scheduler loop that picks the next task with the same next_task(). There is no preemption, MMU or
 * interrupt entry on the host: the guest-only parts (vectors, entry code, TLB miss handler,
 * decrementer) are under #ifndef NATIVE.
 */
#include "bench.h"

#define NTASKS 4
#define UVA 0x10000000u        /* every task's private region, at the same EA */
#define USIZE 0x100000u        /* 1 MiB = 256 pages */
#define WORK_PAGES 240         /* the rest is the task's stack */
#define ITERS SIZE(1200000, 8000)
#define DEC_PERIOD 40000       /* time base ticks between preemptions */

#define SYS_REPORT 1
#define SYS_YIELD 2
#define SYS_EXIT 3

#ifndef NATIVE
#define SPR_IVOR(n) (400 + (n))
#define MAS3_UX 0x20
#define MAS3_UW 0x08
#define MAS3_SW 0x04
#define MAS3_UR 0x02
#define MAS3_SR 0x01

/* Saved user context; offsets used by the entry code below. */
struct ctx {
    u32 gpr[32];
    u32 cr, xer, ctr, lr, srr0, srr1;
};

static struct ctx ctxs[NTASKS];
u8 kstack[16384] __attribute__((aligned(16)));
extern char vectors[], __bss_start[];

/* Interrupt entry: one 32-byte stub per vector saves r3/r4, then the common code saves everything
 * into *SPRG0, calls k_trap(ctx, vec) on the kernel stack and resumes the context it returns. */
__asm__(
    "    .section .vectors, \"ax\"\n"
    "    .macro KSTUB n\n"
    "    .balign 32\n"
    "    .globl kv_\\n\n"
    "kv_\\n:\n"
    "    mtspr 273, r3\n"
    "    mfspr r3, 272\n"
    "    stw r4, 16(r3)\n"
    "    li r4, \\n\n"
    "    b k_entry\n"
    "    .endm\n"
    "    KSTUB 0\n KSTUB 1\n KSTUB 2\n KSTUB 3\n KSTUB 4\n KSTUB 5\n KSTUB 6\n KSTUB 7\n"
    "    KSTUB 8\n KSTUB 9\n KSTUB 10\n KSTUB 11\n KSTUB 12\n KSTUB 13\n KSTUB 14\n KSTUB 15\n"
    "k_entry:\n"
    "    stw r0, 0(r3)\n"
    "    stw r1, 4(r3)\n"
    "    stw r2, 8(r3)\n"
    "    mfspr r0, 273\n"
    "    stw r0, 12(r3)\n"
    "    .irp n, 5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
    "    stw r\\n, (4 * \\n)(r3)\n"
    "    .endr\n"
    "    mfcr r0\n    stw r0, 128(r3)\n"
    "    mfxer r0\n    stw r0, 132(r3)\n"
    "    mfctr r0\n    stw r0, 136(r3)\n"
    "    mflr r0\n    stw r0, 140(r3)\n"
    "    mfsrr0 r0\n    stw r0, 144(r3)\n"
    "    mfsrr1 r0\n    stw r0, 148(r3)\n"
    "    lis r1, (kstack + 16384 - 16)@ha\n"
    "    addi r1, r1, (kstack + 16384 - 16)@l\n"
    "    bl k_trap\n"
    "    .globl k_resume\n"
    "k_resume:\n"
    "    mtspr 272, r3\n"
    "    lwz r0, 128(r3)\n    mtcr r0\n"
    "    lwz r0, 132(r3)\n    mtxer r0\n"
    "    lwz r0, 136(r3)\n    mtctr r0\n"
    "    lwz r0, 140(r3)\n    mtlr r0\n"
    "    lwz r0, 144(r3)\n    mtsrr0 r0\n"
    "    lwz r0, 148(r3)\n    mtsrr1 r0\n"
    "    lwz r0, 0(r3)\n"
    "    lwz r1, 4(r3)\n"
    "    lwz r2, 8(r3)\n"
    "    .irp n, 4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
    "    lwz r\\n, (4 * \\n)(r3)\n"
    "    .endr\n"
    "    lwz r3, 12(r3)\n"
    "    rfi\n"
    "    .text\n");

extern char kv_0[], kv_1[], kv_2[], kv_3[], kv_4[], kv_5[], kv_6[], kv_7[], kv_8[], kv_9[], kv_10[],
    kv_11[], kv_12[], kv_13[], kv_14[], kv_15[];
void k_resume(struct ctx *c) __attribute__((noreturn));
struct ctx *k_trap(struct ctx *c, u32 vec);
#endif

/* Each task's private region: physical backing of its mapping at UVA on the guest, used directly on the host. */
static u32 user_mem[NTASKS][USIZE / 4] __attribute__((aligned(4096)));
static u32 alive[NTASKS], result[NTASKS], kacc[NTASKS], nsys[NTASKS];
static u32 current;

/* ---- user side: runs with MSR[PR,IS,DS] = 1, touches only its stack and its region ---- */

#ifndef NATIVE
static inline u32 sys(u32 n, u32 a)
{
    register u32 r0 __asm__("r0") = n;
    register u32 r3 __asm__("r3") = a;
    __asm__ volatile("sc" : "+r"(r3) : "r"(r0) : "memory");
    return r3;
}
#define TASK_REGION(id) ((u32 *)UVA)
#else
static u32 sys(u32 n, u32 a);
#define TASK_REGION(id) (user_mem[id])
#endif

static void __attribute__((noreturn, noinline)) task_main(u32 id)
{
    u32 *mem = TASK_REGION(id);
    u32 s = 0x2545F491u * (id + 1), acc = id;
    for (u32 i = 0; i < WORK_PAGES * 1024; i += 16)
        mem[i] = i * (id + 3);
    u32 iters = ITERS - id * (ITERS / 8); /* tasks finish at different times */
    for (u32 it = 0; it < iters; it++) {
        /* A burst of read-modify-write on one random page of the region. */
        u32 *p = mem + (xs32(&s) % WORK_PAGES) * 1024;
        for (u32 k = 0; k < 16; k++) {
            u32 idx = (acc + k * 37) & 1023;
            acc = acc * 31 + p[idx];
            p[idx] = acc ^ k;
        }
        if ((it & 3) == 0)
            acc ^= sys(SYS_REPORT, acc);
        if ((it & 31) == 31)
            sys(SYS_YIELD, 0);
    }
    for (;;)
        sys(SYS_EXIT, acc);
}

/* ---- kernel side: shared by the guest kernel and the native stand-in ---- */

enum { SC_CONTINUE, SC_SWITCH, SC_BAD };

/* System call n of the current task with argument *a (r0 and r3 on the guest). SC_CONTINUE: the task
 * goes on with *a as the result; SC_SWITCH: it gives up the processor (yield, exit); SC_BAD: no such call. */
static u32 k_syscall(u32 n, u32 *a)
{
    nsys[current]++;
    switch (n) {
    case SYS_REPORT:
        kacc[current] = mix(kacc[current], *a);
        *a = kacc[current];
        return SC_CONTINUE;
    case SYS_YIELD:
        return SC_SWITCH;
    case SYS_EXIT:
        result[current] = mix(kacc[current], *a);
        alive[current] = 0;
        return SC_SWITCH;
    default:
        return SC_BAD;
    }
}

/* Round robin: the next live task after the current one (the current one last), NTASKS when none is left. */
static u32 next_task(void)
{
    for (u32 i = 1; i <= NTASKS; i++) {
        u32 t = (current + i) % NTASKS;
        if (alive[t])
            return t;
    }
    return NTASKS;
}

/* Prints each task's outcome; returns the checksum over them. */
static u32 report(void)
{
    u32 sum = MIX_INIT;
    for (u32 t = 0; t < NTASKS; t++) {
        printf("task %u: result %08x, %u system calls\n", t, result[t], nsys[t]);
        sum = mix(mix(sum, result[t]), nsys[t]);
    }
    return sum;
}

#ifndef NATIVE
/* ---- guest kernel: interrupts, TLB refill, preemption ---- */

static void tlb_write(u32 mas1, u32 mas2, u32 mas3)
{
    /* MAS0 keeps what the miss preloaded: TLB0, the set's next victim way. */
    mtspr(SPR_MAS1, mas1);
    mtspr(SPR_MAS2, mas2);
    mtspr(SPR_MAS3, mas3);
    mtspr(SPR_MAS7, 0);
    __asm__ volatile("isync; tlbwe; isync" : : : "memory");
}

static void __attribute__((noreturn)) finish(void)
{
    mtspr(SPR_TCR, 0);
    printf("checksum %08x\n", report());
    reset();
}

static void __attribute__((noreturn)) fatal(struct ctx *c, u32 vec)
{
    printf("kernel: task %u: unexpected interrupt %u at %08x (dear %08x esr %08x)\n", current, vec, c->srr0,
           mfspr(SPR_DEAR), mfspr(SPR_ESR));
    reset();
}

/* Round robin to the next live task, switching PID; finishes when none is left. */
static struct ctx *schedule(void)
{
    u32 t = next_task();
    if (t == NTASKS)
        finish();
    current = t;
    mtspr(SPR_PID, t + 1);
    return &ctxs[t];
}

/* Maps the page of a TLB miss: the task's region privately, the program image read/execute for all. */
static void tlb_miss(struct ctx *c, u32 vec, u32 ea)
{
    u32 page = ea & ~0xFFFu;
    if (ea - UVA < USIZE) {
        u32 pa = (u32)user_mem[current] + (page - UVA);
        tlb_write(0x80001100u | ((current + 1) << 16), page, pa | MAS3_UW | MAS3_UR | MAS3_SW | MAS3_SR);
    } else if (ea >= (u32)vectors && ea < (u32)__bss_start) {
        tlb_write(0x80001100u, page, page | MAS3_UX | MAS3_UR | MAS3_SR);
    } else {
        fatal(c, vec);
    }
}

struct ctx *k_trap(struct ctx *c, u32 vec)
{
    switch (vec) {
    case VEC_SC:
        switch (k_syscall(c->gpr[0], &c->gpr[3])) {
        case SC_CONTINUE:
            return c;
        case SC_SWITCH:
            return schedule();
        default:
            fatal(c, vec);
        }
    case VEC_DEC:
        mtspr(SPR_TSR, TSR_DIS);
        return schedule();
    case VEC_DTLB:
        tlb_miss(c, vec, mfspr(SPR_DEAR));
        return c;
    case VEC_ITLB:
        tlb_miss(c, vec, c->srr0);
        return c;
    default:
        fatal(c, vec);
    }
}

#define SET_IVOR(n) mtspr(SPR_IVOR(n), (u32)kv_##n - (u32)vectors)

static u32 run(void)
{
    SET_IVOR(0); SET_IVOR(1); SET_IVOR(2); SET_IVOR(3); SET_IVOR(4); SET_IVOR(5); SET_IVOR(6); SET_IVOR(7);
    SET_IVOR(8); SET_IVOR(9); SET_IVOR(10); SET_IVOR(11); SET_IVOR(12); SET_IVOR(13); SET_IVOR(14); SET_IVOR(15);
    isync();
    if ((u32)kv_15 - (u32)vectors > 0xFFF0) {
        printf("kernel: vectors out of IVOR range\n");
        reset();
    }
    mtspr(SPR_MAS4, 0x00000100); /* miss defaults: TLB0, 4 KiB */
    for (u32 t = 0; t < NTASKS; t++) {
        struct ctx *c = &ctxs[t];
        c->gpr[1] = UVA + USIZE - 16;
        c->gpr[3] = t;
        c->srr0 = (u32)task_main;
        c->srr1 = MSR_PR | MSR_EE | MSR_IS | MSR_DS;
        alive[t] = 1;
    }
    printf("kernel: %u tasks, %u iterations\n", NTASKS, ITERS);
    mtspr(SPR_TSR, 0xFFFFFFFFu);
    mtspr(SPR_DECAR, DEC_PERIOD);
    mtspr(SPR_DEC, DEC_PERIOD);
    mtspr(SPR_TCR, TCR_DIE | TCR_ARE);
    current = 0;
    mtspr(SPR_PID, 1);
    k_resume(&ctxs[0]);
}
#else
/* ---- native stand-in: cooperative round robin on the host ---- */
#include <stdlib.h>
#include <ucontext.h>

#define TASK_STACK (USIZE - WORK_PAGES * 4096) /* the top of the region, as on the guest */

static ucontext_t kernel_ctx, task_ctx[NTASKS];

/* A system call is a direct call of the kernel's function; yield and exit switch to the scheduler loop. */
static u32 sys(u32 n, u32 a)
{
    switch (k_syscall(n, &a)) {
    case SC_CONTINUE:
        break;
    case SC_SWITCH:
        swapcontext(&task_ctx[current], &kernel_ctx);
        break;
    default:
        printf("kernel: task %u: bad system call %u\n", current, n);
        exit(1);
    }
    return a;
}

static void task_start(void)
{
    task_main(current);
}

static u32 run(void)
{
    for (u32 t = 0; t < NTASKS; t++) {
        getcontext(&task_ctx[t]);
        task_ctx[t].uc_stack.ss_sp = &user_mem[t][WORK_PAGES * 1024];
        task_ctx[t].uc_stack.ss_size = TASK_STACK;
        task_ctx[t].uc_link = NULL; /* task_main never returns */
        makecontext(&task_ctx[t], task_start, 0);
        alive[t] = 1;
    }
    printf("kernel: %u tasks, %u iterations\n", NTASKS, ITERS);
    current = NTASKS - 1; /* so that task 0 runs first, as on the guest */
    for (u32 t; (t = next_task()) != NTASKS;) {
        current = t;
        swapcontext(&kernel_ctx, &task_ctx[t]);
    }
    return report();
}
#endif
