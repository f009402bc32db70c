/*
 * String and memory work: memset and memcpy (byte loop and word loop, aligned and misaligned), memmove
 * backwards, strlen, strcmp, strchr, a naive and a Horspool substring search, and a tokenizer over
 * generated text. Our own C versions on both sides (no libc).
 */
#include "bench.h"

#define BUF 65536
#define ROUNDS SIZE(4800, 60)

static u32 wa[BUF / 4 + 8], wb[BUF / 4 + 8];
static char text[BUF + 1];
static u32 skip[256];

static void memset_b(u8 *d, u8 v, u32 n)
{
    while (n--)
        *d++ = v;
}

static void memset_w(u32 *d, u8 v, u32 nwords)
{
    u32 w = v * 0x01010101u;
    while (nwords >= 4) {
        d[0] = w;
        d[1] = w;
        d[2] = w;
        d[3] = w;
        d += 4;
        nwords -= 4;
    }
    while (nwords--)
        *d++ = w;
}

static void memcpy_w(u32 *d, const u32 *s, u32 nwords)
{
    while (nwords >= 4) {
        u32 a = s[0], b = s[1], c = s[2], e = s[3];
        d[0] = a;
        d[1] = b;
        d[2] = c;
        d[3] = e;
        d += 4;
        s += 4;
        nwords -= 4;
    }
    while (nwords--)
        *d++ = *s++;
}

static void memmove_back(u8 *d, const u8 *s, u32 n)
{
    d += n;
    s += n;
    while (n--)
        *--d = *--s;
}

static u32 strlen_(const char *s)
{
    const char *p = s;
    while (*p)
        p++;
    return (u32)(p - s);
}

static s32 strcmp_(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (s32)(u8)*a - (s32)(u8)*b;
}

static const char *strchr_(const char *s, char c)
{
    for (; *s; s++)
        if (*s == c)
            return s;
    return 0;
}

static u32 naive_count(const char *hay, u32 n, const char *needle, u32 m)
{
    u32 count = 0;
    for (u32 i = 0; i + m <= n; i++) {
        u32 j = 0;
        while (j < m && hay[i + j] == needle[j])
            j++;
        count += j == m;
    }
    return count;
}

static u32 horspool_count(const char *hay, u32 n, const char *needle, u32 m)
{
    for (u32 i = 0; i < 256; i++)
        skip[i] = m;
    for (u32 i = 0; i + 1 < m; i++)
        skip[(u8)needle[i]] = m - 1 - i;
    u32 count = 0, i = 0;
    while (i + m <= n) {
        u32 j = m;
        while (j > 0 && hay[i + j - 1] == needle[j - 1])
            j--;
        count += j == 0;
        i += skip[(u8)hay[i + m - 1]];
    }
    return count;
}

static u32 bytes_hash(const u8 *p, u32 n, u32 h)
{
    for (u32 i = 0; i < n; i += 61)
        h = mix(h, p[i]);
    return h;
}

static u32 run(void)
{
    u32 s = 0x51ED270Bu, sum = MIX_INIT;
    static const char words[8][8] = { "alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta" };
    /* Text: words separated by spaces and the odd newline. */
    u32 len = 0;
    while (len < BUF - 16) {
        const char *w = words[xs32(&s) & 7];
        while (*w)
            text[len++] = *w++;
        text[len++] = (xs32(&s) & 15) == 0 ? '\n' : ' ';
    }
    text[len] = 0;
    u8 *ba = (u8 *)wa, *bb = (u8 *)wb;
    for (u32 r = 0; r < ROUNDS; r++) {
        u8 v = (u8)(r * 37 + 1);
        memset_b(ba, v, BUF);
        memset_w(wb, (u8)(v ^ 0x5A), BUF / 4);
        memcpy_w(wb, (const u32 *)ba, BUF / 8);                 /* aligned half */
        b_memcpy(bb + 3, text + (r & 255), BUF / 2);            /* misaligned byte copy */
        memmove_back(bb + 1, bb, BUF / 4);                      /* overlapping, backwards */
        sum = bytes_hash(bb, BUF, sum);
        u32 l = strlen_(text + (r * 97 % 1000));
        const char *nl = strchr_(text + r, '\n');
        s32 c = strcmp_(text + (r % 50), text + (r % 70));
        sum = mix(sum, l);
        sum = mix(sum, nl ? (u32)(nl - text) : 0xFFFFFFFFu);
        sum = mix(sum, (u32)c);
        const char *needle = words[r & 7];
        u32 m = strlen_(needle);
        u32 n1 = naive_count(text, len, needle, m), n2 = horspool_count(text, len, needle, m);
        sum = mix(mix(sum, n1), n2);
        /* Tokenize: count words and their total length. */
        u32 nw = 0, total = 0;
        const char *p = text;
        while (*p) {
            while (*p == ' ' || *p == '\n')
                p++;
            const char *start = p;
            while (*p && *p != ' ' && *p != '\n')
                p++;
            if (p > start) {
                nw++;
                total += (u32)(p - start);
            }
        }
        sum = mix(mix(sum, nw), total);
        if (r % 800 == 0)
            printf("round %u: strlen %u, '%s' %u/%u times, %u words\n", r, l, needle, n1, n2, nw);
    }
    return sum;
}
