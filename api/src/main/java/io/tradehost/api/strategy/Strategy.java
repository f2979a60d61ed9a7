package io.tradehost.api.strategy;

/**
 * Decides what to do with one symbol. The host creates one instance per traded symbol, so an
 * instance may keep that symbol's state (indicators, trailing stops) in plain fields.
 *
 * <p>Called on the kernel thread only, never concurrently. Must not block, sleep or read the wall
 * clock; use {@link StrategyContext#nowNanos()}. A call that throws is logged and counted and the
 * symbol is skipped for that cycle; the host goes on.
 */
@FunctionalInterface
public interface Strategy {
    /** The decision for the context's symbol; never null (return {@link Decision#hold} to do nothing). */
    Decision decide(StrategyContext context);
}
