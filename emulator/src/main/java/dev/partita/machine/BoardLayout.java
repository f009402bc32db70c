package dev.partita.machine;

/**
 * What the device tree generator needs to know about a built machine: the facts that vary
 * between runs. The fixed ppce500 facts (addresses, interrupts) come from {@link Ppce500}.
 *
 * @param ramSize     bytes of RAM at physical address 0
 * @param cpuCount    number of e500v2 cores
 * @param bootargs    the kernel command line ({@code -append}), "" if none
 * @param initrdStart physical address of the initrd, or -1 when there is none
 * @param initrdEnd   end (exclusive) of the initrd
 * @param kernelStart physical address of a {@code -kernel} image loaded for U-Boot (qemu,boot-kernel), or -1
 * @param kernelSize  size of that image
 */
public record BoardLayout(long ramSize, int cpuCount, String bootargs, long initrdStart, long initrdEnd,
                          long kernelStart, long kernelSize) {
}
