package dev.partita.devicetree;

/** Hands out phandle values in increasing order from a first value (QEMU's device trees start at 0x8000). */
public final class PhandleAllocator {
    private int next;

    /** @param first the first phandle to hand out; must be neither 0 nor 0xFFFFFFFF */
    public PhandleAllocator(int first) {
        if (first == 0 || first == -1) {
            throw new IllegalArgumentException("0 and 0xffffffff are not valid phandles");
        }
        this.next = first;
    }

    /** The next unused phandle. */
    public int allocate() {
        int p = next++;
        if (p == -1) {
            throw new IllegalStateException("phandle space exhausted");
        }
        return p;
    }
}
