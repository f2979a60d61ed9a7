package io.tradehost.coordinator.runtime;

import io.tradehost.api.event.Event;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.JournalRecovered;
import io.tradehost.api.event.JournalWriteFailed;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.event.StrategyQuarantined;
import io.tradehost.api.event.AccountObserved;
import io.tradehost.api.event.VenueConnectionChanged;
import io.tradehost.api.host.Coordinator;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.host.Health;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.StartupException;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.journal.OrderJournal;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.state.ClearingRule;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.time.Clock;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.venue.VenueException;
import io.tradehost.coordinator.runtime.guards.RuntimeGuards;
import io.tradehost.coordinator.runtime.reconcile.Difference;
import io.tradehost.coordinator.runtime.reconcile.Reconciler;
import io.tradehost.coordinator.runtime.reconcile.ReconciliationReport;
import io.tradehost.coordinator.runtime.state.TradingStateMachine;
import io.tradehost.coordinator.runtime.venue.VenueBootstrap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * Bootstraps the venue, restores the journaled reasons only an operator or the calendar clears,
 * reconciles the journal with the venue (at start-up, periodically and after a reconnect), owns the
 * trading-state machine and runs the runtime guards. It raises the configured reasons at start, a
 * host-wide guard-failure reason when a guard fails, a symbol-scoped reduce-only reason when a
 * strategy is quarantined, the reconciliation reason, and halts trading when the journal cannot
 * write or a handler that owns books fails. Kernel thread only.
 */
public final class RuntimeCoordinator implements Coordinator {    private static final Logger LOG = LoggerFactory.getLogger(RuntimeCoordinator.class);
    private static final int STARTUP_ATTEMPTS = 5;
    private static final long DAY_NANOS = 86_400_000_000_000L;

    private final RuntimeSettings settings;
    private final VenueBootstrap bootstrap;
    private final TradingStateMachine state;
    private final RuntimeGuards guards;
    private final OrderJournal journal;
    private final EventBus bus;
    private final Scheduler scheduler;
    private final Clock clock;
    private List<Difference> lastUnexplained = List.of();
    /** The orders (and the venue's terms) found at other terms by the last reconciliation while trading. */
    private Set<String> termsSeenLast = Set.of();
    private ScheduledTask reconciliationTimer;
    private long reconciliations;
    private long reconciliationFailures;
    private long repairs;

    public RuntimeCoordinator(RuntimeSettings settings, VenueBootstrap bootstrap, TradingStateMachine state,
                              RuntimeGuards guards, OrderJournal journal, EventBus bus, Scheduler scheduler,
                              Clock clock) {
        this.settings = settings;
        this.bootstrap = bootstrap;
        this.state = state;
        this.guards = guards;
        this.journal = journal;
        this.bus = bus;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "runtime";
    }

    @Override
    public void initialize() {
        bootstrap.bootstrap(settings);
        if (settings.reduceOnly()) {
            state.raise(new StateReason(ReasonCode.CONFIG_REDUCE_ONLY, ReasonSource.CONFIG, TradingState.REDUCE_ONLY,
                    "configuration sets runtime.reduce_only", Map.of(), clock.nanos()));
        }
        if (settings.halted()) {
            state.raise(new StateReason(ReasonCode.CONFIG_HALTED, ReasonSource.CONFIG, TradingState.HALTED,
                    "configuration sets runtime.halted", Map.of(), clock.nanos()));
        }
        restoreReasons();
    }

    /**
     * Raises again the reasons the journal had active that only an operator or the calendar clears
     * (an operator halt, a daily-loss breach of today, a quarantine, a guard failure), so that a
     * restart does not lift them. Reasons their guards derive again (stale marks, volatility) and
     * reconciliation's own are left to those; configuration raises its own.
     */
    private void restoreReasons() {
        long today = Math.floorDiv(clock.nanos(), DAY_NANOS);
        for (StateReason reason : journal.snapshot().activeReasons()) {
            boolean operatorOnly = reason.clearing() == ClearingRule.OPERATOR;
            boolean sameDay = reason.clearing() == ClearingRule.NEXT_UTC_DAY
                    && Math.floorDiv(reason.raisedAtNanos(), DAY_NANOS) == today;
            if (reason.source() != ReasonSource.CONFIG && (operatorOnly || sameDay)) {
                LOG.warn("restoring trading-state reason {} from the journal (raised before the restart)",
                        reason.code());
                state.raise(reason);
            }
        }
    }

    /**
     * Reconciles journal and venue before anything trades (refusing to start, if so configured, on
     * what it cannot explain), then starts the runtime guards and the periodic reconciliation.
     */
    @Override
    public void start() {
        reconcile(true);
        guards.start(scheduler);
        reconciliationTimer = scheduler.scheduleAtFixedRate(settings.reconcileInterval(),
                settings.reconcileInterval(), () -> reconcile(false));
    }

    /**
     * Compares the journal with the venue now and publishes the repairs. At start-up anything
     * unexplained raises the reconciliation reason (or refuses the start); while trading it must be
     * seen twice in a row, since a fill may be on its way. An agreeing run clears the reason.
     *
     * @return whether the venue was asked and nothing unexplained was found
     */
    boolean reconcile(boolean startup) {
        ReconciliationReport report;
        try {
            report = compare(startup);
        } catch (VenueException e) {
            reconciliationFailures++;
            String message = "could not reconcile with the venue: " + e.getMessage() + " [" + e.code() + "]";
            if (startup) {
                mismatch(message, 0, true);
            } else {
                LOG.warn("{}; trying again in {}", message, settings.reconcileInterval());
            }
            return false;
        }
        reconciliations++;
        List<Event> toRepair = startup ? report.repairs() : confirmedTerms(report);
        repairs += toRepair.size();
        report.differences().forEach(d -> LOG.warn("reconciliation{}: {}", startup ? " at start-up" : "", d));
        toRepair.forEach(bus::publish);
        List<Difference> unexplained = report.unexplained();
        if (unexplained.isEmpty()) {
            lastUnexplained = List.of();
            if (state.reasons().stream().anyMatch(r -> ReasonCode.RECONCILIATION.equals(r.code()))) {
                state.clear(ReasonCode.RECONCILIATION, "a reconciliation that agreed with the venue");
            }
            String outcome = report.agrees() ? "journal and venue agree"
                    : report.differences().size() + " difference(s), all repaired";
            if (startup || !report.agrees()) {
                LOG.info("reconciled with the venue: {}", outcome);
            } else {
                LOG.debug("reconciled with the venue: {}", outcome);
            }
            return true;
        }
        if (startup || unexplained.equals(lastUnexplained)) {
            mismatch("journal and venue differ: " + unexplained.stream().map(Difference::toString)
                    .collect(Collectors.joining("; ")), unexplained.size(), startup);
        }
        lastUnexplained = unexplained;
        return false;
    }

    /**
     * The repairs to make while trading: all but an order's new terms ({@code ORDER_TERMS}) seen for the
     * first time, which wait for the next run. An amend may be on its way (the venue's view shows it
     * before its answer comes, or still the old terms after it came); a difference seen twice in a row
     * is one no answer is coming for.
     */
    private List<Event> confirmedTerms(ReconciliationReport report) {
        Set<String> seen = report.differences().stream().filter(d -> d.kind() == Difference.Kind.ORDER_TERMS)
                .map(d -> d.subject() + " " + d.venue()).collect(Collectors.toSet());
        Set<String> waiting = report.differences().stream().filter(d -> d.kind() == Difference.Kind.ORDER_TERMS
                && !termsSeenLast.contains(d.subject() + " " + d.venue())).map(Difference::subject)
                .collect(Collectors.toSet());
        termsSeenLast = seen;
        waiting.forEach(id -> LOG.info("reconciliation: {} rests at other terms at the venue; taken if the next "
                + "reconciliation sees them too (an amend may be on its way)", id));
        return report.repairs().stream().filter(r -> !(r instanceof OrderReconciled o
                && waiting.contains(o.order().clientOrderId().value()))).toList();
    }

    /** The orders the journal says the host holds itself until their trigger. */
    private Set<ClientOrderId> heldByHost() {
        return journal.owners().entrySet().stream().filter(e -> e.getValue().heldByHost()).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** One comparison; at start-up a transient venue failure is tried again a few times first. */
    private ReconciliationReport compare(boolean startup) throws VenueException {
        for (int attempt = 1; ; attempt++) {
            try {
                return Reconciler.reconcile(journal.snapshot(), journal.fundingPaymentIds(), bootstrap.venue(), startup,
                        bootstrap.listedProducts(), quoteCurrency(), clock.nanos(),
                        account -> bus.publish(new AccountObserved(account)), heldByHost());
            } catch (VenueException e) {
                if (!startup || !e.isTransient() || attempt >= STARTUP_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("start-up reconciliation attempt {} failed ({}: {}); trying again", attempt, e.code(),
                        e.getMessage());
            } catch (Throwable bug) {
                // a venue plugin that throws (or lacks a method of this api) is a fault of the plugin, not the host
                Throwables.rethrowIfFatal(bug);
                LOG.error("venue plugin failed during reconciliation", bug);
                throw VenueException.refused(RejectionCode.VENUE_PLUGIN_FAILURE, "venue plugin failed: "
                        + Throwables.describe(bug));
            }
        }
    }

    private void mismatch(String message, int count, boolean startup) {
        if (startup && settings.refuseOnMismatch()) {
            throw new StartupException(message + "; start refused (runtime.reconciliation.on_mismatch = \"refuse\")");
        }
        state.raise(new StateReason(ReasonCode.RECONCILIATION, ReasonSource.RECONCILIATION, TradingState.REDUCE_ONLY, message,
                Map.of("differences", Integer.toString(count)), clock.nanos(), null, ClearingRule.RECONCILIATION));
    }

    private String quoteCurrency() {
        return bootstrap.product(bootstrap.symbols().getFirst()).quote();
    }

    /** The runtime guards, e.g. to reconfigure them. */
    public RuntimeGuards guards() {
        return guards;
    }

    /** Shows every event to the runtime guards. */
    public void showToGuards(Event event) {
        guards.onEvent(event);
    }

    /** Reconciles after a reconnect. */
    public void onConnectionChanged(VenueConnectionChanged change) {
        if (change.connected()) {
            LOG.warn("venue connection restored ({}); reconciling", change.detail());
            reconcile(false);
        } else {
            LOG.warn("venue connection lost: {}", change.detail());
        }
    }

    /** A guard that failed (rather than rejected) holds the host in reduce-only until an operator clears it. */
    public void onIntentRejected(IntentRejected rejected) {
        if (RejectionCode.GUARD_FAILURE.equals(rejected.code())) {
            state.raise(new StateReason(ReasonCode.guardFailure(rejected.stage()), ReasonSource.GUARD_FAILURE,
                    TradingState.REDUCE_ONLY, rejected.message(), Map.of("guard", rejected.stage()), clock.nanos()));
        }
    }

    /** A quarantined strategy holds its symbol in reduce-only. */
    public void onQuarantined(StrategyQuarantined q) {
        state.raise(new StateReason(ReasonCode.strategyQuarantine(q.symbol()), ReasonSource.STRATEGY_FAILURE,
                TradingState.REDUCE_ONLY, "strategy '" + q.strategy() + "' quarantined: it " + q.reason(),
                Map.of("strategy", q.strategy()), clock.nanos(), q.symbol()));
    }

    /**
     * The journal's server is back with what was held applied: reconciles at once (fills and cancels may
     * have come while it was away), and if nothing was lost and the venue agrees, lifts the halt the
     * outage raised. Otherwise the halt stays for an operator.
     */
    public void onJournalRecovered(JournalRecovered recovered) {
        LOG.warn("journal {} is back ({} held write(s) applied); reconciling", recovered.where(),
                recovered.writesApplied());
        boolean agreed = reconcile(false);
        boolean halted = state.reasons().stream().anyMatch(r -> ReasonCode.JOURNAL_WRITE_FAILED.equals(r.code()));
        if (!halted) {
            return;
        }
        if (recovered.nothingLost() && agreed) {
            state.clear(ReasonCode.JOURNAL_WRITE_FAILED, "the journal is back with nothing lost and a reconciliation"
                    + " agreed with the venue");
        } else {
            LOG.error("journal {} is back but the halt stays until an operator clears {}: {}", recovered.where(),
                    ReasonCode.JOURNAL_WRITE_FAILED.value(), recovered.nothingLost()
                            ? "reconciliation with the venue did not agree" : "writes were lost while it failed");
        }
    }

    /**
     * A journal that cannot write halts trading until an operator clears it; one that refused an intent
     * because another host holds the account's lease halts it as {@link ReasonCode#FENCED}.
     */
    public void onJournalWriteFailed(JournalWriteFailed failed) {
        boolean fenced = JournalWriteFailed.FENCED.equals(failed.what());
        state.raise(new StateReason(fenced ? ReasonCode.FENCED : ReasonCode.JOURNAL_WRITE_FAILED, ReasonSource.JOURNAL,
                TradingState.HALTED, failed.message(), Map.of("write", failed.what()), clock.nanos()));
    }

    /**
     * A kernel handler that owns books or durability failed: what the host holds may be wrong, so
     * trading halts until an operator clears {@code handler_failure.<handler>}, and health is
     * UNHEALTHY meanwhile.
     *
     * @param handler the handler's name in the pipeline
     * @param on the message it failed on, e.g. {@code OrderFilled}
     * @param error the failure, one line
     */
    public void handlerFailed(String handler, String on, String error) {
        state.raise(new StateReason(ReasonCode.handlerFailure(handler), ReasonSource.HANDLER_FAILURE,
                TradingState.HALTED, "handler " + handler + " failed on " + on + ": " + error,
                Map.of("handler", handler, "message", on), clock.nanos()));
    }

    @Override
    public void stop() {
        if (reconciliationTimer != null) {
            reconciliationTimer.cancel();
        }
        guards.stop();
        bootstrap.close();
    }

    @Override
    public Map<String, Long> totals() {
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("reconciliations", reconciliations);
        totals.put("reconciliationRepairs", repairs);
        totals.put("reconciliationFailures", reconciliationFailures);
        return totals;
    }

    @Override
    public Health health() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("tradingState", state.state().name());
        details.put("reasons", String.join(",", state.reasons().stream().map(r -> r.code().value()).toList()));
        details.put("venue", bootstrap.isConnected() ? settings.venue() : "not connected");
        details.put("runtimeGuards", String.join(",", guards.names()));
        details.put("runtimeGuardFailures", guards.failures().toString());
        details.put("transitions", state.transitionCounts().toString());
        totals().forEach((k, v) -> details.put(k, Long.toString(v)));
        if (!bootstrap.isConnected()) {
            return Health.of(name(), HealthStatus.UNHEALTHY, details, "venue not connected");
        }
        List<String> failedHandlers = state.reasons().stream().filter(r -> r.source() == ReasonSource.HANDLER_FAILURE)
                .map(StateReason::message).toList();
        if (!failedHandlers.isEmpty()) {
            return Health.of(name(), HealthStatus.UNHEALTHY, details, String.join("; ", failedHandlers));
        }
        return state.state() == TradingState.ACTIVE ? Health.healthy(name(), details)
                : Health.of(name(), HealthStatus.DEGRADED, details, "trading state " + state.state());
    }
}
