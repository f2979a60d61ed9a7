package io.tradehost.api.event;

/**
 * Everything that happens in the host, as immutable records. The kernel dispatches events one at a
 * time on its thread, to every coordinator in a fixed order; an event published while another is
 * being handled is dispatched after it (first in, first out), so the same inputs give the same
 * sequence of events.
 */
public sealed interface Event permits QuoteReceived, MarkUpdated, OrderIntent, IntentRejected, OrderSubmitted,
        OrderAccepted, OrderRejected, OrderFilled, OrderCancelled, PositionChanged, TradingStateChanged,
        StrategyFailed, StrategyQuarantined, OrderReconciled, VenueConnectionChanged, StateReasonChanged {
}
