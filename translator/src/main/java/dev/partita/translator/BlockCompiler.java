package dev.partita.translator;

import static dev.partita.cpu.Fields.*;
import static org.objectweb.asm.Opcodes.*;

import dev.partita.cpu.Isa;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Compiles a {@link Region} into the bytes of a class extending {@link Block}.
 *
 * <p>Guest state the region touches (GPRs, CR, LR, CTR, XER[SO, OV, CA]) lives in JVM locals: loaded
 * once at entry, written back at every exit, before every call that can observe it (the
 * interpreter's {@code step} for instructions compiled as fallbacks) and, through an exception
 * handler, when a memory access raises a guest interrupt. The instruction count is a local too,
 * advanced once per basic block; every basic block that can be reached by a branch first checks
 * that its instructions fit the slice, so loops in the region become JVM loops that still stop
 * exactly at {@code cpu.sliceEnd}.
 *
 * <p>Semantics: the operations with corner cases (CR0 and compare results, carries, division,
 * shifts by register, high multiplies, rotate masks) call the same value functions of
 * {@link dev.partita.cpu.Alu} the interpreter uses; plain JVM opcodes stand for the trivial ones
 * (add, and, or, xor, rotate by a constant). Instructions without a compiled form run through
 * {@link dev.partita.cpu.Interpreter#step}, so there is one definition of each.
 *
 * <p>The region is compiled twice: a first pass into a discarding visitor finds which state slots
 * are read and written and how many exception ranges there are; the second emits the class.
 */
final class BlockCompiler {
    static final String BLOCK = "dev/partita/translator/Block";
    static final String CPU = "dev/partita/cpu/Cpu";
    static final String ALU = "dev/partita/cpu/Alu";
    static final String RT = "dev/partita/translator/JitRuntime";
    static final String TRAP = "dev/partita/cpu/GuestTrap";

    // local variable layout
    private static final int THIS = 0, C = 1, IC = 2, NPC = 4, EXITK = 5, SLOT0 = 6;
    // state slots (SLOT0 + slot)
    static final int CR = 32, LR = 33, CTR = 34, SO = 35, OV = 36, CA = 37, SLOTS = 38;
    private static final int EA = SLOT0 + SLOTS, IDX = EA + 1, T0 = EA + 2, T1 = EA + 3,
            GPRS = EA + 4, HMEM = EA + 5, HIDX = EA + 6, PAGE2_OK = EA + 7, SLICE_END = EA + 8,
            SITE0 = EA + 10;
    /** Most page caches of loop accesses per translation (three locals each: tag, offset, RAM array). */
    static final int MAX_SITES = Integer.getInteger("partita.jit.loopSites", 4);
    /** Where the read and the write tables (tag, mem, off) start in {@link #CONSTANTS}. */
    private static final int READ_TABLES = 0, WRITE_TABLES = 3;
    private static final String[] SLOT_FIELD = {"cr", "lr", "ctr", "xerSo", "xerOv", "xerCa"};

    private final Region r;
    /**
     * Per instruction, the page cache it uses (or -1): loads and stores inside a loop of the region
     * remember the last page they hit in the soft TLB for the rest of the run, one cache per base
     * register and direction. Valid because nothing that changes a mapping can run inside a
     * translation (such instructions end it), and pages that hold code are never in the write table
     * (so a store never caches one). Measured on the benchmark guests (main-thread CPU, against no
     * caches): crc -25 %, string -14 %, matmul -10 %, kernel and sort about even.
     */
    private final int[] siteOf;
    private final int sites;
    private MethodVisitor mv;
    private final boolean[] used = new boolean[SLOTS];
    private final boolean[] written = new boolean[SLOTS];
    private Label[] bbLabels;
    private Label exitLabel;
    /** Direct exits: target pc -> link index. */
    private final Map<Integer, Integer> exits = new HashMap<>();
    private final List<Integer> exitTargets = new ArrayList<>();
    /** Exception ranges, split around fallback calls. */
    private Label[] rangeStart, rangeEnd;
    private int ranges;
    private int entryLength;

    /** Index of the instruction being compiled. */
    private int current;

    /** The class being generated, the owner of the constants below. */
    private String owner = "dev/partita/translator/Pass1";
    /** Whether guest RAM is one array (then it is a constant of the class). */
    private boolean singleRam;
    /**
     * The length of that array when it is a power of two, else 0. Host indexes are then masked with
     * it: the soft TLB only ever holds indexes inside the array, so the mask changes nothing, but it
     * lets HotSpot prove the index in range and drop the array's range check.
     */
    private int ramMask;

    /**
     * The class's constants, from its class data (an {@code Object[]} in this order): the soft-TLB
     * tables of the MSR context it was translated for, and the guest RAM array when there is only one.
     * As static finals they are constants to HotSpot: no loads, no null checks, and range checks on
     * the masked table index disappear.
     */
    static final String[][] CONSTANTS = {{"RT", "[I"}, {"RM", "[[B"}, {"RO", "[I"},
            {"WT", "[I"}, {"WM", "[[B"}, {"WO", "[I"}, {"RAM", "[B"}};

    private BlockCompiler(Region r) {
        this.r = r;
        this.siteOf = new int[r.size()];
        java.util.Arrays.fill(siteOf, -1);
        boolean[] inLoop = new boolean[r.size()];
        for (int[] loop : r.loops()) {
            for (int i = loop[0]; i <= loop[1]; i++) {
                inLoop[i] = true;
            }
        }
        // one cache per base register (rA) and direction: accesses through the same base mostly hit
        // the same page, and any load may use any load's cache, since it maps a whole page. Loads and
        // stores never share one: a page may be readable and not writable (or hold code, which keeps
        // it out of the write table).
        int[] cacheOf = new int[64];
        java.util.Arrays.fill(cacheOf, -1);
        int n = 0;
        for (int i = 0; i < r.size(); i++) {
            int id = r.ids[i];
            if (inLoop[i] && (isLoad(id) || isStore(id))) {
                int key = ((r.words[i] >>> 16) & 31) * 2 + (isStore(id) ? 1 : 0);
                if (cacheOf[key] < 0 && n < MAX_SITES) {
                    cacheOf[key] = n++;
                }
                siteOf[i] = cacheOf[key];
            }
        }
        this.sites = n;
    }

    private static boolean isLoad(int id) {
        return switch (id) {
            case Isa.LWZ, Isa.LWZX, Isa.LWZU, Isa.LWZUX, Isa.LBZ, Isa.LBZX, Isa.LBZU, Isa.LBZUX,
                 Isa.LHZ, Isa.LHZX, Isa.LHZU, Isa.LHZUX, Isa.LHA, Isa.LHAX, Isa.LHAU, Isa.LHAUX -> true;
            default -> false;
        };
    }

    private static boolean isStore(int id) {
        return switch (id) {
            case Isa.STW, Isa.STWX, Isa.STWU, Isa.STWUX, Isa.STB, Isa.STBX, Isa.STBU, Isa.STBUX,
                 Isa.STH, Isa.STHX, Isa.STHU, Isa.STHUX -> true;
            default -> false;
        };
    }

    /** Forgets every site's cached page (after a fallback, which may have done anything). */
    private void resetSites() {
        for (int k = 0; k < sites; k++) {
            iconst(dev.partita.mmu.SoftTlb.INVALID);
            mv.visitVarInsn(ISTORE, SITE0 + 3 * k);
        }
    }

    /** The compiled class. */
    record Result(byte[] bytes, int entryLength, int exits) {}

    /**
     * Compiles {@code r} into a class named {@code internalName}. {@code singleRamLength} is the
     * length of guest RAM when it is one array (a constant of the class), 0 when it is several.
     */
    static Result compile(Region r, String internalName, int singleRamLength) {
        boolean singleRam = singleRamLength > 0;
        int ramMask = Integer.bitCount(singleRamLength) == 1 ? singleRamLength - 1 : 0;
        BlockCompiler pass1 = new BlockCompiler(r);
        pass1.singleRam = singleRam;
        pass1.ramMask = ramMask;
        pass1.mv = new MethodVisitor(ASM9) {};
        pass1.emitMethod(null);
        BlockCompiler pass2 = new BlockCompiler(r);
        pass2.owner = internalName;
        pass2.singleRam = singleRam;
        pass2.ramMask = ramMask;
        System.arraycopy(pass1.used, 0, pass2.used, 0, SLOTS);
        System.arraycopy(pass1.written, 0, pass2.written, 0, SLOTS);
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";
            }
        };
        cw.visit(V21, ACC_FINAL | ACC_SUPER, internalName, null, BLOCK, null);
        MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, BLOCK, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        for (String[] k : CONSTANTS) {
            cw.visitField(ACC_STATIC | ACC_FINAL | ACC_PRIVATE, k[0], k[1], null, null).visitEnd();
        }
        MethodVisitor clinit = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        clinit.visitCode();
        clinit.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup", "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
        clinit.visitLdcInsn("_");
        clinit.visitLdcInsn(org.objectweb.asm.Type.getType(Object[].class));
        clinit.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "classData",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;", false);
        clinit.visitTypeInsn(CHECKCAST, "[Ljava/lang/Object;");
        clinit.visitVarInsn(ASTORE, 0);
        for (int k = 0; k < CONSTANTS.length; k++) {
            clinit.visitVarInsn(ALOAD, 0);
            clinit.visitIntInsn(BIPUSH, k);
            clinit.visitInsn(AALOAD);
            clinit.visitTypeInsn(CHECKCAST, CONSTANTS[k][1]);
            clinit.visitFieldInsn(PUTSTATIC, internalName, CONSTANTS[k][0], CONSTANTS[k][1]);
        }
        clinit.visitInsn(RETURN);
        clinit.visitMaxs(0, 0);
        clinit.visitEnd();
        pass2.mv = cw.visitMethod(ACC_PUBLIC, "run", "(L" + CPU + ";)L" + BLOCK + ";", null, null);
        pass2.emitMethod(pass1);
        cw.visitEnd();
        return new Result(cw.toByteArray(), pass2.entryLength, pass2.exitTargets.size());
    }

    // ---- method structure ----

    private void emitMethod(BlockCompiler pass1) {
        int n = r.size();
        bbLabels = new Label[n];
        for (int i = 0; i < n; i++) {
            bbLabels[i] = new Label();
        }
        exitLabel = new Label();
        Label handler = new Label();
        int rangeCount = pass1 == null ? 1 + n : pass1.ranges;
        rangeStart = new Label[rangeCount];
        rangeEnd = new Label[rangeCount];
        for (int i = 0; i < rangeCount; i++) {
            rangeStart[i] = new Label();
            rangeEnd[i] = new Label();
            if (pass1 != null) {
                mv.visitTryCatchBlock(rangeStart[i], rangeEnd[i], handler, TRAP);
            }
        }
        mv.visitCode();
        prologue();
        // the entry basic block's slice check is the engine's
        Label entryBody = new Label();
        mv.visitJumpInsn(GOTO, entryBody);
        ranges = 0;
        openRange();
        int i = 0;
        while (i < n) {
            int start = i;
            int end = basicBlockEnd(start);
            boolean entry = r.pcs[start] == r.entry;
            emitBasicBlock(start, end, entry ? entryBody : null);
            if (entry) {
                entryLength = end - start;
            }
            i = end;
        }
        closeRange();
        emitExit();
        // guest interrupt raised by a memory access: write the state back and let it propagate
        mv.visitLabel(handler);
        mv.visitInsn(POP);
        writeBack();
        mv.visitFieldInsn(GETSTATIC, TRAP, "INSTANCE", "L" + TRAP + ";");
        mv.visitInsn(ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private void openRange() {
        mv.visitLabel(rangeStart[ranges]);
    }

    private void closeRange() {
        mv.visitLabel(rangeEnd[ranges]);
        ranges++;
    }

    /** The index after the last instruction of the basic block starting at {@code start}. */
    private int basicBlockEnd(int start) {
        int i = start;
        while (true) {
            int id = r.ids[i];
            i++;
            if (endsBasicBlock(id, r.words[i - 1]) || i == r.size() || r.leader.get(i) || r.pcs[i] != r.pcs[i - 1] + 4) {
                return i;
            }
        }
    }

    private static boolean endsBasicBlock(int id, int w) {
        return id == Isa.B || id == Isa.BC || id == Isa.BCLR || id == Isa.BCCTR || Region.endsRegion(id, w);
    }

    private void prologue() {
        mv.visitVarInsn(ALOAD, C);
        mv.visitFieldInsn(GETFIELD, CPU, "icount", "J");
        mv.visitVarInsn(LSTORE, IC);
        iconst(0);
        mv.visitVarInsn(ISTORE, NPC);
        iconst(-1);
        mv.visitVarInsn(ISTORE, EXITK);
        mv.visitVarInsn(ALOAD, C);
        mv.visitFieldInsn(GETFIELD, CPU, "gpr", "[I");
        mv.visitVarInsn(ASTORE, GPRS);
        iconst(0);
        mv.visitVarInsn(ISTORE, EA);
        iconst(0);
        mv.visitVarInsn(ISTORE, IDX);
        iconst(0);
        mv.visitVarInsn(ISTORE, T0);
        iconst(0);
        mv.visitVarInsn(ISTORE, T1);
        iconst(0);
        mv.visitVarInsn(ISTORE, PAGE2_OK);
        // cpu.sliceEnd only changes inside calls (an exit request sets it to 0), and after every call
        // the field itself is checked, so the basic blocks' checks can use this copy
        mv.visitVarInsn(ALOAD, C);
        mv.visitFieldInsn(GETFIELD, CPU, "sliceEnd", "J");
        mv.visitVarInsn(LSTORE, SLICE_END);
        mv.visitInsn(ACONST_NULL);
        mv.visitVarInsn(ASTORE, HMEM);
        iconst(0);
        mv.visitVarInsn(ISTORE, HIDX);
        for (int k = 0; k < sites; k++) {
            iconst(dev.partita.mmu.SoftTlb.INVALID);
            mv.visitVarInsn(ISTORE, SITE0 + 3 * k);
            iconst(0);
            mv.visitVarInsn(ISTORE, SITE0 + 3 * k + 1);
            mv.visitInsn(ACONST_NULL);
            mv.visitVarInsn(ASTORE, SITE0 + 3 * k + 2);
        }
        reload();
    }

    /** Loads every used slot from the core. */
    private void reload() {
        for (int s = 0; s < SLOTS; s++) {
            if (!used[s]) {
                continue;
            }
            if (s < 32) {
                mv.visitVarInsn(ALOAD, GPRS);
                iconst(s);
                mv.visitInsn(IALOAD);
            } else {
                mv.visitVarInsn(ALOAD, C);
                mv.visitFieldInsn(GETFIELD, CPU, SLOT_FIELD[s - 32], "I");
            }
            mv.visitVarInsn(ISTORE, SLOT0 + s);
        }
    }

    /** Stores every written slot into the core. */
    private void writeBack() {
        for (int s = 0; s < SLOTS; s++) {
            if (!written[s]) {
                continue;
            }
            if (s < 32) {
                mv.visitVarInsn(ALOAD, GPRS);
                iconst(s);
                mv.visitVarInsn(ILOAD, SLOT0 + s);
                mv.visitInsn(IASTORE);
            } else {
                mv.visitVarInsn(ALOAD, C);
                mv.visitVarInsn(ILOAD, SLOT0 + s);
                mv.visitFieldInsn(PUTFIELD, CPU, SLOT_FIELD[s - 32], "I");
            }
        }
    }

    private void emitExit() {
        mv.visitLabel(exitLabel);
        writeBack();
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(LLOAD, IC);
        mv.visitFieldInsn(PUTFIELD, CPU, "icount", "J");
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(ILOAD, NPC);
        mv.visitFieldInsn(PUTFIELD, CPU, "pc", "I");
        mv.visitVarInsn(ALOAD, THIS);
        mv.visitVarInsn(ILOAD, EXITK);
        mv.visitFieldInsn(PUTFIELD, BLOCK, "lastExit", "I");
        Label none = new Label();
        mv.visitVarInsn(ILOAD, EXITK);
        mv.visitJumpInsn(IFLT, none);
        mv.visitVarInsn(ALOAD, THIS);
        mv.visitFieldInsn(GETFIELD, BLOCK, "links", "[L" + BLOCK + ";");
        mv.visitVarInsn(ILOAD, EXITK);
        mv.visitInsn(AALOAD);
        mv.visitInsn(ARETURN);
        mv.visitLabel(none);
        mv.visitInsn(ACONST_NULL);
        mv.visitInsn(ARETURN);
    }

    // ---- basic blocks ----

    private void emitBasicBlock(int start, int end, Label entryBody) {
        int len = end - start;
        mv.visitLabel(bbLabels[start]);
        forgetCompares();
        // slice check: do the block's instructions fit before cpu.sliceEnd?
        Label body = entryBody != null ? entryBody : new Label();
        pushIcount(len);
        mv.visitVarInsn(LLOAD, SLICE_END);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFLE, body);
        exitTo(r.pcs[start], -1, 0);
        mv.visitLabel(body);
        for (int i = start; i < end; i++) {
            emitInstruction(i, i - start, len);
        }
        int lastId = r.ids[end - 1];
        if (!endsBasicBlock(lastId, r.words[end - 1])) {
            // falls through to the next instruction
            addIcount(len);
            jumpTo(r.pcs[end - 1] + 4);
        }
    }

    /** Continues at {@code target}: a jump when it starts a basic block of the region, else a direct exit. */
    private void jumpTo(int target) {
        int i = r.indexOf(target);
        if (i >= 0 && r.leader.get(i)) {
            if (r.inSecondPage(target)) {
                // first entry into the second page in this run: is it still where it was translated from?
                Label go = bbLabels[i], unmapped = new Label();
                mv.visitVarInsn(ILOAD, PAGE2_OK);
                mv.visitJumpInsn(IFNE, go);
                mv.visitVarInsn(ALOAD, THIS);
                mv.visitVarInsn(ALOAD, C);
                mv.visitMethodInsn(INVOKEVIRTUAL, BLOCK, "secondPageMapped", "(L" + CPU + ";)Z", false);
                mv.visitJumpInsn(IFEQ, unmapped);
                iconst(1);
                mv.visitVarInsn(ISTORE, PAGE2_OK);
                mv.visitJumpInsn(GOTO, go);
                mv.visitLabel(unmapped);
                exitTo(target, -1, 0);
                return;
            }
            mv.visitJumpInsn(GOTO, bbLabels[i]);
        } else {
            Integer k = exits.get(target);
            if (k == null) {
                k = exitTargets.size();
                exits.put(target, k);
                exitTargets.add(target);
            }
            exitTo(target, k, 0);
        }
    }

    /** Leaves the translation at the constant {@code npc} after {@code delta} more instructions. */
    private void exitTo(int npc, int exitIndex, int delta) {
        addIcount(delta);
        iconst(npc);
        mv.visitVarInsn(ISTORE, NPC);
        iconst(exitIndex);
        mv.visitVarInsn(ISTORE, EXITK);
        mv.visitJumpInsn(GOTO, exitLabel);
    }

    /** Leaves the translation at the pc on the stack (an indirect exit) after {@code delta} more instructions. */
    private void exitToStack(int delta) {
        mv.visitVarInsn(ISTORE, NPC);
        addIcount(delta);
        iconst(-1);
        mv.visitVarInsn(ISTORE, EXITK);
        mv.visitJumpInsn(GOTO, exitLabel);
    }

    private void addIcount(int delta) {
        if (delta != 0) {
            pushIcount(delta);
            mv.visitVarInsn(LSTORE, IC);
        }
    }

    /** After a slow path: leave after instruction {@code j} if the core asked for an exit (or the code changed). */
    private void checkAfterSlowPath(int j, int pc, boolean alsoValidity) {
        Label cont = new Label(), leave = new Label();
        if (alsoValidity) {
            mv.visitVarInsn(ALOAD, THIS);
            mv.visitFieldInsn(GETFIELD, BLOCK, "valid", "Z");
            mv.visitJumpInsn(IFEQ, leave);
        }
        mv.visitVarInsn(ALOAD, C);
        mv.visitFieldInsn(GETFIELD, CPU, "sliceEnd", "J");
        pushIcount(j + 1);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFGT, cont);
        mv.visitLabel(leave);
        exitTo(pc + 4, -1, j + 1);
        mv.visitLabel(cont);
    }

    // ---- instructions ----

    /**
     * What set each CR field last in the current basic block, for a conditional branch on it to test
     * the operands directly instead of the CR bits (the CR is still written for later readers): per
     * field, the index of the compare (or Rc = 1 instruction) or -1, the compared slot, the other
     * operand (a slot, or a constant) and whether the compare is unsigned. A record holds while
     * neither operand slot is written; basic-block starts, fallbacks and other CR writes drop them.
     */
    private final int[] crIndex = {-1, -1, -1, -1, -1, -1, -1, -1};
    private final int[] crLeft = new int[8], crRight = new int[8], crImm = new int[8];
    private final boolean[] crRightIsImm = new boolean[8], crUnsigned = new boolean[8];
    /** True while a compare writes its CR field (that write keeps the other fields' records). */
    private boolean settingCompare;

    private void recordCompare(int field, int left, boolean rightIsImm, int right, int imm, boolean unsigned) {
        crIndex[field] = current;
        crLeft[field] = left;
        crRightIsImm[field] = rightIsImm;
        crRight[field] = right;
        crImm[field] = imm;
        crUnsigned[field] = unsigned;
    }

    private void forgetCompares() {
        java.util.Arrays.fill(crIndex, -1);
    }

    /** Drops the records that read {@code slot}, about to be written (all of them for the CR). */
    private void slotWritten(int slot) {
        if (slot == CR) {
            if (!settingCompare) {
                forgetCompares();
            }
            return;
        }
        for (int f = 0; f < 8; f++) {
            if (crIndex[f] >= 0 && (crLeft[f] == slot || (!crRightIsImm[f] && crRight[f] == slot))) {
                crIndex[f] = -1;
            }
        }
    }

    private void emitInstruction(int i, int j, int bbLen) {
        int w = r.words[i], id = r.ids[i], pc = r.pcs[i];
        current = i;
        if (!emitInline(id, w, pc, j, bbLen)) {
            fallback(pc, j, Region.endsRegion(id, w) || endsBasicBlock(id, w));
        }
    }

    /** Runs the instruction through the interpreter with the state written back, then reloads it. */
    private void fallback(int pc, int j, boolean ends) {
        forgetCompares();
        writeBack();
        closeRange();
        mv.visitVarInsn(ALOAD, C);
        iconst(pc);
        mv.visitFieldInsn(PUTFIELD, CPU, "pc", "I");
        mv.visitVarInsn(ALOAD, C);
        pushIcount(j);
        mv.visitFieldInsn(PUTFIELD, CPU, "icount", "J");
        mv.visitVarInsn(ALOAD, C);
        mv.visitMethodInsn(INVOKESTATIC, "dev/partita/cpu/Interpreter", "step", "(L" + CPU + ";)V", false);
        openRange();
        reload();
        resetSites();
        if (ends) {
            mv.visitVarInsn(ALOAD, C);
            mv.visitFieldInsn(GETFIELD, CPU, "pc", "I");
            exitToStack(j + 1);
            return;
        }
        // not a branch: the interpreter left the pc at pc + 4
        checkAfterSlowPath(j, pc, true);
    }

    /** Emits the compiled form of the instruction, or returns false to have it run as a fallback. */
    private boolean emitInline(int id, int w, int pc, int j, int bbLen) {
        int d = rD(w), a = rA(w), b = rB(w);
        boolean rc = rc(w), oe = oe(w);
        switch (id) {
            case Isa.ADDI -> { gpr0(a); iconst(simm(w)); mv.visitInsn(IADD); st(d); }
            case Isa.ADDIS -> { gpr0(a); iconst(w << 16); mv.visitInsn(IADD); st(d); }
            case Isa.ADD, Isa.SUBF, Isa.MULLW, Isa.DIVW, Isa.DIVWU, Isa.MULHW, Isa.MULHWU -> {
                if (oe && id != Isa.MULHW && id != Isa.MULHWU) {
                    return false;
                }
                if (id == Isa.SUBF) {
                    ld(b);
                    ld(a);
                    mv.visitInsn(ISUB);
                } else {
                    ld(a);
                    ld(b);
                    switch (id) {
                        case Isa.ADD -> mv.visitInsn(IADD);
                        case Isa.MULLW -> mv.visitInsn(IMUL);
                        case Isa.DIVW -> alu("quotient", "(II)I");
                        case Isa.DIVWU -> alu("quotientUnsigned", "(II)I");
                        case Isa.MULHW -> alu("multiplyHigh", "(II)I");
                        default -> alu("multiplyHighUnsigned", "(II)I");
                    }
                }
                result(d, rc);
            }
            case Isa.NEG -> {
                if (oe) {
                    return false;
                }
                ld(a);
                mv.visitInsn(INEG);
                result(d, rc);
            }
            case Isa.MULLI -> { ld(a); iconst(simm(w)); mv.visitInsn(IMUL); st(d); }
            case Isa.ADDC, Isa.ADDIC, Isa.ADDIC_RC -> {
                if (oe && id == Isa.ADDC) {
                    return false;
                }
                ld(a);
                if (id == Isa.ADDC) {
                    ld(b);
                } else {
                    iconst(simm(w));
                }
                mv.visitInsn(IADD);
                mv.visitVarInsn(ISTORE, T0);
                ld(a);
                mv.visitVarInsn(ILOAD, T0);
                alu("carryOfAdd", "(II)I");
                st(CA);
                mv.visitVarInsn(ILOAD, T0);
                result(d, id == Isa.ADDC ? rc : id == Isa.ADDIC_RC);
            }
            case Isa.SUBFC, Isa.SUBFIC -> {
                if (oe && id == Isa.SUBFC) {
                    return false;
                }
                ld(a);
                if (id == Isa.SUBFC) {
                    ld(b);
                } else {
                    iconst(simm(w));
                }
                alu("carryOfSubtract", "(II)I");
                mv.visitVarInsn(ISTORE, T1);
                if (id == Isa.SUBFC) {
                    ld(b);
                } else {
                    iconst(simm(w));
                }
                ld(a);
                mv.visitInsn(ISUB);
                mv.visitVarInsn(ILOAD, T1);
                st(CA);
                result(d, id == Isa.SUBFC && rc);
            }
            case Isa.ADDE, Isa.ADDZE, Isa.ADDME, Isa.SUBFE, Isa.SUBFZE, Isa.SUBFME -> {
                if (oe) {
                    return false;
                }
                boolean sub = id == Isa.SUBFE || id == Isa.SUBFZE || id == Isa.SUBFME;
                for (int pass = 0; pass < 2; pass++) {
                    ld(a);
                    if (sub) {
                        iconst(-1);
                        mv.visitInsn(IXOR);
                    }
                    if (id == Isa.ADDE || id == Isa.SUBFE) {
                        ld(b);
                    } else {
                        iconst(id == Isa.ADDZE || id == Isa.SUBFZE ? 0 : -1);
                    }
                    ld(CA);
                    if (pass == 0) {
                        alu("carryOfAddExtended", "(III)I");
                        mv.visitVarInsn(ISTORE, T1);
                    } else {
                        mv.visitInsn(IADD);
                        mv.visitInsn(IADD);
                    }
                }
                mv.visitVarInsn(ILOAD, T1);
                st(CA);
                result(d, rc);
            }
            case Isa.AND, Isa.ANDC, Isa.OR, Isa.ORC, Isa.XOR, Isa.NAND, Isa.NOR, Isa.EQV -> {
                ld(d);
                ld(b);
                logical(id);
                result(a, rc);
            }
            case Isa.ANDI_RC -> { ld(d); iconst(uimm(w)); mv.visitInsn(IAND); result(a, true); }
            case Isa.ANDIS_RC -> { ld(d); iconst(w << 16); mv.visitInsn(IAND); result(a, true); }
            case Isa.ORI -> { ld(d); iconst(uimm(w)); mv.visitInsn(IOR); st(a); }
            case Isa.ORIS -> { ld(d); iconst(w << 16); mv.visitInsn(IOR); st(a); }
            case Isa.XORI -> { ld(d); iconst(uimm(w)); mv.visitInsn(IXOR); st(a); }
            case Isa.XORIS -> { ld(d); iconst(w << 16); mv.visitInsn(IXOR); st(a); }
            case Isa.EXTSB -> { ld(d); mv.visitInsn(I2B); result(a, rc); }
            case Isa.EXTSH -> { ld(d); mv.visitInsn(I2S); result(a, rc); }
            case Isa.CNTLZW -> {
                ld(d);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "numberOfLeadingZeros", "(I)I", false);
                result(a, rc);
            }
            case Isa.RLWINM, Isa.RLWNM, Isa.RLWIMI -> {
                int mask = dev.partita.cpu.Alu.rotateMask((w >>> 6) & 31, (w >>> 1) & 31);
                ld(d);
                if (id == Isa.RLWNM) {
                    ld(b);
                    iconst(31);
                    mv.visitInsn(IAND);
                    rotl();
                } else if (b != 0) {
                    iconst(b);
                    rotl();
                }
                if (mask != -1) {
                    iconst(mask);
                    mv.visitInsn(IAND);
                }
                if (id == Isa.RLWIMI) {
                    ld(a);
                    iconst(~mask);
                    mv.visitInsn(IAND);
                    mv.visitInsn(IOR);
                }
                result(a, rc);
            }
            case Isa.SLW, Isa.SRW -> {
                ld(d);
                ld(b);
                alu(id == Isa.SLW ? "shiftLeft" : "shiftRight", "(II)I");
                result(a, rc);
            }
            case Isa.SRAW, Isa.SRAWI -> {
                ld(d);
                shiftCount(id, b);
                alu("carryOfShiftRightAlgebraic", "(II)I");
                mv.visitVarInsn(ISTORE, T1);
                ld(d);
                shiftCount(id, b);
                alu("shiftRightAlgebraic", "(II)I");
                mv.visitVarInsn(ILOAD, T1);
                st(CA);
                result(a, rc);
            }
            case Isa.CMP, Isa.CMPI, Isa.CMPL, Isa.CMPLI -> {
                ld(a);
                switch (id) {
                    case Isa.CMPI -> iconst(simm(w));
                    case Isa.CMPLI -> iconst(uimm(w));
                    default -> ld(b);
                }
                ld(SO);
                alu(id == Isa.CMP || id == Isa.CMPI ? "compareSigned" : "compareUnsigned", "(III)I");
                settingCompare = true;
                setCrField(crfD(w));
                settingCompare = false;
                recordCompare(crfD(w), a, id == Isa.CMPI || id == Isa.CMPLI, b, id == Isa.CMPI ? simm(w) : uimm(w),
                        id == Isa.CMPL || id == Isa.CMPLI);
            }
            case Isa.CRAND, Isa.CROR, Isa.CRXOR, Isa.CRNAND, Isa.CRNOR, Isa.CREQV, Isa.CRANDC, Isa.CRORC -> {
                crBit(a);
                crBit(b);
                logical(id);
                iconst(1);
                mv.visitInsn(IAND);
                iconst(31 - d);
                mv.visitInsn(ISHL);
                ld(CR);
                iconst(~(1 << (31 - d)));
                mv.visitInsn(IAND);
                mv.visitInsn(IOR);
                st(CR);
            }
            case Isa.MCRF -> {
                ld(CR);
                iconst(28 - 4 * crfS(w));
                mv.visitInsn(IUSHR);
                iconst(15);
                mv.visitInsn(IAND);
                setCrField(crfD(w));
            }
            case Isa.MFCR -> { ld(CR); st(d); }
            case Isa.MTCRF -> {
                int m = dev.partita.cpu.Alu.crmMask((w >>> 12) & 0xFF);
                ld(CR);
                iconst(~m);
                mv.visitInsn(IAND);
                ld(d);
                iconst(m);
                mv.visitInsn(IAND);
                mv.visitInsn(IOR);
                st(CR);
            }
            case Isa.ISEL -> {
                Label other = new Label(), done = new Label();
                crBit((w >>> 6) & 31);
                iconst(1);
                mv.visitInsn(IAND);
                mv.visitJumpInsn(IFEQ, other);
                gpr0(a);
                mv.visitJumpInsn(GOTO, done);
                mv.visitLabel(other);
                ld(b);
                mv.visitLabel(done);
                st(d);
            }
            case Isa.MFSPR -> {
                int spr = spr(w);
                if (spr != 8 && spr != 9) {
                    return false;
                }
                ld(spr == 8 ? LR : CTR);
                st(d);
            }
            case Isa.MTSPR -> {
                int spr = spr(w);
                if (spr != 8 && spr != 9) {
                    return false;
                }
                ld(d);
                st(spr == 8 ? LR : CTR);
            }
            case Isa.SYNC, Isa.ISYNC, Isa.MBAR, Isa.DCBT, Isa.DCBTST, Isa.DCBA, Isa.ICBT, Isa.DCBLC -> { }
            case Isa.B -> {
                int target = branchTarget(w, pc);
                if (lk(w)) {
                    iconst(pc + 4);
                    st(LR);
                }
                addIcount(bbLen);
                jumpTo(target);
            }
            case Isa.BC, Isa.BCLR, Isa.BCCTR -> {
                int bo = d;
                if (id == Isa.BCCTR && (bo & 4) == 0) {
                    return false;
                }
                if (id == Isa.BCLR) {
                    ld(LR);
                    iconst(~3);
                    mv.visitInsn(IAND);
                    mv.visitVarInsn(ISTORE, T1);
                } else if (id == Isa.BCCTR) {
                    ld(CTR);
                    iconst(~3);
                    mv.visitInsn(IAND);
                    mv.visitVarInsn(ISTORE, T1);
                }
                if (lk(w)) {
                    iconst(pc + 4);
                    st(LR);
                }
                addIcount(bbLen);
                Label notTaken = new Label();
                if ((bo & 4) == 0) {
                    ld(CTR);
                    iconst(1);
                    mv.visitInsn(ISUB);
                    mv.visitInsn(DUP);
                    st(CTR);
                    mv.visitJumpInsn((bo & 2) != 0 ? IFNE : IFEQ, notTaken);
                }
                if ((bo & 16) == 0 && !fusedCondition(a, (bo & 8) != 0, notTaken)) {
                    ld(CR);
                    iconst(a);
                    mv.visitInsn(ISHL);
                    mv.visitJumpInsn((bo & 8) != 0 ? IFGE : IFLT, notTaken);
                }
                if (id == Isa.BC) {
                    jumpTo(conditionalTarget(w, pc));
                } else {
                    mv.visitVarInsn(ILOAD, T1);
                    exitToStack(0);
                }
                mv.visitLabel(notTaken);
                jumpTo(pc + 4);
            }
            case Isa.LWZ, Isa.LBZ, Isa.LHZ, Isa.LHA -> { eaD(a, w); load(id, d, -1, pc, j); }
            case Isa.LWZX, Isa.LBZX, Isa.LHZX, Isa.LHAX -> { eaX(a, b); load(id, d, -1, pc, j); }
            case Isa.LWZU, Isa.LBZU, Isa.LHZU, Isa.LHAU, Isa.LWZUX, Isa.LBZUX, Isa.LHZUX, Isa.LHAUX -> {
                if (a == 0 || a == d) {
                    return false;
                }
                boolean x = id == Isa.LWZUX || id == Isa.LBZUX || id == Isa.LHZUX || id == Isa.LHAUX;
                if (x) {
                    eaX(a, b);
                } else {
                    eaD(a, w);
                }
                load(id, d, a, pc, j);
            }
            case Isa.STW, Isa.STB, Isa.STH -> { eaD(a, w); store(id, d, -1, pc, j); }
            case Isa.STWX, Isa.STBX, Isa.STHX -> { eaX(a, b); store(id, d, -1, pc, j); }
            case Isa.STWU, Isa.STBU, Isa.STHU, Isa.STWUX, Isa.STBUX, Isa.STHUX -> {
                if (a == 0) {
                    return false;
                }
                boolean x = id == Isa.STWUX || id == Isa.STBUX || id == Isa.STHUX;
                if (x) {
                    eaX(a, b);
                } else {
                    eaD(a, w);
                }
                store(id, d, a, pc, j);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    // ---- memory ----

    private void eaD(int a, int w) {
        gpr0(a);
        int s = simm(w);
        if (s != 0) {
            iconst(s);
            mv.visitInsn(IADD);
        }
        mv.visitVarInsn(ISTORE, EA);
    }

    private void eaX(int a, int b) {
        gpr0(a);
        ld(b);
        mv.visitInsn(IADD);
        mv.visitVarInsn(ISTORE, EA);
    }

    private static int size(int id) {
        return switch (id) {
            case Isa.LWZ, Isa.LWZX, Isa.LWZU, Isa.LWZUX, Isa.STW, Isa.STWX, Isa.STWU, Isa.STWUX -> 4;
            case Isa.LHZ, Isa.LHZX, Isa.LHZU, Isa.LHZUX, Isa.LHA, Isa.LHAX, Isa.LHAU, Isa.LHAUX,
                 Isa.STH, Isa.STHX, Isa.STHU, Isa.STHUX -> 2;
            default -> 1;
        };
    }

    private static boolean signed(int id) {
        return id == Isa.LHA || id == Isa.LHAX || id == Isa.LHAU || id == Isa.LHAUX;
    }

    /**
     * Puts the host array and index of EA in HMEM and HIDX, for an access of {@code size} bytes
     * through the soft TLB tables starting at {@code tagTable} (tag, mem, off); jumps to
     * {@code slow} when they do not hold it. An access with a page cache (locals {@code page}: its
     * tag, {@code page + 1}: its soft-TLB offset, {@code page + 2}: its RAM array, used when RAM is
     * several arrays) tries the cache first; a table hit refills it.
     */
    private void hostAccess(int tagTable, int size, Label slow) {
        int page = siteOf[current] >= 0 ? SITE0 + 3 * siteOf[current] : -1;
        Label done = new Label();
        if (page >= 0) {
            Label miss = new Label();
            pushTag(size);
            mv.visitVarInsn(ILOAD, page);
            mv.visitJumpInsn(IF_ICMPNE, miss);
            if (!singleRam) {
                mv.visitVarInsn(ALOAD, page + 2);
                mv.visitVarInsn(ASTORE, HMEM);
            }
            mv.visitVarInsn(ILOAD, page + 1);
            hostIndex(size);
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(miss);
        }
        tagCheck(tagTable, size, slow);
        if (page >= 0) {
            pushTag(size);
            mv.visitVarInsn(ISTORE, page);
        }
        if (!singleRam) {
            table(tagTable + 1);
            mv.visitVarInsn(ILOAD, IDX);
            mv.visitInsn(AALOAD);
            if (page >= 0) {
                mv.visitInsn(DUP);
                mv.visitVarInsn(ASTORE, page + 2);
            }
            mv.visitVarInsn(ASTORE, HMEM);
        }
        table(tagTable + 2);
        mv.visitVarInsn(ILOAD, IDX);
        mv.visitInsn(IALOAD);
        if (page >= 0) {
            mv.visitInsn(DUP);
            mv.visitVarInsn(ISTORE, page + 1);
        }
        hostIndex(size);
        mv.visitLabel(done);
    }

    /** Adds EA to the soft-TLB offset on the stack and stores the (masked) host index in HIDX. */
    private void hostIndex(int size) {
        mv.visitVarInsn(ILOAD, EA);
        mv.visitInsn(IADD);
        if (singleRam && ramMask != 0) {
            iconst(ramMask & -size);    // the access is aligned (the tag says so) and inside RAM
            mv.visitInsn(IAND);
        }
        mv.visitVarInsn(ISTORE, HIDX);
    }

    /** Pushes the tag an access of {@code size} bytes at EA must match: its page, and its misaligned low bits. */
    private void pushTag(int size) {
        mv.visitVarInsn(ILOAD, EA);
        iconst(0xFFFFF000 | (size - 1));
        mv.visitInsn(IAND);
    }

    /** The update forms' last step: rA = EA ({@code update} is rA, or -1 for the other forms). */
    private void updateBase(int update) {
        if (update >= 0) {
            mv.visitVarInsn(ILOAD, EA);
            st(update);
        }
    }

    /** Pushes the big-endian byte-array view handle of {@link dev.partita.memory.Ram} for 4- or 2-byte accesses. */
    private void pushViewHandle(int size) {
        mv.visitFieldInsn(GETSTATIC, "dev/partita/memory/Ram", size == 4 ? "BE32" : "BE16", "Ljava/lang/invoke/VarHandle;");
    }

    /** Pushes the instruction count after {@code delta} more instructions of the current basic block (a long). */
    private void pushIcount(int delta) {
        mv.visitVarInsn(LLOAD, IC);
        lconst(delta);
        mv.visitInsn(LADD);
    }

    private void pushHost() {
        if (singleRam) {
            mv.visitFieldInsn(GETSTATIC, owner, "RAM", "[B");
        } else {
            mv.visitVarInsn(ALOAD, HMEM);
        }
        mv.visitVarInsn(ILOAD, HIDX);
    }

    /** Pushes constant {@code k} of the class (a soft-TLB table). */
    private void table(int k) {
        String[] c = CONSTANTS[k];
        mv.visitFieldInsn(GETSTATIC, owner, c[0], c[1]);
    }

    /** Puts the soft-TLB index of EA in IDX and jumps to {@code slow} unless the tag matches. */
    private void tagCheck(int tagTable, int size, Label slow) {
        mv.visitVarInsn(ILOAD, EA);
        iconst(12);
        mv.visitInsn(IUSHR);
        iconst(dev.partita.mmu.SoftTlb.MASK);
        mv.visitInsn(IAND);
        mv.visitVarInsn(ISTORE, IDX);
        table(tagTable);
        mv.visitVarInsn(ILOAD, IDX);
        mv.visitInsn(IALOAD);
        pushTag(size);
        mv.visitJumpInsn(IF_ICMPNE, slow);
    }

    private void load(int id, int d, int update, int pc, int j) {
        int size = size(id);
        boolean sx = signed(id);
        Label slow = new Label(), done = new Label();
        hostAccess(READ_TABLES, size, slow);
        if (size == 1) {
            pushHost();
            mv.visitInsn(BALOAD);
            iconst(0xFF);
            mv.visitInsn(IAND);
        } else {
            pushViewHandle(size);
            pushHost();
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/VarHandle", "get", size == 4 ? "([BI)I" : "([BI)S", false);
            if (size == 2 && !sx) {
                iconst(0xFFFF);
                mv.visitInsn(IAND);
            }
        }
        st(d);
        updateBase(update);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(slow);
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(ILOAD, EA);
        iconst(pc);
        pushIcount(j + 1);
        mv.visitMethodInsn(INVOKESTATIC, RT, "load" + size * 8, "(L" + CPU + ";IIJ)I", false);
        if (sx) {
            mv.visitInsn(I2S);
        }
        st(d);
        updateBase(update);
        checkAfterSlowPath(j, pc, false);
        mv.visitLabel(done);
    }

    private void store(int id, int s, int update, int pc, int j) {
        int size = size(id);
        Label slow = new Label(), done = new Label();
        hostAccess(WRITE_TABLES, size, slow);
        if (size == 1) {
            pushHost();
            ld(s);
            mv.visitInsn(BASTORE);
        } else {
            pushViewHandle(size);
            pushHost();
            ld(s);
            if (size == 2) {
                mv.visitInsn(I2S);
            }
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/VarHandle", "set", size == 4 ? "([BII)V" : "([BIS)V", false);
        }
        updateBase(update);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(slow);
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(ILOAD, EA);
        ld(s);
        iconst(pc);
        pushIcount(j + 1);
        mv.visitMethodInsn(INVOKESTATIC, RT, "store" + size * 8, "(L" + CPU + ";IIIJ)V", false);
        updateBase(update);
        checkAfterSlowPath(j, pc, true);
        mv.visitLabel(done);
    }

    // ---- small emitters ----

    private void ld(int slot) {
        used[slot] = true;
        mv.visitVarInsn(ILOAD, SLOT0 + slot);
    }

    private void st(int slot) {
        slotWritten(slot);
        used[slot] = true;
        written[slot] = true;
        mv.visitVarInsn(ISTORE, SLOT0 + slot);
    }

    /** Pushes rA, or 0 when the field is 0. */
    private void gpr0(int a) {
        if (a == 0) {
            iconst(0);
        } else {
            ld(a);
        }
    }

    /**
     * For a branch on CR bit {@code bi} whose field was set by a compare (or Rc = 1 result) earlier in
     * the same basic block, with both operands unchanged since: jumps to {@code notTaken} unless the
     * bit equals {@code want}, by comparing the operands themselves. Returns false (nothing emitted)
     * when that does not apply.
     */
    private boolean fusedCondition(int bi, boolean want, Label notTaken) {
        int f = bi >>> 2;
        if (crIndex[f] < 0 || (bi & 3) == 3) {
            return false;
        }
        boolean unsigned = crUnsigned[f];
        ld(crLeft[f]);
        if (unsigned) {
            iconst(Integer.MIN_VALUE);
            mv.visitInsn(IXOR);
        }
        if (crRightIsImm[f]) {
            iconst(unsigned ? crImm[f] ^ Integer.MIN_VALUE : crImm[f]);
        } else {
            ld(crRight[f]);
            if (unsigned) {
                iconst(Integer.MIN_VALUE);
                mv.visitInsn(IXOR);
            }
        }
        // jump to notTaken when (bit == 1) != want; bit: 0 LT, 1 GT, 2 EQ
        int op = switch (bi & 3) {
            case 0 -> want ? IF_ICMPGE : IF_ICMPLT;
            case 1 -> want ? IF_ICMPLE : IF_ICMPGT;
            default -> want ? IF_ICMPNE : IF_ICMPEQ;
        };
        mv.visitJumpInsn(op, notTaken);
        return true;
    }

    /** Stores the value on the stack in GPR {@code dst}; with Rc also sets CR0 from it. */
    private void result(int dst, boolean rc) {
        if (rc) {
            mv.visitInsn(DUP);
            st(dst);
            ld(SO);
            alu("cr0", "(II)I");
            settingCompare = true;
            setCrField(0);
            settingCompare = false;
            recordCompare(0, dst, true, 0, 0, false);
        } else {
            st(dst);
        }
    }

    /** Sets CR field {@code bf} to the 4-bit value on the stack. */
    private void setCrField(int bf) {
        int shift = 28 - 4 * bf;
        if (shift != 0) {
            iconst(shift);
            mv.visitInsn(ISHL);
        }
        ld(CR);
        iconst(~(0xF << shift));
        mv.visitInsn(IAND);
        mv.visitInsn(IOR);
        st(CR);
    }

    /** Pushes CR bit {@code n} in bit 0 (higher bits are garbage for the caller to mask). */
    private void crBit(int n) {
        ld(CR);
        if (n != 31) {
            iconst(31 - n);
            mv.visitInsn(IUSHR);
        }
    }

    private void shiftCount(int id, int b) {
        if (id == Isa.SRAW) {
            ld(b);
        } else {
            iconst(b);
        }
    }

    /**
     * Combines the two values on the stack as the GPR or CR logical instruction {@code id} does: and, or
     * or xor, with the second operand complemented (andc, orc) or the result (nand, nor, eqv).
     */
    private void logical(int id) {
        boolean complementSecond = switch (id) {
            case Isa.ANDC, Isa.ORC, Isa.CRANDC, Isa.CRORC -> true;
            default -> false;
        };
        boolean complementResult = switch (id) {
            case Isa.NAND, Isa.NOR, Isa.EQV, Isa.CRNAND, Isa.CRNOR, Isa.CREQV -> true;
            default -> false;
        };
        if (complementSecond) {
            not();
        }
        mv.visitInsn(switch (id) {
            case Isa.AND, Isa.ANDC, Isa.NAND, Isa.CRAND, Isa.CRANDC, Isa.CRNAND -> IAND;
            case Isa.OR, Isa.ORC, Isa.NOR, Isa.CROR, Isa.CRORC, Isa.CRNOR -> IOR;
            default -> IXOR;
        });
        if (complementResult) {
            not();
        }
    }

    private void not() {
        iconst(-1);
        mv.visitInsn(IXOR);
    }

    private void rotl() {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "rotateLeft", "(II)I", false);
    }

    private void alu(String name, String desc) {
        mv.visitMethodInsn(INVOKESTATIC, ALU, name, desc, false);
    }

    private void iconst(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    private void lconst(long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn(LCONST_0 + (int) v);
        } else {
            mv.visitLdcInsn(v);
        }
    }
}
