package io.tradehost.api.guard;

import io.tradehost.api.order.OrderRequest;

/**
 * A pre-trade check of one order. Called on the kernel thread, never concurrently; must not block.
 * A guard that throws fails closed: the order is rejected and the host raises a guard-failure
 * reason.
 */
@FunctionalInterface
public interface Guard {
    /** Allows or rejects {@code check}'s order; never null. */
    GuardVerdict check(OrderCheck check);

    /**
     * Execution has asked the venue to cancel {@code order}. Called once for every cancel request
     * execution sends to the venue, whatever the venue answers: a strategy's cancel of one order (so
     * also the cancel half of a modification, which is a cancel and a new order), and each order of a
     * cancel-all (an operator's cancel-all or close, a runtime guard's); not for an order cancelled
     * before it reached the venue (a stop the host still holds, an order not yet sent). Called after
     * the request went, on the same terms as {@link #check}: on the kernel thread (an isolated guard's
     * on its worker), never concurrently with {@code check} or itself, in order; must not block.
     *
     * <p>A guard cannot refuse a cancel: cancels always go, whatever the trading state. One that
     * limits the order rate counts it here and judges later orders by it. One that throws here (or
     * does not return within its budget) may have missed the cancel, so it fails closed: its next
     * {@code check} rejects the order with {@code GUARD_FAILURE}. By default a guard ignores cancels.
     *
     * @param order the order as it was placed (client order id, symbol, side, size)
     * @param nowNanos clock time of the request, nanoseconds since the epoch (the clock of
     *     {@link OrderCheck#nowNanos()})
     */
    default void onCancelSent(OrderRequest order, long nowNanos) {
        // most guards judge orders alone
    }
}
