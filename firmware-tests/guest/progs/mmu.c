/*
 * MMU: data and instruction TLB misses handled by installing a TLB0 entry from the handler, the MAS
 * values the core preloads on a miss, data storage on a write to a read-only page, instruction
 * storage on a page without execute permission, PID matching, tlbsx hit and miss, tlbre, tlbivax.
 */
#include "enc.h"

#define VA 0x10000000u
static u8 pg[6][4096] __attribute__((aligned(4096)));
static volatile u32 mode;   /* what the TLB miss handlers do */
static volatile u32 nint;

static void tlbwe(u32 mas0, u32 mas1, u32 mas2, u32 mas3)
{
    mtspr(SPR_MAS0, mas0);
    mtspr(SPR_MAS1, mas1);
    mtspr(SPR_MAS2, mas2);
    mtspr(SPR_MAS3, mas3);
    mtspr(SPR_MAS7, 0);
    __asm__ volatile("isync; tlbwe; isync" : : : "memory");
}

static u32 pa_for(u32 ea)
{
    return (u32)pg[(ea - VA) >> 12];
}

static void print_mas(const char *what)
{
    printf("%s: mas0=%08x mas1=%08x mas2=%08x mas3=%08x mas7=%08x\n", what, mfspr(SPR_MAS0), mfspr(SPR_MAS1),
           mfspr(SPR_MAS2), mfspr(SPR_MAS3), mfspr(SPR_MAS7));
}

/* Data/instruction TLB miss: report, then (mode 0) install the page from the preloaded MAS values,
 * or (mode 1) switch PID to 5 so an existing TID-5 entry matches. */
static void on_tlb_miss(struct frame *f)
{
    nint++;
    u32 ea = f->vec == VEC_DTLB ? f->dear : f->srr0;
    printf("%s miss ea=%08x esr=%08x\n", f->vec == VEC_DTLB ? "dtlb" : "itlb", ea, f->vec == VEC_DTLB ? f->esr : 0);
    print_mas("  preloaded");
    if (mode == 1) {
        mtspr(SPR_PID, 5);
        isync();
        return;
    }
    mtspr(SPR_MAS3, pa_for(ea) | 0x3F);
    mtspr(SPR_MAS7, 0);
    __asm__ volatile("isync; tlbwe; isync" : : : "memory");
}

static void on_storage(struct frame *f)
{
    nint++;
    if (f->vec == VEC_DSI) {
        printf("dsi dear=%08x esr=%08x\n", f->dear, f->esr);
        f->srr0 += 4;
    } else {
        printf("isi srr0=%08x esr=%08x\n", f->srr0, f->esr);
        f->srr0 = f->lr; /* return to the caller */
        f->gpr[3] = 0xBAD;
    }
}

typedef u32 (*fn)(void);

static void put_code(u8 *page)
{
    u32 *w = (u32 *)page;
    w[0] = enc_li(3, 42);
    w[1] = 0x4E800020; /* blr */
    sync_icache(page, 8);
}

int main(void)
{
    exc_handlers[VEC_DTLB] = on_tlb_miss;
    exc_handlers[VEC_ITLB] = on_tlb_miss;
    exc_handlers[VEC_DSI] = on_storage;
    exc_handlers[VEC_ISI] = on_storage;
    mtspr(SPR_MAS4, 0x00000100); /* defaults on a miss: TLB0, 4 KiB, WIMGE 0 */
    mtspr(SPR_PID, 0);
    isync();

    volatile u32 *p = (volatile u32 *)(VA + 0x10);
    *p = 0x12345678; /* store miss */
    printf("after store miss: va=%08x pa=%08x interrupts=%d\n", *p, *(volatile u32 *)(pg[0] + 0x10), nint);
    volatile u32 *q = (volatile u32 *)(VA + 0x1020);
    *(volatile u32 *)(pg[1] + 0x20) = 0xFEEDFACE;
    printf("load miss: %08x interrupts=%d\n", *q, nint);

    /* tlbsx hit and miss, then tlbre of the found entry. */
    mtspr(SPR_MAS6, 0);
    __asm__ volatile("tlbsx 0,%0; isync" : : "r"(VA + 0x1234) : "memory");
    print_mas("tlbsx hit");
    u32 mas0 = mfspr(SPR_MAS0);
    mtspr(SPR_MAS0, mas0);
    mtspr(SPR_MAS2, VA + 0x1000);
    __asm__ volatile("isync; tlbre; isync" : : : "memory");
    print_mas("tlbre");
    __asm__ volatile("tlbsx 0,%0; isync" : : "r"(0x20000000u) : "memory");
    print_mas("tlbsx miss");

    /* tlbivax of one page: the next access misses again. */
    __asm__ volatile("tlbivax 0,%0; isync; msync" : : "r"(VA) : "memory");
    printf("after tlbivax: %08x interrupts=%d\n", *p, nint);
    /* tlbivax of all of TLB0 (EA bit 0x4). */
    __asm__ volatile("tlbivax 0,%0; isync; msync" : : "r"(0x4u) : "memory");
    printf("after tlbivax all: %08x %08x interrupts=%d\n", *p, *q, nint);

    /* Read-only page: a store gives a data storage interrupt with ESR[ST], loads work. */
    *(volatile u32 *)(pg[2] + 8) = 0xAAAA5555;
    tlbwe(0x00000000, 0x80000100, VA + 0x2000, pa_for(VA + 0x2000) | 0x01 | 0x02 | 0x10 | 0x20);
    *(volatile u32 *)(VA + 0x2008) = 1;
    printf("read-only page: %08x interrupts=%d\n", *(volatile u32 *)(VA + 0x2008), nint);

    /* No-execute page: calling into it gives an instruction storage interrupt. */
    put_code(pg[3]);
    tlbwe(0x00010000, 0x80000100, VA + 0x3000, pa_for(VA + 0x3000) | 0x01 | 0x04);
    printf("call no-exec page: r3=%x interrupts=%d\n", ((fn)(VA + 0x3000))(), nint);

    /* Instruction TLB miss: the handler maps the page, the call then runs. */
    put_code(pg[4]);
    printf("call unmapped page: r3=%d interrupts=%d\n", ((fn)(VA + 0x4000))(), nint);

    /* PID: an entry with TID 5 does not match while PID = 0; the handler sets PID = 5. */
    *(volatile u32 *)(pg[5] + 4) = 0x5555AAAA;
    tlbwe(0x00000000, 0x80050100, VA + 0x5000, pa_for(VA + 0x5000) | 0x3F);
    mode = 1;
    printf("tid 5 entry: %08x interrupts=%d pid=%d\n", *(volatile u32 *)(VA + 0x5004), nint, mfspr(SPR_PID));
    mode = 0;
    mtspr(SPR_PID, 0);
    isync();
    return 0;
}
