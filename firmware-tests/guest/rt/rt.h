/* Shared runtime of the bare-metal e500v2 test programs: UART output, SPR access, exceptions, reset. */
#ifndef RT_H
#define RT_H

typedef unsigned int u32;
typedef int s32;
typedef unsigned short u16;
typedef unsigned char u8;
typedef unsigned long long u64;

#define SPR_XER 1
#define SPR_LR 8
#define SPR_CTR 9
#define SPR_DEC 22
#define SPR_SRR0 26
#define SPR_SRR1 27
#define SPR_PID 48
#define SPR_DECAR 54
#define SPR_DEAR 61
#define SPR_ESR 62
#define SPR_IVPR 63
#define SPR_USPRG0 256
#define SPR_SPRG3_RO 259
#define SPR_TBL_R 268
#define SPR_TBU_R 269
#define SPR_SPRG0 272
#define SPR_SPRG1 273
#define SPR_SPRG2 274
#define SPR_SPRG3 275
#define SPR_SPRG4 276
#define SPR_SPRG5 277
#define SPR_SPRG6 278
#define SPR_SPRG7 279
#define SPR_TBL_W 284
#define SPR_TBU_W 285
#define SPR_PIR 286
#define SPR_PVR 287
#define SPR_TSR 336
#define SPR_TCR 340
#define SPR_MAS0 624
#define SPR_MAS1 625
#define SPR_MAS2 626
#define SPR_MAS3 627
#define SPR_MAS4 628
#define SPR_MAS6 630
#define SPR_TLB0CFG 688
#define SPR_TLB1CFG 689
#define SPR_MAS7 944
#define SPR_MMUCFG 1015
#define SPR_SVR 1023

#define MSR_PR 0x00004000
#define MSR_EE 0x00008000
#define MSR_ME 0x00001000
#define MSR_IS 0x00000020
#define MSR_DS 0x00000010

#define ESR_PIL 0x08000000
#define ESR_PPR 0x04000000
#define ESR_PTR 0x02000000
#define ESR_ST 0x00800000

#define TSR_DIS 0x08000000
#define TSR_FIS 0x04000000
#define TCR_DIE 0x04000000
#define TCR_FIE 0x00800000
#define TCR_ARE 0x00400000

/* Interrupt vector numbers as the IVOR numbers. */
#define VEC_CRITICAL 0
#define VEC_MCHECK 1
#define VEC_DSI 2
#define VEC_ISI 3
#define VEC_EXTERNAL 4
#define VEC_ALIGN 5
#define VEC_PROGRAM 6
#define VEC_FPU 7
#define VEC_SC 8
#define VEC_APU 9
#define VEC_DEC 10
#define VEC_FIT 11
#define VEC_WDT 12
#define VEC_DTLB 13
#define VEC_ITLB 14
#define VEC_DEBUG 15
#define VEC_SPE 32
#define VEC_MAX 36

#define mfspr(n) ({ u32 v_; __asm__ volatile("mfspr %0,%1" : "=r"(v_) : "i"(n)); v_; })
#define mtspr(n, v) __asm__ volatile("mtspr %0,%1" : : "i"(n), "r"((u32)(v)) : "memory")
#define isync() __asm__ volatile("isync" : : : "memory")
#define sync() __asm__ volatile("sync" : : : "memory")

static inline u32 mfmsr(void) { u32 v; __asm__ volatile("mfmsr %0" : "=r"(v)); return v; }
static inline void mtmsr(u32 v) { __asm__ volatile("mtmsr %0; isync" : : "r"(v) : "memory"); }
static inline u32 mfcr(void) { u32 v; __asm__ volatile("mfcr %0" : "=r"(v)); return v; }

/* Saved state of an interrupted context; handlers may change any field and it is restored by rfi. */
struct frame {
    u32 backchain, lrsave;
    u32 gpr[32];
    u32 cr, xer, ctr, lr, srr0, srr1, vec, esr, dear, pad[5];
};

/* A handler returns nothing; the default one records the interrupt and skips the faulting instruction. */
typedef void (*handler_fn)(struct frame *f);
extern handler_fn exc_handlers[VEC_MAX];

/* What the default handler recorded about the last interrupt. */
struct exc_record { u32 count, vec, srr0, srr1, esr, dear; };
extern volatile struct exc_record exc_last;
void exc_clear(void);

void putc(int c);
void puts(const char *s);
int printf(const char *fmt, ...);
void reset(void) __attribute__((noreturn));

/* Boot registers as the board handed them to _start. */
extern u32 boot_r3, boot_r4, boot_r5, boot_r6, boot_r7, boot_msr;

/* Run a small piece of generated code (see exec.S). */
struct xstate { u32 r[32]; u32 cr, xer, ctr, lr; };
extern u32 code_buf[64];
void exec_code(struct xstate *s);
/* Copies n words into code_buf, appends the return branch and makes them visible to instruction fetch. */
void load_code(const u32 *words, int n);
void sync_icache(void *p, u32 bytes);

int main(void);
#endif
