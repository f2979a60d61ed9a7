package io.tradehost.coordinator.execution;

import io.tradehost.api.command.AmendOrder;
import io.tradehost.api.command.CancelOrder;
import io.tradehost.api.command.CancelOrders;
import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.event.AccountObserved;
import io.tradehost.api.event.FundingBooked;
import io.tradehost.api.event.FundingPaid;
import io.tradehost.api.event.IntentNotRecorded;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderAmendRejected;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.PositionChanged;
import io.tradehost.api.host.CommandBus;
import io.tradehost.api.host.Coordinator;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.host.Health;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.MarketView;
import io.tradehost.api.host.OrderCounters;
import io.tradehost.api.host.PortfolioView;
import io.tradehost.api.host.StartupException;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.host.TradingStateView;
import io.tradehost.api.host.VenueAccess;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.journal.OrderJournal;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.AccountSnapshot;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.time.Clock;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.venue.VenueException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * Owns the {@link OrderIntent} and {@link CancelOrders} commands. Turns order intents into venue
 * orders: the checks before a trade ({@link PreTrade}: in-flight lock, mark, sizing, guard chain),
 * a deterministic client order id
 * ({@code <run id>-<sequence>}, the run id and sequence kept by the journal across restarts), a
 * {@link RecordIntent} to the journal, and only once the journal answers {@link IntentRecorded},
 * placement ({@link OutgoingOrders}, {@link OrderPlacer}: retries, unknown outcomes resolved by
 * asking the venue). Then it tracks the venue's answers and books fills. Cancels go through
 * {@link OrderCancels}, and each one sent to the venue is told to the guards; amends through
 * {@link OrderAmends}. Every refusal is an
 * {@link IntentRejected} or {@link OrderRejected} event with a stable code, counted by code; a value
 * the arithmetic cannot hold is {@link RejectionCode#VALUE_OUT_OF_RANGE}. Kernel thread only.
 */
public final class ExecutionCoordinator implements Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionCoordinator.class);
    /** The longest reason the journal keeps with an order. */
    private static final int MAX_TAG = 256;

    private ExecutionSettings settings;
    private GuardChain guards;
    private final VenueAccess venues;
    private final OrderJournal journal;
    private final EventBus bus;
    private final CommandBus commands;
    private final Clock clock;
    private final OrderTracker tracker = new OrderTracker();
    private final Ledger ledger;
    private final OrderPlacer placer;
    private final OrderCancels cancels;
    private final OutgoingOrders outgoing;
    private final PreTrade preTrade;
    private final OrderAmends amends;
    private final Rejections rejections;
    private String runId;
    private long nextSequence = 1;
    private long attempted;
    private long submitted;
    private long filled;
    private long duplicateFills;
    private long reconciled;

    public ExecutionCoordinator(ExecutionSettings settings, GuardChain guards, VenueAccess venues, MarketView market,
                                TradingStateView tradingState, OrderJournal journal, EventBus bus,
                                CommandBus commands, Scheduler scheduler, Clock clock) {
        this.settings = settings;
        this.guards = guards;
        this.venues = venues;
        this.journal = journal;
        this.bus = bus;
        this.commands = commands;
        this.clock = clock;
        this.rejections = new Rejections(bus);
        this.ledger = new Ledger(market, venues::product, this::counters);
        VenueFindings findings = new VenueFindings(bus, clock);
        EmulatedStops stops = new EmulatedStops();
        this.placer = new OrderPlacer(venues, scheduler, settings.retries(), new SplittableRandom(settings.seed()),
                findings, this::cancelFoundAtVenue);
        this.cancels = new OrderCancels(venues, stops, tracker, bus, clock, findings, placer,
                order -> this.guards.cancelSent(order, clock.nanos()));
        this.preTrade = new PreTrade(tracker, market, venues, ledger, tradingState, clock);
        this.amends = new OrderAmends(venues, tracker, preTrade, bus, clock);
        this.outgoing = new OutgoingOrders(venues, stops, placer, cancels, tradingState, ledger::position, bus, clock);
    }

    /** An order cancelled while its placement's outcome was unknown, which asking the venue found there. */
    private void cancelFoundAtVenue(io.tradehost.api.order.OrderRequest order) {
        cancels.atVenue(order);
    }

    @Override
    public String name() {
        return "execution";
    }

    /**
     * Checks and places every order from now on with {@code next} settings and {@code chain}, as a
     * reloaded configuration asks. Orders in flight keep what they were placed with. Kernel thread.
     */
    public void reconfigure(ExecutionSettings next, GuardChain chain) {
        this.settings = next;
        this.guards = chain;
        placer.retryWith(next.retries());
    }

    /** The guard chain orders are checked against now. */
    public GuardChain guards() {
        return guards;
    }

    /** The requests of the orders not yet terminal, oldest first (walks every order; not for the hot path). */
    public List<OrderRequest> openRequests() {
        return tracker.openRequests();
    }

    /** Positions, cash and equity as booked from fills. */
    public PortfolioView portfolio() {
        return ledger;
    }

    /**
     * Opens the books: from the journal when it has them (a restart), else from the venue's account,
     * which then becomes the journal's baseline.
     */
    @Override
    public void initialize() {
        JournalSnapshot snapshot = journal.snapshot();
        runId = snapshot.runId();
        nextSequence = snapshot.lastSequence() + 1;
        if (snapshot.fresh()) {
            try {
                AccountSnapshot account = venues.venue().account();
                String currency = venues.product(venues.symbols().getFirst()).quote();
                ledger.open(account.cash(currency), account.positions());
                journal.recordBaseline(account.cash(currency), account.positions(), clock.nanos());
                LOG.info("books opened from the venue: cash {} {}, {} position(s), guards {}", account.cash(currency),
                        currency, account.positions().size(), guards.names());
            } catch (VenueException e) {
                throw new StartupException("could not read the venue account: " + e.getMessage() + " [" + e.code()
                        + "]", e);
            } catch (RuntimeException e) {
                throw new StartupException("the venue plugin failed reading the account: " + Throwables.describe(e),
                        e);
            }
            return;
        }
        ledger.open(snapshot.cash(), snapshot.positions());
        ledger.remember(snapshot.openOrderTradeIds());
        ledger.rememberFunding(journal.fundingPaymentIds());
        snapshot.positions().stream().filter(p -> !p.isFlat() && !venues.symbols().contains(p.symbol()))
                .forEach(p -> LOG.warn("the journal holds {} {}, a symbol this run does not trade: it is neither "
                        + "marked (equity leaves it out) nor closed; add it to host.symbols to manage it",
                        p.quantity(), p.symbol()));
        // a strategy's managed orders rest without the symbol's in-flight lock, as when they were placed
        Map<ClientOrderId, OrderOwner> owners = journal.owners();
        for (Order order : snapshot.openOrders()) {
            OrderOwner owner = owners.getOrDefault(order.clientOrderId(), OrderOwner.NONE);
            tracker.reconcile(order, !owner.managed());
            if (owner.heldByHost() && order.status() == OrderStatus.SUBMITTED) {
                outgoing.rearm(order.request(), owner.trail()); // unless start-up reconciliation finds it was sent
            }
        }
        LOG.info("books restored from the journal of run {}: cash {}, {} position(s), {} open order(s), next order "
                + "{}-{}, guards {}", runId, snapshot.cash(), snapshot.positions().size(), snapshot.openOrders().size(),
                runId, nextSequence, guards.names());
    }

    @Override
    public void start() {
        // placement is event-driven; nothing to schedule
    }

    /**
     * Stops sending. Orders not yet sent (their intent still on its way to the disk, or waiting to be
     * sent again after a failure) are rejected as {@code NOT_SENT}, so the journal does not keep them as
     * submitted; dispatch those events before closing the journal. Stops the host holds stay held: the
     * journal keeps them, and the next start arms them again.
     */
    @Override
    public void stop() {
        long open = tracker.openCount() - outgoing.stop();
        if (open > 0) {
            LOG.warn("stopping with {} order(s) still open at the venue; they stay there and the journal keeps them",
                    open);
        }
    }

    /** Handles the command: sizes, guards and (once journaled) places the order, or refuses it. */
    public void place(OrderIntent intent) {
        attempted++;
        PreTrade.Verdict verdict = preTrade.check(intent, ClientOrderId.of(runId, nextSequence),
                settings.defaultTimeInForce(), guards);
        if (!verdict.admitted()) {
            rejections.refuse(intent, verdict.stage(), verdict.code(), verdict.message());
            return;
        }
        OrderRequest request = verdict.request();
        long sequence = nextSequence++;
        tracker.submit(request, !intent.managed());
        submitted++;
        boolean held = intent.trail() != null || outgoing.holds(request);
        outgoing.awaitJournal(request, held, intent.trail());
        OrderOwner owner = owner(intent).withTrail(intent.trail());
        commands.send(new RecordIntent(request, sequence, intent.sequence(), clock.nanos(),
                held ? owner.asHeldByHost() : owner));
    }

    /**
     * Who asked for the order, as the journal keeps it: the strategy, its reason (clipped), whether
     * managed, its good-till time, its contingent list.
     */
    private static OrderOwner owner(OrderIntent intent) {
        String reason = intent.reason() == null ? "" : intent.reason();
        return new OrderOwner(intent.strategy() == null ? "" : intent.strategy(),
                reason.length() > MAX_TAG ? reason.substring(0, MAX_TAG) : reason, intent.managed(),
                intent.expireAtNanos(), false, null, intent.list());
    }

    /** The journal holds the order: send it (a stop the venue does not take: hold it), unless the host stopped. */
    public void onIntentRecorded(IntentRecorded recorded) {
        outgoing.onIntentRecorded(recorded);
    }

    /**
     * A mark: moves the host-held trailing stops, and sends the host-held stops it triggers as the
     * market or limit order they become (same client order id), unless the symbol's trading state now
     * forbids them (HALTED, or REDUCE_ONLY for a stop that would not shrink the position: those are
     * cancelled) or a guard refuses the order they become (rejected with the guard's code).
     */
    public void onMark(MarkUpdated updated) {
        outgoing.onMark(updated, request -> preTrade.judge(request, guards));
    }

    /** The journal could not record the order: it is refused, never sent. */
    public void onIntentNotRecorded(IntentNotRecorded notRecorded) {
        outgoing.onIntentNotRecorded(notRecorded);
    }

    /** Handles the command: cancels the open orders (of one symbol, or all); failures are logged. */
    public void cancel(CancelOrders command) {
        cancels.cancelAll(command);
    }

    /** Handles the command: cancels one order, whatever the trading state (see {@link CancelOrder}). */
    public void cancelOne(CancelOrder command) {
        cancels.cancel(command, outgoing::awaitingJournal);
    }

    /** Handles the command: judges the change like the order it makes and asks the venue (see {@link AmendOrder}). */
    public void amend(AmendOrder command) {
        amends.amend(command, settings.defaultTimeInForce(), guards);
    }

    /** The venue changed an order in place: it is tracked with its new price and quantity. */
    public void onAmended(OrderAmended amended) {
        amends.onAmended(amended);
    }

    /** An amend was refused (counted in {@code amendsRefused}). */
    public void onAmendRejected(OrderAmendRejected rejected) {
        amends.onRejected(rejected);
    }

    public void onAccepted(OrderAccepted accepted) {
        tracker.transition(accepted.clientOrderId(), OrderStatus.ACCEPTED);
    }

    public void onRejected(OrderRejected rejected) {
        if (tracker.transition(rejected.clientOrderId(), OrderStatus.REJECTED)) {
            rejections.count(rejected.code());
            LOG.warn("order {} rejected: {} {}", rejected.clientOrderId(), rejected.code(), rejected.message());
        }
    }

    public void onFilled(OrderFilled filled) {
        book(filled.fill());
    }

    /** Keeps the liquidation prices the venue's account reports, for the guards. */
    public void onAccount(AccountObserved observed) {
        ledger.liquidationPrices(observed.account().liquidationPrices());
    }

    /** Books a funding payment the venue reported (once per payment id) and publishes the cash after it. */
    public void onFunding(FundingPaid paid) {
        FundingPayment payment = paid.payment();
        if (ledger.book(payment)) {
            LOG.info("funding {} on {} ({} at rate {} on {} @ {}): cash {}", payment.amount(), payment.symbol(),
                    payment.id(), payment.rate(), payment.positionSize(), payment.mark(), ledger.cash());
            bus.publish(new FundingBooked(payment, ledger.cash()));
        } else {
            LOG.debug("funding payment {} already booked", payment.id());
        }
    }

    public void onCancelled(OrderCancelled cancelled) {
        tracker.transition(cancelled.clientOrderId(), OrderStatus.CANCELLED);
    }

    public void onReconciled(OrderReconciled reconciled) {
        reconcile(reconciled);
    }

    private void book(Fill fill) {
        Position after = ledger.book(fill);
        if (after == null) {
            duplicateFills++;
            LOG.debug("duplicate fill {} for order {} ignored", fill.tradeId(), fill.clientOrderId());
            return;
        }
        bus.publish(new PositionChanged(after, fill, ledger.cash()));
        OrderTracker.Tracked tracked = tracker.addFill(fill.clientOrderId(), fill.quantity());
        if (tracked == null) {
            LOG.warn("fill {} for an order the host has not tracked ({}); booked into the position", fill.tradeId(),
                    fill.clientOrderId());
            return;
        }
        boolean complete = !tracked.filled().isLessThan(tracked.request().quantity());
        if (tracker.transition(fill.clientOrderId(), complete ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED)
                && complete) {
            filled++;
        }
    }

    private void reconcile(OrderReconciled event) {
        Order order = event.order();
        OrderStatus before = tracker.reconcile(order);
        if (order.status() != OrderStatus.SUBMITTED) {
            outgoing.sent(order.clientOrderId());
        }
        reconciled++;
        if (before != order.status()) {
            LOG.warn("order {} reconciled with the venue: {} -> {} (filled {}): {}", order.clientOrderId(),
                    before == null ? "unknown" : before, order.status(), order.filledQuantity(), event.note());
        }
        nextSequence = Math.max(nextSequence, order.clientOrderId().sequenceIn(runId) + 1);
    }

    /** Order outcome counts so far. */
    public OrderCounters counters() {
        return new OrderCounters(attempted, submitted, filled, rejections.count(), rejections.byCode());
    }

    @Override
    public Map<String, Long> totals() {
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("attempted", attempted);
        totals.put("filled", filled);
        totals.put("rejected", rejections.count());
        totals.put("duplicateFills", duplicateFills);
        totals.put("illegalTransitions", tracker.illegalTransitions());
        totals.put("cancelsSent", cancels.sent());
        totals.put("amendsSent", amends.sent());
        totals.put("amendsRefused", amends.refused());
        totals.put("placementRetries", placer.retries());
        totals.put("unknownOutcomesResolved", placer.resolutions());
        totals.put("reconciledOrders", reconciled);
        return totals;
    }

    @Override
    public Health health() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("openOrders", Long.toString(tracker.openCount()));
        totals().forEach((k, v) -> details.put(k, Long.toString(v)));
        if (tracker.illegalTransitions() > 0) {
            return Health.of(name(), HealthStatus.DEGRADED, details, tracker.illegalTransitions()
                    + " illegal order transition(s) or unknown-order reports");
        }
        return Health.healthy(name(), details);
    }
}
