package io.tradehost.plugins.venue.paper;

import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.Quote;
import io.tradehost.api.market.Trade;
import io.tradehost.api.order.AccountSnapshot;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.time.Clock;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueListener;
import io.tradehost.simulator.EngineEvent;
import io.tradehost.simulator.EngineRules;
import io.tradehost.simulator.MatchingEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An in-process exchange. Market data comes from seeded random walks stepped by the host's
 * scheduler; market orders and marketable limits fill at the touch as taker, resting limits fill at
 * their price as maker when the book crosses them. Spot buys need cash, spot sells need holdings,
 * perpetuals need margin (exposure / max leverage within equity). Liquidity at the touch is
 * unlimited. Besides quotes and one synthetic trade per step it publishes, when configured, the top
 * levels of a synthetic book around the quote ({@link Market#book}: information only, fills still
 * take the touch), each time they change, and each subscribed perpetual's funding rate and next
 * payment time ({@link PaperFunding}). Like a real exchange it outlives the host: with a
 * {@link PaperStore} every operation is committed to its own book before the host hears of it, and
 * a restarted venue continues from that book (account, orders, fills, market). A client order id is
 * accepted once; a second placement with the same id is refused and counted. Resting limit orders
 * can be amended in place ({@link #amend}). Orders, their matching and the account are the shared
 * {@link MatchingEngine}'s, fed each market step's touch with the mid as mark; a resting limit
 * fills when the touch crosses it ({@link MatchingEngine#touchCrossing}), as the synthetic market
 * has no queue to stand in. Answers go to the listener synchronously, after the commit. Kernel
 * thread only.
 */
final class PaperVenue implements Venue {
    /** Venue order ids {@code PV-n} and trade ids {@code PT-n}, as the paper venue has always given them. */
    private static final String ORDER_IDS = "PV-";
    private static final String TRADE_IDS = "PT-";

    private final Map<Symbol, Market> markets;
    private final MatchingEngine engine;
    private final Duration tickInterval;
    private final Clock clock;
    private final Scheduler scheduler;
    private final VenueListener listener;
    private final PaperStore store;
    private final Set<Symbol> subscribed = new LinkedHashSet<>();
    private final List<Consumer<VenueListener>> reports = new ArrayList<>();
    private final int depthLevels;
    /** The book last published per symbol: a step that leaves it as it was publishes none. */
    private final Map<Symbol, BookDepth> books = new HashMap<>();
    private final PaperFunding funding;
    private ScheduledTask ticker;
    private ScheduledTask fundingTimer;
    private boolean connected;

    /**
     * @param depthLevels book levels a side to publish; zero for none
     * @param funding the perpetuals' funding
     */
    PaperVenue(Map<Symbol, Market> markets, Money startingCash, Ratio takerFeeBps, Ratio makerFeeBps,
               Duration tickInterval, int depthLevels, PaperFunding funding, Clock clock, Scheduler scheduler,
               VenueListener listener, PaperStore store) {
        this.depthLevels = depthLevels;
        this.funding = funding;
        this.markets = markets;
        // no slippage: the paper market's touch is where its liquidity is; every order type natively
        this.engine = new MatchingEngine(new EngineRules(takerFeeBps, makerFeeBps, Ratio.ZERO, true, ORDER_IDS,
                TRADE_IDS), markets.values().stream().map(Market::product).toList(), startingCash);
        markets.values().forEach(this::touch);
        this.tickInterval = tickInterval;
        this.clock = clock;
        this.scheduler = scheduler;
        this.listener = listener;
        this.store = store;
    }

    /** Opens the venue's book: continues from the store's, or starts one with the starting cash. */
    @Override
    public void connect() {
        if (connected) {
            return;
        }
        PaperStore.Saved saved = store.load();
        if (saved == null) {
            markets.values().forEach(m -> store.saveMarket(m.product().symbol(), m.bid(), m.ask(), m.steps()));
            store.saveAccount(engine.cash(), null, 0, 0);
            store.commit();
        } else {
            restore(saved);
        }
        connected = true;
    }

    private void restore(PaperStore.Saved saved) {
        for (PaperStore.SavedMarket m : saved.markets()) {
            Market market = markets.get(m.symbol());
            if (market != null) {
                market.restore(m.bid(), m.ask(), m.steps());
                touch(market);
            }
        }
        engine.restore(saved.cash(), saved.positions(), saved.orders(), saved.fills(), saved.tradeSequence(),
                saved.orderSequence());
        funding.restore(store.funding());
    }

    /** Tells the engine {@code market}'s touch, its mid the mark. */
    private void touch(Market market) {
        engine.market(market.product().symbol(), market.bid(), market.ask(), Price.mid(market.bid(), market.ask()));
    }

    @Override
    public List<Product> products() {
        return markets.values().stream().map(Market::product).toList();
    }

    @Override
    public void subscribe(Set<Symbol> symbols) throws VenueException {
        requireConnected();
        for (Symbol symbol : symbols) {
            if (!markets.containsKey(symbol)) {
                throw new VenueException(RejectionCode.of("UNKNOWN_SYMBOL"), "the paper venue does not list " + symbol, false);
            }
        }
        subscribed.addAll(symbols);
        if (ticker == null) {
            ticker = scheduler.scheduleAtFixedRate(Duration.ZERO, tickInterval, this::tick);
        }
        if (fundingTimer == null && funding.isOn()) {
            funding.start(clock.nanos());
            fundingTimer = scheduler.scheduleAtFixedRate(funding.interval(), funding.interval(), this::chargeFunding);
        }
        funding.unreported(subscribed, clock.nanos()).forEach(listener::onFundingRate);
    }

    /** Steps every market, then fills resting orders the new book crosses and triggers stops; commits; then reports. */
    void tick() {
        long now = clock.nanos();
        for (Market market : markets.values()) {
            market.step();
            touch(market);
            store.saveMarket(market.product().symbol(), market.bid(), market.ask(), market.steps());
            if (subscribed.contains(market.product().symbol())) {
                Quote quote = market.quote(now);
                Trade trade = market.trade(now);
                reports.add(l -> l.onQuote(quote));
                reports.add(l -> l.onTrade(trade));
                publishBook(market, now);
            }
        }
        commitAndReport(engine.match(engine.touchCrossing(), now));
    }

    private void publishBook(Market market, long now) {
        if (depthLevels == 0) {
            return;
        }
        BookDepth book = market.book(depthLevels, now);
        BookDepth last = books.put(book.symbol(), book);
        if (last == null || !last.bids().equals(book.bids()) || !last.asks().equals(book.asks())) {
            reports.add(l -> l.onBook(book));
        }
    }

    /** Whether {@code depth_levels} is above zero: then each subscribed symbol's synthetic book. */
    @Override
    public boolean publishesDepth() {
        return depthLevels > 0;
    }

    /** One synthetic trade per market step, at the touch the mid moved towards. */
    @Override
    public boolean publishesTrades() {
        return true;
    }

    /** Every order type: stops rest here until a market step reaches their trigger. */
    @Override
    public boolean supportsNatively(OrderType type) {
        return engine.takes(type);
    }

    /**
     * Places {@code request} ({@link MatchingEngine#place}): committed, then answered.
     *
     * @throws VenueException {@code NOT_CONNECTED} (transient); {@code DUPLICATE_ORDER} for a client order id
     *     used before, saying which placement of it this was (every placement is counted in the book)
     */
    @Override
    public void place(OrderRequest request) throws VenueException {
        requireConnected();
        long attempts = store.countPlacement(request.clientOrderId());
        List<EngineEvent> events;
        try {
            events = engine.place(request, clock.nanos());
        } catch (VenueException e) {
            store.commit();
            throw new VenueException(e.code(), e.getMessage() + " (placement " + Math.max(attempts, 2) + ")",
                    e.isTransient());
        }
        commitAndReport(events);
    }

    /**
     * Saves what {@code events} changed (each order they touched as it now stands, each fill, the
     * account), commits it, then tells the host the pending market data and the events, as an exchange
     * acknowledges only what it has kept.
     */
    private void commitAndReport(List<EngineEvent> events) {
        for (EngineEvent event : events) {
            if (event instanceof EngineEvent.Filled filled) {
                store.saveFill(filled.fill());
                store.saveAccount(engine.cash(), engine.position(filled.fill().symbol()), engine.tradeSequence(),
                        engine.orderSequence());
            }
            engine.booked(event.order().clientOrderId())
                    .ifPresent(b -> store.saveOrder(b.order(), b.resting(), b.triggered()));
        }
        if (!events.isEmpty()) {
            store.saveAccount(engine.cash(), null, engine.tradeSequence(), engine.orderSequence());
        }
        store.commit();
        List<Consumer<VenueListener>> due = List.copyOf(reports);
        reports.clear();
        due.forEach(r -> r.accept(listener));
        events.forEach(e -> e.tell(listener));
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) throws VenueException {
        List<EngineEvent> events = engine.cancel(clientOrderId);
        if (!events.isEmpty()) {
            commitAndReport(events);
        }
    }

    /** Resting limit orders change price and size in place ({@link #amend}). */
    @Override
    public boolean supportsAmend() {
        return true;
    }

    /**
     * Changes a resting limit order in place ({@link MatchingEngine#amend}): committed, then answered
     * {@code onOrderAmended} (then {@code onFill} if the new price crosses the book and the order is not
     * post-only) or {@code onAmendRejected} for new terms it refuses (codes as placement's:
     * {@code INVALID_SIZE}, {@code INVALID_PRICE}, {@code POST_ONLY_WOULD_TAKE}, {@code INSUFFICIENT_FUNDS}, ...).
     *
     * @throws VenueException {@code NOT_CONNECTED} (transient), or refused at once for an order that cannot
     *     be changed: {@code ORDER_NOT_FOUND}, {@code ONLY_OPEN_ORDERS_CAN_BE_EDITED},
     *     {@code ONLY_LIMIT_ORDER_EDITS_SUPPORTED}, {@code CANNOT_EDIT_TO_BELOW_FILLED_SIZE}
     */
    @Override
    public void amend(ClientOrderId clientOrderId, Price limitPrice, Quantity quantity) throws VenueException {
        requireConnected();
        commitAndReport(engine.amend(clientOrderId, limitPrice, quantity, clock.nanos()));
    }

    @Override
    public Optional<Order> order(ClientOrderId clientOrderId) {
        return engine.order(clientOrderId);
    }

    @Override
    public List<Fill> fills(ClientOrderId clientOrderId) {
        return engine.fills(clientOrderId);
    }

    @Override
    public List<Order> openOrders() {
        return engine.openOrders();
    }

    @Override
    public AccountSnapshot account() {
        return engine.account(clock.nanos());
    }

    /**
     * Charges every open perpetual position its funding at the market's mid ({@link FundingPayment#owed}),
     * books it in cash, saves it, and reports it; then reports each subscribed perpetual's rate with
     * the next payment time.
     */
    void chargeFunding() {
        long now = clock.nanos();
        List<FundingPayment> booked = engine.fund(funding.rates(), PaperFunding.ID_PREFIX, funding.nextNumber(), now);
        funding.booked(booked);
        booked.forEach(store::saveFunding);
        if (!booked.isEmpty()) {
            store.saveAccount(engine.cash(), null, engine.tradeSequence(), engine.orderSequence());
            store.commit();
            booked.forEach(listener::onFunding);
        }
        funding.unreported(subscribed, now).forEach(listener::onFundingRate);
    }

    @Override
    public List<FundingPayment> fundingPayments() {
        return funding.payments();
    }

    /** The current top of book of {@code symbol}, without stepping the market. */
    Quote quoteOf(Symbol symbol) {
        return markets.get(symbol).quote(clock.nanos());
    }

    /** Cash plus positions at the venue's mids. */
    Money equity() {
        return engine.equity();
    }

    /** Placements refused because their client order id had been used. */
    long duplicatePlacements() {
        return engine.duplicatePlacements();
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.cancel();
            ticker = null;
        }
        if (fundingTimer != null) {
            fundingTimer.cancel();
            fundingTimer = null;
        }
        connected = false;
        store.close();
    }

    private void requireConnected() throws VenueException {
        if (!connected) {
            throw new VenueException(RejectionCode.of("NOT_CONNECTED"), "the paper venue is not connected", true);
        }
    }
}
