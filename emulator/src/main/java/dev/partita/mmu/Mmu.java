package dev.partita.mmu;

import dev.partita.cpu.Cpu;
import dev.partita.cpu.GuestTrap;
import dev.partita.cpu.Ivor;
import dev.partita.cpu.Msr;
import dev.partita.cpu.Sprs;
import dev.partita.memory.PhysicalBus;
import dev.partita.memory.Region;

/**
 * The e500v2 Book E MMU of one core: TLB0/TLB1, MAS registers, translation, and the slow path of
 * every memory access (soft TLB misses, MMIO, misaligned and little-endian accesses, faults).
 *
 * <p><b>Translation.</b> An entry matches when it is valid, MAS1[TS] equals MSR[IS] (fetch) or
 * MSR[DS] (data), MAS1[TID] is 0 or equals PID0, PID1 or PID2, and its EPN covers the address. TLB0's
 * set is searched before TLB1 and the first match wins (as QEMU does). The access is then checked
 * against UR/UW/UX (MSR[PR] = 1) or SR/SW/SX. The real address is {@code (MAS7 || MAS3)} under
 * the page mask, so MAS7 supplies physical bits 32..35.
 *
 * <p><b>Faults.</b> No match: data TLB error (IVOR13; DEAR = EA, ESR = ST for stores) or
 * instruction TLB error (IVOR14; DEAR and ESR unchanged, as the architecture says; QEMU also writes
 * DEAR and clears ESR), with the MAS registers loaded from the MAS4 defaults: MAS0[TLBSEL] = TLBSELD,
 * ESEL = next victim, NV = the victim after it; MAS1 = V | TID (PID chosen by MAS4[TIDSELD]) |
 * TS = AS | TSIZE = TSIZED; MAS2 = EPN | WIMGED; MAS3 = MAS7 = 0; MAS6 = SPID PID0 | SAS = AS.
 * Permission violation: data storage (IVOR2; DEAR = EA, ESR = ST for stores) or instruction storage
 * (IVOR3; ESR = 0). SRR0 is the faulting instruction ({@link Cpu#pc}; the fetch address for fetches).
 *
 * <p><b>Physical accesses.</b> RAM is accessed directly, and a page that is entirely RAM, big-endian
 * and permitted is entered in the soft TLB for that access kind. MMIO goes to the device with the
 * offset in its window. An access to an unassigned physical address reads 0 and writes are ignored,
 * as in QEMU 7.2's ppce500: the memory core's unassigned handler returns 0, and QEMU's
 * {@code ppc_cpu_do_transaction_failed} raises machine checks only for POWER8-10, so an e500 sees no
 * machine check. Instruction fetches behave the same way: a fetch from MMIO reads the device, a
 * fetch from unassigned memory yields the word 0 (which then decodes as an illegal instruction).
 *
 * <p><b>Misaligned and little-endian accesses.</b> An access that stays in one 4 KiB page is done in
 * one piece; one that crosses into the next page translates the first page and then the second
 * (a fault on the second page reports the first byte of that page in DEAR, as QEMU and the Book E
 * cores do) before touching memory, and is then done byte by byte. Pages with MAS2[E] = 1 are
 * little-endian: the bytes are reversed (QEMU ignores E; this follows the architecture).
 */
public final class Mmu {
    static final int READ = 0, WRITE = 1, EXEC = 2;

    private final Cpu cpu;
    private final PhysicalBus bus;
    final Tlbs tlbs = new Tlbs();

    int mas0, mas1, mas2, mas3, mas4, mas6, mas7;
    int pid0, pid1, pid2;

    /** The entry of the last successful {@link #translate}. */
    private TlbEntry hit;

    public Mmu(Cpu cpu, PhysicalBus bus) {
        this.cpu = cpu;
        this.bus = bus;
    }

    // ---- slow path of memory accesses ----

    /** Slow-path load of {@code size} (1, 2, 4 or 8) bytes at {@code ea}, zero-extended. Raises guest interrupts as needed. */
    public long load(int ea, int size) {
        if ((ea & 0xFFF) + size > 0x1000) {
            return loadCrossing(ea, size);
        }
        long pa = translate(ea, READ);
        boolean le = hit.littleEndian();
        Region r = bus.find(pa);
        if (r == null) {
            return 0;
        }
        if (r.ram != null && r.contains(pa + size - 1)) {
            byte[] m = r.ram.bytes();
            int off = (int) (pa - r.base);
            if (!le && wholePageIsRam(r, pa)) {
                cpu.tlb.fillRead(ea, m, off & ~0xFFF);
            }
            return le ? ramLe(m, off, size) : ramBe(m, off, size);
        }
        if (r.device != null) {
            long v = r.device.read(pa - r.base, size);
            return le ? swap(v, size) : v;
        }
        return bytesFromBus(pa, pa, size, size, le);
    }

    /** Slow-path store of the low {@code size} (1, 2, 4 or 8) bytes of {@code value} at {@code ea}. */
    public void store(int ea, int size, long value) {
        if ((ea & 0xFFF) + size > 0x1000) {
            storeCrossing(ea, size, value);
            return;
        }
        long pa = translate(ea, WRITE);
        boolean le = hit.littleEndian();
        Region r = bus.find(pa);
        if (r == null) {
            return;
        }
        if (r.ram != null && r.contains(pa + size - 1)) {
            byte[] m = r.ram.bytes();
            int off = (int) (pa - r.base);
            boolean code = r.ram.hasCode(off);
            if (!le && !code && wholePageIsRam(r, pa)) {
                cpu.tlb.fillWrite(ea, m, off & ~0xFFF);
            }
            for (int k = 0; k < size; k++) {
                m[off + k] = byteOf(value, k, size, le);
            }
            if (code) {
                r.ram.written(off, size);
            }
            return;
        }
        if (r.device != null) {
            r.device.write(pa - r.base, size, le ? swap(value, size) : value);
            return;
        }
        for (int k = 0; k < size; k++) {
            writeByte(pa + k, byteOf(value, k, size, le));
        }
    }

    /** Slow-path instruction fetch of the word at {@code ea}; raises ITLB/ISI interrupts. */
    public int fetch(int ea) {
        long pa = translate(ea, EXEC);
        boolean le = hit.littleEndian();
        Region r = bus.find(pa);
        if (r == null) {
            return 0;
        }
        if (r.ram != null && r.contains(pa + 3)) {
            byte[] m = r.ram.bytes();
            int off = (int) (pa - r.base);
            if (!le && wholePageIsRam(r, pa)) {
                cpu.tlb.fillExec(ea, m, off & ~0xFFF);
            }
            return (int) (le ? ramLe(m, off, 4) : ramBe(m, off, 4));
        }
        if (r.device != null) {
            long v = r.device.read(pa - r.base, 4);
            return (int) (le ? swap(v, 4) : v);
        }
        return (int) bytesFromBus(pa, pa, 4, 4, le);
    }

    /**
     * Translates without side effects, for debuggers and loaders: the real address of {@code ea} for
     * a data access ({@code fetch} false) or a fetch in the current MSR and PID context, or -1 if no
     * entry matches. Permissions are not checked.
     */
    public long probe(int ea, boolean fetch) {
        TlbEntry e = tlbs.find(ea, addressSpace(fetch ? EXEC : READ), pid0, pid1, pid2);
        return e == null ? -1 : e.physical(ea);
    }

    /**
     * Puts the page of {@code ea} into the soft TLB's execute table if a fetch from it would succeed
     * now and come from big-endian RAM, without fetching and without raising anything (an engine
     * looking for translated code after a flush). Returns whether it did.
     */
    public boolean fillExec(int ea) {
        TlbEntry e = tlbs.find(ea, addressSpace(EXEC), pid0, pid1, pid2);
        if (e == null || !permits(e, EXEC) || e.littleEndian()) {
            return false;
        }
        long pa = e.physical(ea);
        Region r = bus.find(pa);
        if (r == null || r.ram == null || !wholePageIsRam(r, pa)) {
            return false;
        }
        cpu.tlb.fillExec(ea, r.ram.bytes(), (int) (pa - r.base) & ~0xFFF);
        return true;
    }

    private long loadCrossing(int ea, int size) {
        long pa1 = translate(ea, READ);
        boolean le = hit.littleEndian();
        int ea2 = (ea | 0xFFF) + 1;
        long pa2 = translate(ea2, READ);
        return bytesFromBus(pa1, pa2, ea2 - ea, size, le);
    }

    private void storeCrossing(int ea, int size, long value) {
        long pa1 = translate(ea, WRITE);
        boolean le = hit.littleEndian();
        int ea2 = (ea | 0xFFF) + 1;
        long pa2 = translate(ea2, WRITE);
        int first = ea2 - ea;
        for (int k = 0; k < size; k++) {
            writeByte(k < first ? pa1 + k : pa2 + (k - first), byteOf(value, k, size, le));
        }
    }

    /** Reads {@code size} bytes one at a time: the first {@code first} from {@code pa1} on, the rest from {@code pa2} on. */
    private long bytesFromBus(long pa1, long pa2, int first, int size, boolean le) {
        long v = 0;
        for (int k = 0; k < size; k++) {
            long b = readByte(k < first ? pa1 + k : pa2 + (k - first));
            v = le ? v | (b << (8 * k)) : (v << 8) | b;
        }
        return v;
    }

    private int readByte(long pa) {
        Region r = bus.find(pa);
        if (r == null) {
            return 0;
        }
        if (r.ram != null) {
            return r.ram.bytes()[(int) (pa - r.base)] & 0xFF;
        }
        return (int) r.device.read(pa - r.base, 1) & 0xFF;
    }

    private void writeByte(long pa, byte b) {
        Region r = bus.find(pa);
        if (r == null) {
            return;
        }
        if (r.ram != null) {
            r.ram.bytes()[(int) (pa - r.base)] = b;
            r.ram.written((int) (pa - r.base), 1);
        } else {
            r.device.write(pa - r.base, 1, b & 0xFF);
        }
    }

    private static boolean wholePageIsRam(Region r, long pa) {
        long page = pa & ~0xFFFL;
        return r.contains(page) && r.contains(page + 0xFFF);
    }

    private static long ramBe(byte[] m, int off, int size) {
        long v = 0;
        for (int k = 0; k < size; k++) {
            v = (v << 8) | (m[off + k] & 0xFF);
        }
        return v;
    }

    private static long ramLe(byte[] m, int off, int size) {
        long v = 0;
        for (int k = size - 1; k >= 0; k--) {
            v = (v << 8) | (m[off + k] & 0xFF);
        }
        return v;
    }

    /** Byte {@code k} in memory order of a {@code size}-byte value stored big- or little-endian. */
    private static byte byteOf(long value, int k, int size, boolean le) {
        return (byte) (value >>> (8 * (le ? k : size - 1 - k)));
    }

    static long swap(long v, int size) {
        return switch (size) {
            case 2 -> Short.reverseBytes((short) v) & 0xFFFFL;
            case 4 -> Integer.reverseBytes((int) v) & 0xFFFFFFFFL;
            case 8 -> Long.reverseBytes(v);
            default -> v;
        };
    }

    // ---- translation and faults ----

    private int addressSpace(int access) {
        return access == EXEC ? ((cpu.msr & Msr.IS) != 0 ? 1 : 0) : ((cpu.msr & Msr.DS) != 0 ? 1 : 0);
    }

    /**
     * Translates {@code ea} for an access of kind {@code access} (READ, WRITE, EXEC), leaving the
     * entry in {@link #hit}. Delivers the TLB error or storage interrupt and throws on failure.
     */
    private long translate(int ea, int access) {
        int as = addressSpace(access);
        TlbEntry e = tlbs.find(ea, as, pid0, pid1, pid2);
        if (e == null) {
            throw tlbMiss(ea, access, as);
        }
        if (!permits(e, access)) {
            throw storageFault(ea, access);
        }
        hit = e;
        return e.physical(ea);
    }

    /** Whether {@code e}'s MAS3 permission bits allow {@code access} at the current MSR[PR]. */
    private boolean permits(TlbEntry e, int access) {
        int pr = (cpu.msr & Msr.PR) != 0 ? 1 : 0;
        return (e.mas3 & (1 << (2 * access + pr))) != 0;
    }

    private GuestTrap tlbMiss(int ea, int access, int as) {
        loadMissDefaults(ea, as);
        if (access == EXEC) {
            cpu.interrupt(Ivor.INSTRUCTION_TLB_ERROR, ea);
            return GuestTrap.INSTANCE;
        }
        return dataInterrupt(Ivor.DATA_TLB_ERROR, ea, access);
    }

    private GuestTrap storageFault(int ea, int access) {
        if (access == EXEC) {
            cpu.spr[Sprs.ESR] = 0;
            cpu.interrupt(Ivor.INSTRUCTION_STORAGE, ea);
            return GuestTrap.INSTANCE;
        }
        return dataInterrupt(Ivor.DATA_STORAGE, ea, access);
    }

    /** DTLB error or DSI: DEAR = EA, ESR = ST for stores, SRR0 = the instruction. */
    private GuestTrap dataInterrupt(int ivor, int ea, int access) {
        cpu.spr[Sprs.DEAR] = ea;
        cpu.spr[Sprs.ESR] = access == WRITE ? Sprs.ESR_ST : 0;
        cpu.interrupt(ivor, cpu.pc);
        return GuestTrap.INSTANCE;
    }

    /** The MAS registers after a TLB miss on {@code ea} in address space {@code as}. */
    private void loadMissDefaults(int ea, int as) {
        int tid = switch (mas4 & Mas.MAS4_TIDSELD) {
            case 0x00000 -> pid0;
            case 0x10000 -> pid1;
            case 0x20000 -> pid2;
            default -> 0;
        };
        mas0 = defaultMas0();
        mas1 = Mas.MAS1_V | (tid << Mas.MAS1_TID_SHIFT) | (mas4 & Mas.MAS4_TSIZED) | (as != 0 ? Mas.MAS1_TS : 0);
        mas2 = (ea & Mas.MAS2_EPN) | (mas4 & Mas.MAS4_WIMGED);
        mas3 = 0;
        mas7 = 0;
        mas6 = (pid0 << Mas.MAS6_SPID_SHIFT) | (as != 0 ? Mas.MAS6_SAS : 0);
    }

    /** MAS0 after a miss: TLBSEL = MAS4[TLBSELD], ESEL = the next victim, NV = the one after it. */
    private int defaultMas0() {
        int victim = tlbs.takeVictim();
        return (mas4 & Mas.MAS4_TLBSELD) | (victim << Mas.MAS0_ESEL_SHIFT) | tlbs.nextVictim;
    }

    // ---- TLB management instructions and MMU SPRs (called by SystemOps) ----

    /**
     * tlbwe: writes the entry MAS0[TLBSEL, ESEL] (TLB0: in the set of MAS2[EPN]) from MAS1, MAS2,
     * MAS3 and MAS7. As QEMU: nothing is written when MAS0[WQ] is 2 or 3 or MAS0[ATSEL] is set;
     * TLBSEL 2 or 3, or a valid TLB1 entry with a size TLB1CFG does not allow (odd, 0, or above 12 in
     * e500 TSIZE units), raise a program interrupt (illegal, ESR[PIL]); TLB0 entries are forced to
     * 4 KiB and lose IPROT. EPN bits below the page size are dropped.
     */
    public void tlbwe() {
        if ((mas0 & Mas.MAS0_WQ) >= 0x2000 || (mas0 & Mas.MAS0_ATSEL) != 0) {
            return;
        }
        int tlbn = (mas0 & Mas.MAS0_TLBSEL) >>> 28;
        TlbEntry e = tlbs.select(tlbn, (mas0 & Mas.MAS0_ESEL) >>> Mas.MAS0_ESEL_SHIFT, mas2);
        if (e == null) {
            throw cpu.programInterrupt(Sprs.ESR_PIL);
        }
        int m1 = mas1;
        if (tlbn == 0) {
            m1 = (m1 & ~(Mas.MAS1_TSIZE | Mas.MAS1_IPROT)) | (1 << 8);
        } else if ((m1 & Mas.MAS1_V) != 0 && !tlb1SizeAllowed((m1 & Mas.MAS1_TSIZE) >>> Mas.MAS1_TSIZE_SHIFT)) {
            throw cpu.programInterrupt(Sprs.ESR_PIL);
        }
        boolean wasValid = e.valid;
        int oldEpn = e.epn, oldMask = e.eaMask;
        e.write(m1, mas2, mas3, mas7);
        // Only soft-TLB pages inside the old or the new entry can change; small ones are dropped page
        // by page (a TLB0 refill then costs two probes, not a flush of every cached page).
        if (wasValid) {
            forgetRange(oldEpn, oldMask);
        }
        if (e.valid) {
            forgetRange(e.epn, e.eaMask);
        }
    }

    /** Pages of at most this many are dropped from the soft TLB one by one; larger ranges flush it. */
    private static final int FORGET_PAGES = 16;

    private void forgetRange(int epn, int eaMask) {
        int pages = (~eaMask >>> 12) + 1;
        if (pages > FORGET_PAGES) {
            cpu.flushSoftTlbs();
            return;
        }
        int base = epn & eaMask;
        for (int k = 0; k < pages; k++) {
            cpu.forgetPage(base + (k << 12));
        }
    }

    /** TLB1CFG sizes 1..12 (4^n KiB), in QEMU's five-bit TSIZE units (2n). */
    private static boolean tlb1SizeAllowed(int tsize5) {
        return (tsize5 & 1) == 0 && tsize5 >= 2 && tsize5 <= 24;
    }

    /** tlbre: reads the entry MAS0[TLBSEL, ESEL] / MAS2[EPN] selects into MAS0-3 and MAS7 (MAS1 = 0 for TLBSEL 2, 3). */
    public void tlbre() {
        TlbEntry e = tlbs.select((mas0 & Mas.MAS0_TLBSEL) >>> 28, (mas0 & Mas.MAS0_ESEL) >>> Mas.MAS0_ESEL_SHIFT, mas2);
        if (e == null) {
            mas1 = 0;
        } else {
            entryToMas(e);
        }
    }

    private void entryToMas(TlbEntry e) {
        mas0 = (e.tlbn << 28) | (e.way << Mas.MAS0_ESEL_SHIFT) | tlbs.nextVictim;
        mas1 = e.mas1;
        mas2 = e.mas2;
        mas3 = e.mas3;
        mas7 = e.mas7;
    }

    /**
     * tlbsx: searches both TLBs for {@code ea} with TID 0 or MAS6[SPID] in address space MAS6[SAS].
     * A hit loads MAS0-3/MAS7 from the entry (NV unchanged); a miss loads MAS0[TLBSEL] = TLBSELD, ESEL =
     * next victim (NV advances), MAS1 = TSIZED | TS = SAS | TID = MAS6[SPID] with V = 0, MAS2 =
     * WIMGED, MAS3 = MAS7 = 0 (as QEMU).
     */
    public void tlbsx(int ea) {
        int spid = (mas6 & Mas.MAS6_SPID) >>> Mas.MAS6_SPID_SHIFT;
        int sas = mas6 & Mas.MAS6_SAS;
        TlbEntry e = tlbs.find(ea, sas, spid, spid, spid);
        if (e != null) {
            entryToMas(e);
            return;
        }
        mas0 = defaultMas0();
        mas1 = (mas4 & Mas.MAS4_TSIZED) | (sas != 0 ? Mas.MAS1_TS : 0) | (mas6 & 0xFFFF0000);
        mas2 = mas4 & Mas.MAS4_WIMGED;
        mas3 = 0;
        mas7 = 0;
    }

    /**
     * tlbivax: EA bit 0x8 selects TLB1 (else TLB0); with EA bit 0x4 the whole TLB is invalidated
     * (TLB1's IPROT entries survive), otherwise the entries whose EPN covers the EA and that are not
     * IPROT.
     */
    public void tlbivax(int ea) {
        int tlbn = (ea & 0x8) != 0 ? 1 : 0;
        if ((ea & 0x4) != 0) {
            tlbs.invalidateAll(tlbn, tlbn == 1);
        } else {
            tlbs.invalidateEa(tlbn, ea);
        }
        cpu.flushSoftTlbs();
    }

    /** tlbsync: nothing to wait for on one core. */
    public void tlbsync() {}

    /** True for the SPR numbers the MMU implements (MAS0-4, MAS6, MAS7, PID0-2, MMUCSR0, MMUCFG, TLBnCFG). */
    public static boolean isMmuSpr(int n) {
        return switch (n) {
            case Sprs.MAS0, Sprs.MAS1, Sprs.MAS2, Sprs.MAS3, Sprs.MAS4, Sprs.MAS6, Sprs.MAS7,
                    Sprs.PID0, Sprs.PID1, Sprs.PID2, Sprs.MMUCSR0, Sprs.MMUCFG, Sprs.TLB0CFG, Sprs.TLB1CFG -> true;
            default -> false;
        };
    }

    /** True for the MMU SPRs that are read-only (MMUCFG, TLB0CFG, TLB1CFG). */
    public static boolean isReadOnlyMmuSpr(int n) {
        return n == Sprs.MMUCFG || n == Sprs.TLB0CFG || n == Sprs.TLB1CFG;
    }

    /** mfspr of an MMU SPR. MMUCSR0 reads 0 (its flash-invalidate bits clear at once; QEMU keeps no page-size fields). */
    public int readSpr(int n) {
        return switch (n) {
            case Sprs.MAS0 -> mas0;
            case Sprs.MAS1 -> mas1;
            case Sprs.MAS2 -> mas2;
            case Sprs.MAS3 -> mas3;
            case Sprs.MAS4 -> mas4;
            case Sprs.MAS6 -> mas6;
            case Sprs.MAS7 -> mas7;
            case Sprs.PID0 -> pid0;
            case Sprs.PID1 -> pid1;
            case Sprs.PID2 -> pid2;
            case Sprs.MMUCFG -> Mas.MMUCFG;
            case Sprs.TLB0CFG -> Mas.TLB0CFG;
            case Sprs.TLB1CFG -> Mas.TLB1CFG;
            default -> 0;
        };
    }

    /**
     * mtspr of an MMU SPR. MAS and PID registers keep all 32 bits written (as QEMU); a PID write
     * flushes the soft TLB; MMUCSR0 bits 0x4 / 0x2 flash-invalidate TLB0 / TLB1 (IPROT entries
     * survive). Writes to the read-only configuration registers are ignored here (whether mtspr
     * raises an exception for them is the caller's decision).
     */
    public void writeSpr(int n, int v) {
        switch (n) {
            case Sprs.MAS0 -> mas0 = v;
            case Sprs.MAS1 -> mas1 = v;
            case Sprs.MAS2 -> mas2 = v;
            case Sprs.MAS3 -> mas3 = v;
            case Sprs.MAS4 -> mas4 = v;
            case Sprs.MAS6 -> mas6 = v;
            case Sprs.MAS7 -> mas7 = v;
            case Sprs.PID0 -> setPid(0, v);
            case Sprs.PID1 -> setPid(1, v);
            case Sprs.PID2 -> setPid(2, v);
            case Sprs.MMUCSR0 -> flashInvalidate(v);
            default -> {}
        }
    }

    private void setPid(int which, int v) {
        switch (which) {
            case 0 -> pid0 = v;
            case 1 -> pid1 = v;
            default -> pid2 = v;
        }
        cpu.flushSoftTlbs();
    }

    private void flashInvalidate(int v) {
        if ((v & Mas.MMUCSR0_TLB0FI) != 0) {
            tlbs.invalidateAll(0, true);
        }
        if ((v & Mas.MMUCSR0_TLB1FI) != 0) {
            tlbs.invalidateAll(1, true);
        }
        cpu.flushSoftTlbs();
    }

    /**
     * Writes TLB1 entry {@code esel} directly from MAS1/MAS2/MAS3/MAS7 values, as a boot loader or
     * QEMU's board reset does (used for the initial boot mapping). The EPN is masked to the page
     * size as tlbwe does; the size is not checked.
     */
    public void setTlb1Entry(int esel, int mas1, int mas2, int mas3, int mas7) {
        tlbs.tlb1[esel & (Tlbs.TLB1_ENTRIES - 1)].write(mas1, mas2, mas3, mas7);
        cpu.flushSoftTlbs();
    }

    /** Resets the TLBs and MAS registers to their power-on state (all entries invalid). */
    public void reset() {
        tlbs.reset();
        mas0 = mas1 = mas2 = mas3 = mas4 = mas6 = mas7 = 0;
        pid0 = pid1 = pid2 = 0;
        hit = null;
        cpu.flushSoftTlbs();
    }
}
