/* Shared runtime: polled ns16550 output, a small printf, interrupt dispatch, reset through GUTS RSTCR. */
#include <stdarg.h>
#include "rt.h"

/* CCSR is mapped at EA 0xFE000000 by crt0.S. */
#define CCSR 0xFE000000u
#define UART0 (CCSR + 0x4500)
#define UART_THR 0
#define UART_LSR 5
#define LSR_THRE 0x20
#define GUTS_RSTCR (CCSR + 0xE00B0)

/* In .data: crt0 stores them before it clears .bss. */
__attribute__((section(".data"))) u32 boot_r3, boot_r4, boot_r5, boot_r6, boot_r7, boot_msr;
handler_fn exc_handlers[VEC_MAX];
volatile struct exc_record exc_last;
u32 code_buf[64] __attribute__((aligned(32)));

void putc(int c)
{
    volatile u8 *uart = (volatile u8 *)UART0;
    while (!(uart[UART_LSR] & LSR_THRE))
        ;
    uart[UART_THR] = (u8)c;
}

void puts(const char *s)
{
    while (*s)
        putc(*s++);
}

static void put_uint(u32 v, int base, int width, char pad, int upper)
{
    char buf[12];
    int n = 0;
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
        buf[n++] = digits[v % (u32)base];
        v /= (u32)base;
    } while (v);
    while (n < width) {
        putc(pad);
        width--;
    }
    while (n)
        putc(buf[--n]);
}

/* Supports %c %s %d %u %x %X with an optional '0' flag and width, and %%. */
int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            putc(*fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0;
        if (*fmt == '0') {
            pad = '0';
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        switch (*fmt) {
        case 'c':
            putc(va_arg(ap, int));
            break;
        case 's':
            puts(va_arg(ap, const char *));
            break;
        case 'd': {
            s32 v = va_arg(ap, s32);
            if (v < 0) {
                putc('-');
                put_uint(-(u32)v, 10, width ? width - 1 : 0, pad, 0);
            } else {
                put_uint((u32)v, 10, width, pad, 0);
            }
            break;
        }
        case 'u':
            put_uint(va_arg(ap, u32), 10, width, pad, 0);
            break;
        case 'x':
        case 'X':
            put_uint(va_arg(ap, u32), 16, width, pad, *fmt == 'X');
            break;
        case '%':
            putc('%');
            break;
        default:
            putc('?');
            break;
        }
    }
    va_end(ap);
    return 0;
}

void reset(void)
{
    sync();
    *(volatile u32 *)GUTS_RSTCR = 0x2;
    sync();
    for (;;)
        ;
}

void exc_clear(void)
{
    exc_last.count = 0;
    exc_last.vec = exc_last.srr0 = exc_last.srr1 = exc_last.esr = exc_last.dear = 0xFFFFFFFF;
}

void exc_dispatch(struct frame *f)
{
    if (f->vec < VEC_MAX && exc_handlers[f->vec]) {
        exc_handlers[f->vec](f);
        return;
    }
    exc_last.count++;
    exc_last.vec = f->vec;
    exc_last.srr0 = f->srr0;
    exc_last.srr1 = f->srr1;
    exc_last.esr = f->esr;
    exc_last.dear = f->dear;
    switch (f->vec) {
    case VEC_DSI:
    case VEC_ALIGN:
    case VEC_PROGRAM:
    case VEC_FPU:
    case VEC_APU:
    case VEC_SPE:
        f->srr0 += 4; /* skip the faulting instruction */
        return;
    case VEC_SC:
        return; /* SRR0 already points after sc */
    default:
        printf("unexpected interrupt vec=%d srr0=%08x\n", f->vec, f->srr0);
        reset();
    }
}

void sync_icache(void *p, u32 bytes)
{
    u32 a = (u32)p & ~31u, end = (u32)p + bytes;
    for (; a < end; a += 32)
        __asm__ volatile("dcbst 0,%0; sync; icbi 0,%0" : : "r"(a) : "memory");
    __asm__ volatile("sync; isync" : : : "memory");
}

extern char exec_return[];

void load_code(const u32 *words, int n)
{
    for (int i = 0; i < n; i++)
        code_buf[i] = words[i];
    u32 off = (u32)exec_return - (u32)&code_buf[n];
    code_buf[n] = 0x48000000u | (off & 0x03FFFFFCu);
    sync_icache(code_buf, (n + 1) * 4);
}
