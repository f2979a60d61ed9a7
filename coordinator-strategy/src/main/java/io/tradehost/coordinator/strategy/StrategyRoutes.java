package io.tradehost.coordinator.strategy;

import io.tradehost.api.event.BookReceived;
import io.tradehost.api.event.Event;
import io.tradehost.api.event.FundingRateReceived;
import io.tradehost.api.event.IntentNotRecorded;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderAmendRejected;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.event.OrderCancelRejected;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.PositionChanged;
import io.tradehost.api.event.StopMoved;
import io.tradehost.api.event.StateReasonChanged;
import io.tradehost.api.event.TradeReceived;
import io.tradehost.api.event.TradingStateChanged;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Every event the strategy coordinator hears, named, in one list that the host's pipeline and the
 * test rigs all register, so they cannot drift apart. Each route must be registered after the
 * handlers that book the same event (execution, the journal, the runtime): a strategy hears what
 * happened to its orders once the books took it. Every route is log-and-count: a strategy's failure
 * never leaves the books in doubt.
 */
public final class StrategyRoutes {
    /**
     * One subscription: events of exactly {@code type} to {@code handler}.
     *
     * @param name the handler's name in logs and failure counts, {@code strategy.*}
     */
    public record Route<E extends Event>(Class<E> type, String name, Consumer<? super E> handler) {
        public Route {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(handler, "handler");
        }
    }

    private StrategyRoutes() {
    }

    /** The routes of {@code strategy}, in the order to register them. */
    public static List<Route<?>> of(StrategyCoordinator strategy) {
        return List.of(
                new Route<>(MarkUpdated.class, "strategy.mark", strategy::onMark),
                new Route<>(TradeReceived.class, "strategy.trade", strategy::onTrade),
                new Route<>(BookReceived.class, "strategy.book", strategy::onBook),
                new Route<>(FundingRateReceived.class, "strategy.funding-rate", strategy::onFundingRate),
                new Route<>(io.tradehost.api.event.MarketDataStale.class, "strategy.stale",
                        strategy::onMarketDataStale),
                new Route<>(IntentRecorded.class, "strategy.recorded", strategy::onIntentRecorded),
                new Route<>(IntentNotRecorded.class, "strategy.not-recorded", strategy::onIntentNotRecorded),
                new Route<>(IntentRejected.class, "strategy.rejected", strategy::onIntentRejected),
                new Route<>(OrderAccepted.class, "strategy.accepted", strategy::onAccepted),
                new Route<>(OrderRejected.class, "strategy.order-rejected", strategy::onRejected),
                new Route<>(OrderCancelled.class, "strategy.cancelled", strategy::onCancelled),
                new Route<>(OrderCancelRejected.class, "strategy.cancel-rejected", strategy::onCancelRejected),
                new Route<>(OrderAmended.class, "strategy.amended", strategy::onAmended),
                new Route<>(OrderAmendRejected.class, "strategy.amend-rejected", strategy::onAmendRejected),
                new Route<>(StopMoved.class, "strategy.stop-moved", strategy::onStopMoved),
                new Route<>(OrderFilled.class, "strategy.fill", strategy::onFilled),
                new Route<>(PositionChanged.class, "strategy.position", strategy::onPositionChanged),
                new Route<>(OrderReconciled.class, "strategy.reconciled", strategy::onReconciled),
                new Route<>(TradingStateChanged.class, "strategy.state", strategy::onTradingStateMoved),
                new Route<>(StateReasonChanged.class, "strategy.reason", strategy::onTradingStateMoved));
    }
}
