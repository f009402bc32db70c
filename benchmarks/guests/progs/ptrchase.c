/*
 * Pointer chasing: a singly linked ring of 512 Ki nodes laid out in random order (Sattolo's
 * permutation, so one cycle visits every node) walked many times, and a binary search tree of 128 Ki
 * random keys built by insertion and then searched. Both miss in every cache and TLB a host or an
 * emulator has.
 */
#include "bench.h"

#define NODES (512 * 1024)
#define TREE (128 * 1024)
#define LAPS SIZE(72, 2)
#define LOOKUPS SIZE(7500000, 150000)

struct node {
    struct node *next;
    u32 val;
};

struct tnode {
    struct tnode *left, *right;
    u32 key;
};

static struct node ring[NODES];
static u32 perm[NODES];
static struct tnode tree[TREE];

static u32 run(void)
{
    u32 s = 0xDEADBEEFu, sum = MIX_INIT;
    /* Sattolo: a random cyclic permutation. */
    for (u32 i = 0; i < NODES; i++)
        perm[i] = i;
    for (u32 i = NODES - 1; i > 0; i--) {
        u32 j = xs32(&s) % i;
        u32 t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    for (u32 i = 0; i < NODES; i++) {
        ring[i].next = &ring[perm[i]];
        ring[i].val = xs32(&s);
    }
    struct node *p = &ring[0];
    for (u32 lap = 0; lap < LAPS; lap++) {
        u32 acc = 0;
        for (u32 i = 0; i < NODES; i++) {
            acc = (acc ^ p->val) * 0x01000193u;
            p = p->next;
        }
        sum = mix(sum, acc);
        /* Each lap changes the values a little so the work cannot be skipped. */
        p->val += lap;
        if (lap % 24 == 0)
            printf("lap %u acc %08x\n", lap, acc);
    }

    /* Binary search tree: insert, then look up present and absent keys. */
    u32 used = 0, depth_sum = 0;
    struct tnode *root = 0;
    for (u32 i = 0; i < TREE; i++) {
        u32 key = xs32(&s) & 0x7FFFFFFFu;
        struct tnode **link = &root;
        u32 d = 0;
        while (*link) {
            if (key == (*link)->key)
                break;
            link = key < (*link)->key ? &(*link)->left : &(*link)->right;
            d++;
        }
        if (!*link) {
            struct tnode *n = &tree[used++];
            n->left = n->right = 0;
            n->key = key;
            *link = n;
            depth_sum += d;
        }
    }
    u32 found = 0, q = 0x1234567u;
    for (u32 i = 0; i < LOOKUPS; i++) {
        /* Alternate between keys that are in the tree and random ones. */
        u32 key = (i & 1) ? tree[xs32(&q) % used].key : xs32(&q) & 0x7FFFFFFFu;
        struct tnode *n = root;
        while (n && n->key != key)
            n = key < n->key ? n->left : n->right;
        if (n) {
            found++;
            sum = mix(sum, n->key);
        }
    }
    printf("tree nodes %u depth sum %u found %u\n", used, depth_sum, found);
    return mix(sum, found);
}
