package io.tradehost.plugins.venue.paper;

import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.Quote;
import io.tradehost.api.market.Trade;
import io.tradehost.api.order.AccountSnapshot;
import io.tradehost.api.order.Balance;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Liquidity;
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
 * a restarted venue continues from that book (account, orders, fills, market). A client order id is accepted once; a second
 * placement with the same id is refused and counted. Resting limit orders can be amended in place
 * ({@link #amend}). Orders are handled by {@link PaperOrders}; answers go to the listener
 * synchronously, after the commit. Kernel thread only.
 */
final class PaperVenue implements Venue {
    private final Map<Symbol, Market> markets;
    private final PaperAccount account;
    private final PaperOrders orders;
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
        this.account = new PaperAccount(startingCash);
        this.orders = new PaperOrders(markets, account, takerFeeBps, makerFeeBps, clock, store, reports);
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
            store.saveAccount(account.cash(), null, 0, 0);
            store.commit();
        } else {
            restore(saved);
        }
        connected = true;
    }

    private void restore(PaperStore.Saved saved) {
        account.restore(saved.cash(), saved.positions());
        for (PaperStore.SavedMarket m : saved.markets()) {
            Market market = markets.get(m.symbol());
            if (market != null) {
                market.restore(m.bid(), m.ask(), m.steps());
            }
        }
        orders.restore(saved);
        funding.restore(store.funding());
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

    /** Steps every market, then fills resting orders the new book crosses ({@link PaperOrders}); commits; then reports. */
    void tick() {
        long now = clock.nanos();
        for (Market market : markets.values()) {
            market.step();
            store.saveMarket(market.product().symbol(), market.bid(), market.ask(), market.steps());
            if (subscribed.contains(market.product().symbol())) {
                Quote quote = market.quote(now);
                Trade trade = market.trade(now);
                reports.add(l -> l.onQuote(quote));
                reports.add(l -> l.onTrade(trade));
                publishBook(market, now);
            }
        }
        orders.matchResting();
        commitAndReport();
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
        return true;
    }

    @Override
    public void place(OrderRequest request) throws VenueException {
        requireConnected();
        orders.place(request);
        commitAndReport();
    }

    /** Commits the operation to the book, then tells the host, as an exchange acknowledges only what it has kept. */
    private void commitAndReport() {
        store.commit();
        List<Consumer<VenueListener>> due = List.copyOf(reports);
        reports.clear();
        due.forEach(r -> r.accept(listener));
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) throws VenueException {
        if (orders.cancel(clientOrderId)) {
            commitAndReport();
        }
    }

    /** Resting limit orders change price and size in place ({@link #amend}). */
    @Override
    public boolean supportsAmend() {
        return true;
    }

    /**
     * Changes a resting limit order in place ({@link PaperOrders#amend}): committed, then answered
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
        orders.amend(clientOrderId, limitPrice, quantity);
        commitAndReport();
    }

    @Override
    public Optional<Order> order(ClientOrderId clientOrderId) {
        return orders.order(clientOrderId);
    }

    @Override
    public List<Fill> fills(ClientOrderId clientOrderId) {
        return orders.fills(clientOrderId);
    }

    @Override
    public List<Order> openOrders() {
        return orders.openOrders();
    }

    @Override
    public AccountSnapshot account() {
        return new AccountSnapshot(List.of(new Balance(PaperOrders.CURRENCY, account.cash())),
                List.copyOf(account.positions().values()), clock.nanos());
    }

    /**
     * Charges every open perpetual position its funding at the market's mid ({@link FundingPayment#owed}),
     * books it in cash, saves it, and reports it; then reports each subscribed perpetual's rate with
     * the next payment time.
     */
    void chargeFunding() {
        long now = clock.nanos();
        List<FundingPayment> booked = funding.charge(List.copyOf(account.positions().values()), markets, now);
        for (FundingPayment payment : booked) {
            account.credit(payment.amount());
            store.saveFunding(payment);
        }
        if (!booked.isEmpty()) {
            store.saveAccount(account.cash(), null, orders.tradeSequence(), orders.orderSequence());
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
        return account.equity(orders::mid, orders::product);
    }

    /** Placements refused because their client order id had been used. */
    long duplicatePlacements() {
        return orders.duplicatePlacements();
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
