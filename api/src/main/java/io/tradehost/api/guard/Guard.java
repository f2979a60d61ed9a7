package io.tradehost.api.guard;

/**
 * A pre-trade check of one order. Called on the kernel thread, never concurrently; must not block.
 * A guard that throws fails closed: the order is rejected and the host raises a guard-failure
 * reason.
 */
@FunctionalInterface
public interface Guard {
    /** Allows or rejects {@code check}'s order; never null. */
    GuardVerdict check(OrderCheck check);
}
