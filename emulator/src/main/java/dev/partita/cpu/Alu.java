package dev.partita.cpu;

import static dev.partita.cpu.Fields.*;

/**
 * Semantics of the integer arithmetic, logical, rotate, shift, compare and CR instructions.
 *
 * <p>Each method executes one instruction word on the core's state; none touches {@link Cpu#pc}.
 * XER[SO,OV,CA] and CR0 follow the Book E / e500 definitions. Where the architecture leaves a
 * result undefined (divide by zero, 0x80000000 / -1) the result is QEMU 7.2's: rD gets the dividend.
 *
 * <p>The "o" forms (OE = 1) set XER[OV] and, when set, the sticky XER[SO]; the "." forms (Rc = 1)
 * then set CR0 from the result and the updated SO.
 */
public final class Alu {
    private Alu() {}

    private static final long U32 = 0xFFFFFFFFL;

    /** MASK(mb, me) of the rotate instructions, indexed by {@code mb << 5 | me}; wraps when mb > me. */
    private static final int[] ROTATE_MASK = new int[1024];

    /** The CR bits selected by an 8-bit CRM field (bit 7 selects CR0, the most significant field). */
    private static final int[] CRM_MASK = new int[256];

    static {
        for (int mb = 0; mb < 32; mb++) {
            for (int me = 0; me < 32; me++) {
                int from = -1 >>> mb, to = -1 << (31 - me);
                ROTATE_MASK[mb << 5 | me] = mb <= me ? from & to : from | to;
            }
        }
        for (int crm = 0; crm < 256; crm++) {
            int m = 0;
            for (int f = 0; f < 8; f++) {
                if ((crm & (1 << f)) != 0) {
                    m |= 0xF << (4 * f);
                }
            }
            CRM_MASK[crm] = m;
        }
    }

    // ---- value semantics: pure functions shared by the interpreter (below) and the translator ----

    /** The rotate mask for MB and ME (bit numbers 0..31, 0 = most significant). */
    public static int rotateMask(int mb, int me) {
        return ROTATE_MASK[(mb & 31) << 5 | (me & 31)];
    }

    /** The CR0 field an Rc = 1 form sets for {@code result}: LT, GT or EQ from the signed value, SO from XER. */
    public static int cr0(int result, int so) {
        return (result < 0 ? 8 : result > 0 ? 4 : 2) | so;
    }

    /** The CR field of a signed compare of {@code a} with {@code b}, with {@code so} as its SO bit. */
    public static int compareSigned(int a, int b, int so) {
        return (a < b ? 8 : a > b ? 4 : 2) | so;
    }

    /** The CR field of an unsigned compare of {@code a} with {@code b}, with {@code so} as its SO bit. */
    public static int compareUnsigned(int a, int b, int so) {
        int cmp = Integer.compareUnsigned(a, b);
        return (cmp < 0 ? 8 : cmp > 0 ? 4 : 2) | so;
    }

    /** XER[CA] of {@code r = a + b}: 1 when the unsigned sum wrapped. */
    public static int carryOfAdd(int a, int r) {
        return Integer.compareUnsigned(r, a) < 0 ? 1 : 0;
    }

    /** XER[CA] of {@code b - a} computed as {@code ~a + b + 1}: 1 when there is no borrow (b >= a unsigned). */
    public static int carryOfSubtract(int a, int b) {
        return Integer.compareUnsigned(b, a) >= 0 ? 1 : 0;
    }

    /** XER[CA] of the extended add {@code a + b + carryIn} (adde and its family). */
    public static int carryOfAddExtended(int a, int b, int carryIn) {
        return (int) (((a & U32) + (b & U32) + carryIn) >>> 32);
    }

    /** divw's quotient; the undefined cases (divisor 0, 0x80000000 / -1) give the dividend, as QEMU. */
    public static int quotient(int a, int b) {
        return b == 0 || (a == Integer.MIN_VALUE && b == -1) ? a : a / b;
    }

    /** divwu's quotient; a zero divisor gives the dividend, as QEMU. */
    public static int quotientUnsigned(int a, int b) {
        return b == 0 ? a : Integer.divideUnsigned(a, b);
    }

    /** slw: only rB[26:31] count; counts 32..63 give 0. */
    public static int shiftLeft(int s, int rb) {
        int n = rb & 63;
        return n < 32 ? s << n : 0;
    }

    /** srw: only rB[26:31] count; counts 32..63 give 0. */
    public static int shiftRight(int s, int rb) {
        int n = rb & 63;
        return n < 32 ? s >>> n : 0;
    }

    /** sraw: only rB[26:31] count; counts 32..63 fill with the sign. */
    public static int shiftRightAlgebraic(int s, int rb) {
        int n = rb & 63;
        return s >> Math.min(n, 31);
    }

    /** XER[CA] of sraw/srawi: 1 exactly when {@code s} is negative and a 1 bit was shifted out. */
    public static int carryOfShiftRightAlgebraic(int s, int rb) {
        int n = rb & 63;
        if (n >= 32) {
            return s >>> 31;
        }
        return s < 0 && (s & ~(-1 << n)) != 0 ? 1 : 0;
    }

    /** mulhw: the high word of the signed product. */
    public static int multiplyHigh(int a, int b) {
        return (int) (((long) a * b) >> 32);
    }

    /** mulhwu: the high word of the unsigned product. */
    public static int multiplyHighUnsigned(int a, int b) {
        return (int) (((a & U32) * (b & U32)) >>> 32);
    }

    /** The CR bits an 8-bit CRM field selects (mtcrf, mfocrf). */
    public static int crmMask(int crm) {
        return CRM_MASK[crm & 0xFF];
    }

    // ---- helpers ----

    /** Sets XER[OV] and, when set, the sticky XER[SO]. */
    static void setOv(Cpu c, boolean ov) {
        c.xerOv = ov ? 1 : 0;
        c.xerSo |= c.xerOv;
    }

    /** Signed overflow of {@code r = a + b (+ carry in)}: the operands agree in sign and the result does not. */
    private static boolean addOverflows(int a, int b, int r) {
        return ((a ^ r) & (b ^ r)) < 0;
    }

    /**
     * The extended add {@code a + b + carryIn} shared by the adde/addme/addze/subfe/subfme/subfze
     * family: sets rD, XER[CA], and with OE and Rc the overflow and CR0.
     */
    private static void addExtended(Cpu c, int w, int a, int b, int carryIn) {
        c.xerCa = carryOfAddExtended(a, b, carryIn);
        finish(c, w, a + b + carryIn, a, b);
    }

    /** Writes rD and handles OE (overflow of {@code a + b = r}) and Rc. */
    private static void finish(Cpu c, int w, int r, int a, int b) {
        if (oe(w)) {
            setOv(c, addOverflows(a, b, r));
        }
        c.gpr[rD(w)] = r;
        if (rc(w)) {
            c.setCr0(r);
        }
    }

    /** Writes rA (the logical, rotate and shift instructions' target) and handles Rc. */
    private static void setRa(Cpu c, int w, int r) {
        c.gpr[rA(w)] = r;
        if (rc(w)) {
            c.setCr0(r);
        }
    }

    private static int rAOrZero(Cpu c, int w) {
        int a = rA(w);
        return a == 0 ? 0 : c.gpr[a];
    }

    // ---- add ----

    public static void addi(Cpu c, int w) {
        c.gpr[rD(w)] = rAOrZero(c, w) + simm(w);
    }

    public static void addis(Cpu c, int w) {
        c.gpr[rD(w)] = rAOrZero(c, w) + (w << 16);
    }

    public static void add(Cpu c, int w) {
        int a = c.gpr[rA(w)], b = c.gpr[rB(w)];
        finish(c, w, a + b, a, b);
    }

    public static void addc(Cpu c, int w) {
        int a = c.gpr[rA(w)], b = c.gpr[rB(w)];
        int r = a + b;
        c.xerCa = carryOfAdd(a, r);
        finish(c, w, r, a, b);
    }

    public static void adde(Cpu c, int w) {
        addExtended(c, w, c.gpr[rA(w)], c.gpr[rB(w)], c.xerCa);
    }

    public static void addme(Cpu c, int w) {
        addExtended(c, w, c.gpr[rA(w)], -1, c.xerCa);
    }

    public static void addze(Cpu c, int w) {
        addExtended(c, w, c.gpr[rA(w)], 0, c.xerCa);
    }

    public static void addic(Cpu c, int w) {
        int a = c.gpr[rA(w)];
        int r = a + simm(w);
        c.xerCa = carryOfAdd(a, r);
        c.gpr[rD(w)] = r;
    }

    /** addic. (primary opcode 13): addic, then CR0 from the result. */
    public static void addicRc(Cpu c, int w) {
        addic(c, w);
        c.setCr0(c.gpr[rD(w)]);
    }

    // ---- subtract: rD = rB - rA = ~rA + rB + 1 ----

    public static void subf(Cpu c, int w) {
        int a = c.gpr[rA(w)], b = c.gpr[rB(w)];
        finish(c, w, b - a, ~a, b);
    }

    public static void subfc(Cpu c, int w) {
        int a = c.gpr[rA(w)], b = c.gpr[rB(w)];
        c.xerCa = carryOfSubtract(a, b);
        finish(c, w, b - a, ~a, b);
    }

    public static void subfe(Cpu c, int w) {
        addExtended(c, w, ~c.gpr[rA(w)], c.gpr[rB(w)], c.xerCa);
    }

    public static void subfme(Cpu c, int w) {
        addExtended(c, w, ~c.gpr[rA(w)], -1, c.xerCa);
    }

    public static void subfze(Cpu c, int w) {
        addExtended(c, w, ~c.gpr[rA(w)], 0, c.xerCa);
    }

    public static void subfic(Cpu c, int w) {
        int a = c.gpr[rA(w)], imm = simm(w);
        c.xerCa = carryOfSubtract(a, imm);
        c.gpr[rD(w)] = imm - a;
    }

    /** neg: rD = -rA; nego overflows only for 0x80000000. No carry. */
    public static void neg(Cpu c, int w) {
        int a = c.gpr[rA(w)];
        finish(c, w, -a, ~a, 1);
    }

    // ---- multiply and divide ----

    public static void mulhw(Cpu c, int w) {
        int r = multiplyHigh(c.gpr[rA(w)], c.gpr[rB(w)]);
        c.gpr[rD(w)] = r;
        if (rc(w)) {
            c.setCr0(r);
        }
    }

    public static void mulhwu(Cpu c, int w) {
        int r = multiplyHighUnsigned(c.gpr[rA(w)], c.gpr[rB(w)]);
        c.gpr[rD(w)] = r;
        if (rc(w)) {
            c.setCr0(r);
        }
    }

    public static void mulli(Cpu c, int w) {
        c.gpr[rD(w)] = c.gpr[rA(w)] * simm(w);
    }

    /** mullw: the low word of the product; mullwo overflows when the product does not fit 32 signed bits. */
    public static void mullw(Cpu c, int w) {
        int a = c.gpr[rA(w)], b = c.gpr[rB(w)];
        int r = a * b;
        if (oe(w)) {
            setOv(c, (long) a * b != r);
        }
        c.gpr[rD(w)] = r;
        if (rc(w)) {
            c.setCr0(r);
        }
    }

    /** divw: undefined cases (divisor 0, 0x80000000 / -1) give rD = rA and, for divwo, OV = 1 (as QEMU). */
    public static void divw(Cpu c, int w) {
        int a = c.gpr[rA(w)], b = c.gpr[rB(w)];
        boolean invalid = b == 0 || (a == Integer.MIN_VALUE && b == -1);
        int r = quotient(a, b);
        if (oe(w)) {
            setOv(c, invalid);
        }
        c.gpr[rD(w)] = r;
        if (rc(w)) {
            c.setCr0(r);
        }
    }

    /** divwu: a zero divisor gives rD = rA and, for divwuo, OV = 1 (as QEMU). */
    public static void divwu(Cpu c, int w) {
        int a = c.gpr[rA(w)], b = c.gpr[rB(w)];
        boolean invalid = b == 0;
        int r = quotientUnsigned(a, b);
        if (oe(w)) {
            setOv(c, invalid);
        }
        c.gpr[rD(w)] = r;
        if (rc(w)) {
            c.setCr0(r);
        }
    }

    // ---- logical: rA = rS op rB ----

    public static void and(Cpu c, int w) {
        setRa(c, w, c.gpr[rD(w)] & c.gpr[rB(w)]);
    }

    public static void andc(Cpu c, int w) {
        setRa(c, w, c.gpr[rD(w)] & ~c.gpr[rB(w)]);
    }

    public static void or(Cpu c, int w) {
        setRa(c, w, c.gpr[rD(w)] | c.gpr[rB(w)]);
    }

    public static void orc(Cpu c, int w) {
        setRa(c, w, c.gpr[rD(w)] | ~c.gpr[rB(w)]);
    }

    public static void xor(Cpu c, int w) {
        setRa(c, w, c.gpr[rD(w)] ^ c.gpr[rB(w)]);
    }

    public static void nand(Cpu c, int w) {
        setRa(c, w, ~(c.gpr[rD(w)] & c.gpr[rB(w)]));
    }

    public static void nor(Cpu c, int w) {
        setRa(c, w, ~(c.gpr[rD(w)] | c.gpr[rB(w)]));
    }

    public static void eqv(Cpu c, int w) {
        setRa(c, w, ~(c.gpr[rD(w)] ^ c.gpr[rB(w)]));
    }

    public static void andiRc(Cpu c, int w) {
        int r = c.gpr[rD(w)] & uimm(w);
        c.gpr[rA(w)] = r;
        c.setCr0(r);
    }

    public static void andisRc(Cpu c, int w) {
        int r = c.gpr[rD(w)] & (w << 16);
        c.gpr[rA(w)] = r;
        c.setCr0(r);
    }

    public static void ori(Cpu c, int w) {
        c.gpr[rA(w)] = c.gpr[rD(w)] | uimm(w);
    }

    public static void oris(Cpu c, int w) {
        c.gpr[rA(w)] = c.gpr[rD(w)] | (w << 16);
    }

    public static void xori(Cpu c, int w) {
        c.gpr[rA(w)] = c.gpr[rD(w)] ^ uimm(w);
    }

    public static void xoris(Cpu c, int w) {
        c.gpr[rA(w)] = c.gpr[rD(w)] ^ (w << 16);
    }

    public static void extsb(Cpu c, int w) {
        setRa(c, w, (byte) c.gpr[rD(w)]);
    }

    public static void extsh(Cpu c, int w) {
        setRa(c, w, (short) c.gpr[rD(w)]);
    }

    public static void cntlzw(Cpu c, int w) {
        setRa(c, w, Integer.numberOfLeadingZeros(c.gpr[rD(w)]));
    }

    // ---- rotate and shift ----

    private static int mask(int w) {
        return ROTATE_MASK[(w >>> 1) & 0x3FF];
    }

    public static void rlwinm(Cpu c, int w) {
        setRa(c, w, Integer.rotateLeft(c.gpr[rD(w)], rB(w)) & mask(w));
    }

    public static void rlwnm(Cpu c, int w) {
        setRa(c, w, Integer.rotateLeft(c.gpr[rD(w)], c.gpr[rB(w)] & 31) & mask(w));
    }

    public static void rlwimi(Cpu c, int w) {
        int m = mask(w);
        setRa(c, w, (Integer.rotateLeft(c.gpr[rD(w)], rB(w)) & m) | (c.gpr[rA(w)] & ~m));
    }

    /** slw: shift counts 32..63 (rB bit 26 set) give 0; only rB[26:31] count. */
    public static void slw(Cpu c, int w) {
        setRa(c, w, shiftLeft(c.gpr[rD(w)], c.gpr[rB(w)]));
    }

    public static void srw(Cpu c, int w) {
        setRa(c, w, shiftRight(c.gpr[rD(w)], c.gpr[rB(w)]));
    }

    /**
     * sraw: counts 32..63 fill with the sign. XER[CA] = 1 exactly when rS is negative and a 1 bit
     * was shifted out.
     */
    public static void sraw(Cpu c, int w) {
        int s = c.gpr[rD(w)], rb = c.gpr[rB(w)];
        c.xerCa = carryOfShiftRightAlgebraic(s, rb);
        setRa(c, w, shiftRightAlgebraic(s, rb));
    }

    public static void srawi(Cpu c, int w) {
        int s = c.gpr[rD(w)];
        int n = rB(w);
        c.xerCa = carryOfShiftRightAlgebraic(s, n);
        setRa(c, w, s >> n);
    }

    // ---- compare (L = 1 never reaches here: the table makes it illegal) ----

    public static void cmp(Cpu c, int w) {
        c.setCrField(crfD(w), compareSigned(c.gpr[rA(w)], c.gpr[rB(w)], c.xerSo));
    }

    public static void cmpi(Cpu c, int w) {
        c.setCrField(crfD(w), compareSigned(c.gpr[rA(w)], simm(w), c.xerSo));
    }

    public static void cmpl(Cpu c, int w) {
        c.setCrField(crfD(w), compareUnsigned(c.gpr[rA(w)], c.gpr[rB(w)], c.xerSo));
    }

    public static void cmpli(Cpu c, int w) {
        c.setCrField(crfD(w), compareUnsigned(c.gpr[rA(w)], uimm(w), c.xerSo));
    }

    // ---- condition register ----

    /** CR bit {@code n} (0 = CR0[LT], the most significant) as 0 or 1. */
    static int crBit(Cpu c, int n) {
        return (c.cr >>> (31 - n)) & 1;
    }

    /** Writes bit 0 of {@code v} into CR bit crbD (bits 6-10 of the word). */
    private static void setCrbD(Cpu c, int w, int v) {
        int shift = 31 - rD(w);
        c.cr = (c.cr & ~(1 << shift)) | ((v & 1) << shift);
    }

    private static int crbA(Cpu c, int w) {
        return crBit(c, rA(w));
    }

    private static int crbB(Cpu c, int w) {
        return crBit(c, rB(w));
    }

    public static void crand(Cpu c, int w) {
        setCrbD(c, w, crbA(c, w) & crbB(c, w));
    }

    public static void cror(Cpu c, int w) {
        setCrbD(c, w, crbA(c, w) | crbB(c, w));
    }

    public static void crxor(Cpu c, int w) {
        setCrbD(c, w, crbA(c, w) ^ crbB(c, w));
    }

    public static void crnand(Cpu c, int w) {
        setCrbD(c, w, ~(crbA(c, w) & crbB(c, w)));
    }

    public static void crnor(Cpu c, int w) {
        setCrbD(c, w, ~(crbA(c, w) | crbB(c, w)));
    }

    public static void creqv(Cpu c, int w) {
        setCrbD(c, w, ~(crbA(c, w) ^ crbB(c, w)));
    }

    public static void crandc(Cpu c, int w) {
        setCrbD(c, w, crbA(c, w) & ~crbB(c, w));
    }

    public static void crorc(Cpu c, int w) {
        setCrbD(c, w, crbA(c, w) | ~crbB(c, w));
    }

    public static void mcrf(Cpu c, int w) {
        c.setCrField(crfD(w), c.cr >>> (28 - 4 * crfS(w)));
    }

    /** mcrxr: CR field crfD = XER[SO,OV,CA,0]; then SO, OV and CA are cleared. */
    public static void mcrxr(Cpu c, int w) {
        c.setCrField(crfD(w), c.xerSo << 3 | c.xerOv << 2 | c.xerCa << 1);
        c.xerSo = 0;
        c.xerOv = 0;
        c.xerCa = 0;
    }

    public static void mfcr(Cpu c, int w) {
        c.gpr[rD(w)] = c.cr;
    }

    /** mfocrf: with exactly one CRM bit, rD = that CR field in place, zeros elsewhere; otherwise rD is unchanged (QEMU). */
    public static void mfocrf(Cpu c, int w) {
        int crm = crm(w);
        if (Integer.bitCount(crm) == 1) {
            c.gpr[rD(w)] = c.cr & CRM_MASK[crm];
        }
    }

    public static void mtcrf(Cpu c, int w) {
        int m = CRM_MASK[crm(w)];
        c.cr = (c.cr & ~m) | (c.gpr[rD(w)] & m);
    }

    /** mtocrf: with exactly one CRM bit, as mtcrf; otherwise nothing changes (QEMU). */
    public static void mtocrf(Cpu c, int w) {
        int crm = crm(w);
        if (Integer.bitCount(crm) == 1) {
            int m = CRM_MASK[crm];
            c.cr = (c.cr & ~m) | (c.gpr[rD(w)] & m);
        }
    }

    /** isel: rD = CR[BC] ? (rA|0) : rB, with BC in bits 21-25. */
    public static void isel(Cpu c, int w) {
        c.gpr[rD(w)] = crBit(c, (w >>> 6) & 31) != 0 ? rAOrZero(c, w) : c.gpr[rB(w)];
    }

    private static int crm(int w) {
        return (w >>> 12) & 0xFF;
    }
}
