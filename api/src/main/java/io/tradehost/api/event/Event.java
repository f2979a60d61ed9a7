package io.tradehost.api.event;

/**
 * Something that happened in the host, as an immutable record. The kernel dispatches events one at
 * a time on its thread to the subscribers of their type, in the order the pipeline declares them;
 * an event published while another is being handled is dispatched after it (first in, first out),
 * so the same inputs give the same sequence of events.
 */
public sealed interface Event extends Message permits QuoteReceived, MarkUpdated, IntentRejected, OrderSubmitted, OrderAmended, OrderAmendRejected, StopMoved,
        OrderAccepted, OrderRejected, OrderFilled, OrderCancelled, PositionChanged, TradingStateChanged,
        StrategyFailed, StrategyQuarantined, OrderReconciled, VenueConnectionChanged, StateReasonChanged,
        IntentRecorded, IntentNotRecorded, JournalWriteFailed, JournalRecovered, OperatorActed, MarketDataStale,
        FundingPaid, FundingBooked, AccountObserved, ConfigReloaded, TradeReceived, OrderCancelRejected, BookReceived,
        FundingRateReceived {
}
