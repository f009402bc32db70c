/*
 * Sorting: quicksort (median of three, insertion sort below 16), bottom-up merge sort and heapsort over
 * 256 Ki 32-bit keys, each round on fresh pseudo-random data; every result is checked to be sorted and
 * folded into the checksum.
 */
#include "bench.h"

#define N (256 * 1024)
#define ROUNDS SIZE(81, 3)

static u32 a[N], tmp[N];

static void insertion(u32 *v, s32 lo, s32 hi)
{
    for (s32 i = lo + 1; i <= hi; i++) {
        u32 x = v[i];
        s32 j = i - 1;
        while (j >= lo && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

static void swap(u32 *v, s32 i, s32 j)
{
    u32 t = v[i];
    v[i] = v[j];
    v[j] = t;
}

static void quicksort(u32 *v, s32 lo, s32 hi)
{
    while (hi - lo >= 16) {
        s32 mid = lo + (hi - lo) / 2;
        if (v[mid] < v[lo])
            swap(v, mid, lo);
        if (v[hi] < v[lo])
            swap(v, hi, lo);
        if (v[hi] < v[mid])
            swap(v, hi, mid);
        u32 pivot = v[mid];
        s32 i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j)
                swap(v, i++, j--);
        }
        /* Recurse into the smaller half, loop on the larger. */
        if (j - lo < hi - i) {
            quicksort(v, lo, j);
            lo = i;
        } else {
            quicksort(v, i, hi);
            hi = j;
        }
    }
    insertion(v, lo, hi);
}

static void mergesort(u32 *v, u32 *t, u32 n)
{
    u32 *src = v, *dst = t;
    for (u32 w = 1; w < n; w *= 2) {
        for (u32 lo = 0; lo < n; lo += 2 * w) {
            u32 mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            u32 i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                dst[k++] = src[i] <= src[j] ? src[i++] : src[j++];
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        u32 *x = src;
        src = dst;
        dst = x;
    }
    if (src != v)
        for (u32 i = 0; i < n; i++)
            v[i] = src[i];
}

static void sift(u32 *v, u32 root, u32 n)
{
    for (;;) {
        u32 c = 2 * root + 1;
        if (c >= n)
            return;
        if (c + 1 < n && v[c + 1] > v[c])
            c++;
        if (v[root] >= v[c])
            return;
        swap(v, root, c);
        root = c;
    }
}

static void heapsort(u32 *v, u32 n)
{
    for (u32 i = n / 2; i-- > 0;)
        sift(v, i, n);
    for (u32 end = n - 1; end > 0; end--) {
        swap(v, 0, end);
        sift(v, 0, end);
    }
}

static u32 check(const u32 *v, u32 n, u32 h)
{
    u32 bad = 0;
    for (u32 i = 1; i < n; i++)
        bad += v[i - 1] > v[i];
    for (u32 i = 0; i < n; i += 4093)
        h = mix(h, v[i]);
    return mix(h, bad);
}

static u32 run(void)
{
    u32 s = 0x9E3779B9u, sum = MIX_INIT;
    for (u32 r = 0; r < ROUNDS; r++) {
        /* Keys with many duplicates in one third of the rounds. */
        u32 mask = r % 3 == 2 ? 0xFFFu : 0xFFFFFFFFu;
        for (u32 i = 0; i < N; i++)
            a[i] = xs32(&s) & mask;
        switch (r % 3) {
        case 0:
            quicksort(a, 0, N - 1);
            break;
        case 1:
            mergesort(a, tmp, N);
            break;
        default:
            heapsort(a, N);
            break;
        }
        sum = check(a, N, sum);
        if (r % 9 < 3)
            printf("round %u min %08x median %08x max %08x\n", r, a[0], a[N / 2], a[N - 1]);
    }
    return sum;
}
