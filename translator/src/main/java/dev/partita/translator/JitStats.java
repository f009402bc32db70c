package dev.partita.translator;

/** Counters of the translator, printed by {@code --stats}. */
final class JitStats {
    long blocksTranslated;
    long guestInstructionsTranslated;
    long bytecodeBytes;
    long translationNanos;
    /** Part of {@link #translationNanos} spent scanning and generating bytecode (the rest defines the class). */
    long compileNanos;
    /** Translations entered from the engine's lookup (jump cache or cache map). */
    long lookups;
    /** Translations entered through a chained link, without a lookup. */
    long chained;
    /** Guest basic blocks run by the interpreter (cold code, slice tails). */
    long interpretedBlocks;
    long invalidations;
    long evictions;
    /** Regions compiled again smaller because the first attempt was too big. */
    long retranslations;
    /** Entry points that could not be translated (left to the interpreter). */
    long failures;

    String format(long cacheBytes) {
        return String.format(
                "jit: %d blocks translated (%d guest instructions, %d KiB bytecode, %.1f ms translating of which %.1f ms generating, %d retried smaller)%n"
                        + "jit: %d lookups, %d chained entries, %d interpreted blocks%n"
                        + "jit: %d invalidations, %d cache flushes, %d KiB bytecode live, %d translation failures",
                blocksTranslated, guestInstructionsTranslated, bytecodeBytes >> 10, translationNanos / 1e6, compileNanos / 1e6, retranslations,
                lookups, chained, interpretedBlocks, invalidations, evictions, cacheBytes >> 10, failures);
    }
}
