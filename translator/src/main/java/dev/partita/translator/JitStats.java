package dev.partita.translator;

/** Counters of the translator, printed by {@code --stats}. */
final class JitStats {
    long blocksTranslated;
    long guestInstructionsTranslated;
    long bytecodeBytes;
    /** Time spent translating, on whichever thread (scanning on the guest thread, building on the worker). */
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
    /** Translations built on the worker thread and handed back, and the worker's time on them (part of {@link #translationNanos}). */
    long backgroundBuilt;
    long workerNanos;
    /** Translations built on the worker but not installed: their code, the cache or the mapping changed meanwhile. */
    long discarded;
    /** Hot entry points not handed to the worker because it had enough queued (they stay interpreted for now). */
    long notQueued;

    /** Whether an engine translates on a worker thread (then {@link #format} says how that went). */
    boolean background;

    String format(long cacheBytes) {
        String main = String.format(
                "jit: %d blocks translated (%d guest instructions, %d KiB bytecode, %.1f ms translating of which %.1f ms generating, %d retried smaller)%n"
                        + "jit: %d lookups, %d chained entries, %d interpreted blocks%n"
                        + "jit: %d invalidations, %d cache flushes, %d KiB bytecode live, %d translation failures",
                blocksTranslated, guestInstructionsTranslated, bytecodeBytes >> 10, translationNanos / 1e6, compileNanos / 1e6, retranslations,
                lookups, chained, interpretedBlocks, invalidations, evictions, cacheBytes >> 10, failures);
        if (!background) {
            return main;
        }
        return main + String.format("%njit: %d built on the worker thread (%.1f ms there, %.1f ms on the guest thread), %d discarded as stale, %d not queued (worker busy)",
                backgroundBuilt, workerNanos / 1e6, (translationNanos - workerNanos) / 1e6, discarded, notQueued);
    }
}
