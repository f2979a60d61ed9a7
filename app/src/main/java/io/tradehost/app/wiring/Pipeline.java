package io.tradehost.app.wiring;

import static io.tradehost.kernel.Kernel.FailurePolicy.FAIL_CLOSED;
import static io.tradehost.kernel.Kernel.FailurePolicy.LOG_AND_COUNT;

import io.tradehost.api.command.AmendOrder;
import io.tradehost.api.command.CancelOrder;
import io.tradehost.api.command.CancelOrders;
import io.tradehost.api.command.OperatorRequest;
import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.command.RecordOrderList;
import io.tradehost.api.command.RecordStrategyState;
import io.tradehost.api.event.AccountObserved;
import io.tradehost.api.event.ConfigReloaded;
import io.tradehost.api.event.Event;
import io.tradehost.api.event.FundingBooked;
import io.tradehost.api.event.FundingPaid;
import io.tradehost.api.event.IntentNotRecorded;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.JournalRecovered;
import io.tradehost.api.event.JournalWriteFailed;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.MarketDataStale;
import io.tradehost.api.event.OperatorActed;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderAmendRejected;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.event.OrderCancelRejected;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.OrderSubmitted;
import io.tradehost.api.event.PositionChanged;
import io.tradehost.api.event.QuoteReceived;
import io.tradehost.api.event.StateReasonChanged;
import io.tradehost.api.event.StopMoved;
import io.tradehost.api.event.StrategyQuarantined;
import io.tradehost.api.event.TradeReceived;
import io.tradehost.api.event.BookReceived;
import io.tradehost.api.event.FundingRateReceived;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.event.VenueConnectionChanged;
import io.tradehost.api.host.Throwables;
import io.tradehost.app.reload.LiveConfig;
import io.tradehost.coordinator.execution.ExecutionCoordinator;
import io.tradehost.coordinator.runtime.RuntimeCoordinator;
import io.tradehost.coordinator.runtime.operator.OperatorConsole;
import io.tradehost.coordinator.strategy.StrategyCoordinator;
import io.tradehost.coordinator.strategy.StrategyRoutes;
import io.tradehost.coordinator.telemetry.TelemetryCoordinator;
import io.tradehost.journal.SqlJournal;
import io.tradehost.kernel.Kernel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
/**
 * The host's message topology, written in one place: the one owner of each command and the
 * subscribers of each event, in the order they hear it, with what a failure of each handler means.
 * Handlers that own books or durability (the journal, execution's ledger and order tracker, the
 * runtime's trading state and reconciliation) fail closed: trading halts with
 * {@code handler_failure.<handler>}. The others are logged and counted.
 *
 * <pre>
 * commands   OrderIntent ─► execution.place        RecordIntent, RecordStrategyState, RecordOrderList ─► journal
 *            CancelOrders, CancelOrder ─► execution.cancel, execution.cancel-one
 * events     QuoteReceived ─► telemetry ─► MarkUpdated ─► strategy ─► OrderIntent
 *            IntentRecorded ─► execution (send)    OrderAccepted/Rejected/Cancelled ─► journal, execution
 *            OrderFilled ─► execution ─► PositionChanged ─► journal
 *            FundingPaid ─► execution ─► FundingBooked ─► journal      MarketDataStale ─► telemetry
 *            TradeReceived ─► strategy (trades, bars)     BookReceived, FundingRateReceived, MarketDataStale ─► strategy
 *            IntentRecorded/NotRecorded/Rejected, OrderAccepted/Rejected/Cancelled/Reconciled, PositionChanged,
 *                TradingStateChanged, StateReasonChanged ─► strategy (order handles, after the books), last
 *            every event ─► runtime guards
 *            OperatorRequest ─► runtime.operator ─► OperatorActed ─► journal (who, when, why)
 *            ConfigReloaded ─► journal (diff, severity, errors)
 *            MarkUpdated, PositionChanged, OrderCancelled/Rejected ─► config.drift (clears config_drift
 *                when the limits hold again)
 *            every event ─► watchers (the admin surface, metrics, alerts), last
 * </pre>
 */
public final class Pipeline {
    private final Kernel kernel;
    private final SqlJournal journal;
    private final RuntimeCoordinator runtime;
    private final ExecutionCoordinator execution;
    private final StrategyCoordinator strategy;
    private final TelemetryCoordinator telemetry;
    private final OperatorConsole operator;
    private final LiveConfig live;
    private final Map<String, Consumer<? super Event>> watchers = new LinkedHashMap<>();
    private boolean connected;

    public Pipeline(Kernel kernel, SqlJournal journal, RuntimeCoordinator runtime, ExecutionCoordinator execution,
                    StrategyCoordinator strategy, TelemetryCoordinator telemetry, OperatorConsole operator,
                    LiveConfig live) {
        this.kernel = kernel;
        this.live = live;
        this.operator = operator;
        this.journal = journal;
        this.runtime = runtime;
        this.execution = execution;
        this.strategy = strategy;
        this.telemetry = telemetry;
    }

    /**
     * Adds a watcher that hears every event after all the pipeline's own handlers; a failure is
     * logged and counted (watchers derive views, they own nothing). Before {@link #connect} only.
     *
     * @throws IllegalStateException if the pipeline is already connected or the name is taken
     */
    public void watch(String name, Consumer<? super Event> watcher) {
        if (connected) {
            throw new IllegalStateException("watch(" + name + ") after the pipeline was connected");
        }
        if (watchers.putIfAbsent(name, watcher) != null) {
            throw new IllegalStateException("a watcher named " + name + " is already registered");
        }
    }

    private <E extends Event> void subscribe(StrategyRoutes.Route<E> route) {
        kernel.subscribe(route.type(), route.name(), LOG_AND_COUNT, route.handler());
    }

    /**
     * Registers every route with the kernel, once.
     *
     * @throws IllegalStateException if a command type is left without an owner
     */
    public void connect() {
        if (connected) {
            return;
        }
        connected = true;
        kernel.own(OrderIntent.class, "execution.place", FAIL_CLOSED, execution::place);
        kernel.own(CancelOrders.class, "execution.cancel", LOG_AND_COUNT, execution::cancel);
        kernel.own(CancelOrder.class, "execution.cancel-one", LOG_AND_COUNT, execution::cancelOne);
        kernel.own(AmendOrder.class, "execution.amend", LOG_AND_COUNT, execution::amend);
        kernel.own(RecordIntent.class, "journal.record", FAIL_CLOSED, journal::record);
        kernel.own(RecordStrategyState.class, "journal.strategy-state", FAIL_CLOSED, journal::recordState);
        kernel.own(RecordOrderList.class, "journal.order-list", FAIL_CLOSED, journal::recordOrderList);
        kernel.own(OperatorRequest.class, "runtime.operator", LOG_AND_COUNT, operator::handle);

        kernel.subscribeAll("runtime.guards", LOG_AND_COUNT, runtime::showToGuards);
        kernel.subscribe(QuoteReceived.class, "telemetry.quote", LOG_AND_COUNT, telemetry::onQuote);
        kernel.subscribe(MarketDataStale.class, "telemetry.stale", LOG_AND_COUNT, telemetry::onMarketDataStale);
        kernel.subscribe(MarkUpdated.class, "execution.stops", FAIL_CLOSED, execution::onMark);

        kernel.subscribe(IntentRecorded.class, "execution.recorded", FAIL_CLOSED, execution::onIntentRecorded);
        kernel.subscribe(IntentNotRecorded.class, "execution.not-recorded", FAIL_CLOSED,
                execution::onIntentNotRecorded);
        kernel.subscribe(IntentRejected.class, "runtime.rejected", FAIL_CLOSED, runtime::onIntentRejected);
        kernel.subscribe(OrderAccepted.class, "journal.accepted", FAIL_CLOSED, journal::onAccepted);
        kernel.subscribe(OrderAccepted.class, "execution.accepted", FAIL_CLOSED, execution::onAccepted);
        kernel.subscribe(OrderRejected.class, "journal.rejected", FAIL_CLOSED, journal::onRejected);
        kernel.subscribe(OrderRejected.class, "execution.rejected", FAIL_CLOSED, execution::onRejected);
        kernel.subscribe(OrderCancelled.class, "journal.cancelled", FAIL_CLOSED, journal::onCancelled);
        kernel.subscribe(OrderCancelled.class, "execution.cancelled", FAIL_CLOSED, execution::onCancelled);
        kernel.subscribe(OrderAmended.class, "journal.amended", FAIL_CLOSED, journal::onAmended);
        kernel.subscribe(StopMoved.class, "journal.stop-moved", FAIL_CLOSED, journal::onStopMoved);
        kernel.subscribe(OrderSubmitted.class, "journal.submitted", FAIL_CLOSED, journal::onSubmitted);
        kernel.subscribe(OrderAmended.class, "execution.amended", FAIL_CLOSED, execution::onAmended);
        kernel.subscribe(OrderAmendRejected.class, "execution.amend-rejected", LOG_AND_COUNT,
                execution::onAmendRejected);
        kernel.subscribe(OrderFilled.class, "execution.fill", FAIL_CLOSED, execution::onFilled);
        kernel.subscribe(PositionChanged.class, "journal.fill", FAIL_CLOSED, journal::onPositionChanged);
        kernel.subscribe(FundingPaid.class, "execution.funding", FAIL_CLOSED, execution::onFunding);
        kernel.subscribe(AccountObserved.class, "execution.account", LOG_AND_COUNT, execution::onAccount);
        kernel.subscribe(FundingBooked.class, "journal.funding", FAIL_CLOSED, journal::onFundingBooked);
        kernel.subscribe(OrderReconciled.class, "journal.reconciled", FAIL_CLOSED, journal::onReconciled);
        kernel.subscribe(OrderReconciled.class, "execution.reconciled", FAIL_CLOSED, execution::onReconciled);
        kernel.subscribe(StateReasonChanged.class, "journal.reason", FAIL_CLOSED, journal::onReasonChanged);
        kernel.subscribe(TradingStateChanged.class, "journal.state", FAIL_CLOSED, journal::onStateChanged);
        // strategies hear what happened to their orders after the books took it
        StrategyRoutes.of(strategy).forEach(this::subscribe);

        kernel.subscribe(StrategyQuarantined.class, "runtime.quarantine", FAIL_CLOSED, runtime::onQuarantined);
        kernel.subscribe(VenueConnectionChanged.class, "runtime.connection", FAIL_CLOSED,
                runtime::onConnectionChanged);
        kernel.subscribe(JournalWriteFailed.class, "runtime.journal-failed", FAIL_CLOSED,
                runtime::onJournalWriteFailed);
        kernel.subscribe(JournalRecovered.class, "runtime.journal-recovered", FAIL_CLOSED,
                runtime::onJournalRecovered);
        kernel.subscribe(OperatorActed.class, "journal.operator", FAIL_CLOSED, journal::onOperatorActed);
        kernel.subscribe(ConfigReloaded.class, "journal.config", FAIL_CLOSED, journal::onConfigReloaded);
        kernel.subscribe(MarkUpdated.class, "config.drift", LOG_AND_COUNT, live::onExposureMoved);
        kernel.subscribe(PositionChanged.class, "config.drift", LOG_AND_COUNT, live::onExposureMoved);
        kernel.subscribe(OrderCancelled.class, "config.drift", LOG_AND_COUNT, live::onExposureMoved);
        kernel.subscribe(OrderRejected.class, "config.drift", LOG_AND_COUNT, live::onExposureMoved);
        watchers.forEach((name, watcher) -> kernel.subscribeAll(name, LOG_AND_COUNT, watcher));

        if (!kernel.unownedCommands().isEmpty()) {
            throw new IllegalStateException("commands without an owner: " + kernel.unownedCommands());
        }
        kernel.onFailure(failure -> {
            if (failure.policy() == Kernel.FailurePolicy.FAIL_CLOSED) {
                runtime.handlerFailed(failure.handler(), failure.message() == null ? "a timer"
                        : failure.message().getClass().getSimpleName(), Throwables.describe(failure.error()));
            }
        });
    }
}
