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
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
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
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 * placement with the same id is refused and counted. Answers go to the listener synchronously,
 * after the commit. Kernel thread only.
 */
final class PaperVenue implements Venue {
    private static final String CURRENCY = "USD";

    private final Map<Symbol, Market> markets;
    private final PaperAccount account;
    private final Ratio takerFeeBps;
    private final Ratio makerFeeBps;
    private final Duration tickInterval;
    private final Clock clock;
    private final Scheduler scheduler;
    private final VenueListener listener;
    private final PaperStore store;
    private final Map<ClientOrderId, Order> orders = new LinkedHashMap<>();
    private final Map<ClientOrderId, List<Fill>> fills = new HashMap<>();
    private final List<ClientOrderId> resting = new ArrayList<>();
    /** Resting stop orders whose trigger fired: they rest as the limit they became. */
    private final Set<ClientOrderId> triggered = new HashSet<>();
    private final Set<Symbol> subscribed = new LinkedHashSet<>();
    private final List<Consumer<VenueListener>> reports = new ArrayList<>();
    private final int depthLevels;
    /** The book last published per symbol: a step that leaves it as it was publishes none. */
    private final Map<Symbol, BookDepth> books = new HashMap<>();
    private final PaperFunding funding;
    private ScheduledTask ticker;
    private ScheduledTask fundingTimer;
    private boolean connected;
    private long tradeSequence;
    private long orderSequence;
    private long duplicatePlacements;

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
        this.takerFeeBps = takerFeeBps;
        this.makerFeeBps = makerFeeBps;
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
        for (PaperStore.SavedOrder o : saved.orders()) {
            orders.put(o.order().clientOrderId(), o.order());
            if (o.resting()) {
                resting.add(o.order().clientOrderId());
            }
            if (o.triggered()) {
                triggered.add(o.order().clientOrderId());
            }
        }
        saved.fills().forEach(f -> fills.computeIfAbsent(f.clientOrderId(), k -> new ArrayList<>()).add(f));
        tradeSequence = saved.tradeSequence();
        orderSequence = saved.orderSequence();
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

    /** Steps every market, then fills resting orders the new book crosses; commits; then reports. */
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
        List<Order> fired = new ArrayList<>();
        Iterator<ClientOrderId> it = resting.iterator();
        while (it.hasNext()) {
            Order order = orders.get(it.next());
            OrderRequest r = order.request();
            Market market = markets.get(r.symbol());
            if (r.type().isStop() && !triggered.contains(r.clientOrderId())) {
                if (!r.triggersAt(Price.mid(market.bid(), market.ask()))) {
                    continue;
                }
                it.remove();
                fired.add(order);
                continue;
            }
            boolean crossed = r.side() == Side.BUY ? !market.ask().isGreaterThan(r.limitPrice())
                    : !market.bid().isLessThan(r.limitPrice());
            if (!crossed) {
                continue;
            }
            it.remove();
            String refusal = refusal(r, r.limitPrice(), makerFeeBps);
            if (refusal != null) {
                record(withStatus(order, OrderStatus.CANCELLED), false);
                reports.add(l -> l.onOrderCancelled(r.clientOrderId(), r.symbol(), refusal + " when the book crossed"));
            } else {
                fill(order, r.limitPrice(), makerFeeBps, Liquidity.MAKER);
            }
        }
        fired.forEach(this::trigger);
        commitAndReport();
    }

    /**
     * A stop whose trigger the market reached: a stop-market fills at the touch as taker; a stop-limit
     * takes if marketable, else rests as the limit it became (it stays on the resting list, triggered).
     */
    private void trigger(Order order) {
        OrderRequest r = order.request();
        Market market = markets.get(r.symbol());
        Price touch = r.side() == Side.BUY ? market.ask() : market.bid();
        boolean marketable = r.type() == OrderType.STOP_MARKET || (r.side() == Side.BUY
                ? !touch.isGreaterThan(r.limitPrice()) : !touch.isLessThan(r.limitPrice()));
        if (!marketable) {
            triggered.add(r.clientOrderId());
            resting.add(r.clientOrderId());
            record(order, true);
            return;
        }
        String refusal = refusal(r, touch, takerFeeBps);
        if (refusal != null) {
            record(withStatus(order, OrderStatus.CANCELLED), false);
            reports.add(l -> l.onOrderCancelled(r.clientOrderId(), r.symbol(), refusal + " when the stop triggered"));
        } else {
            fill(order, touch, takerFeeBps, Liquidity.TAKER);
        }
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
        ClientOrderId id = request.clientOrderId();
        long attempts = store.countPlacement(id);
        if (orders.containsKey(id)) {
            duplicatePlacements++;
            store.commit();
            throw new VenueException(RejectionCode.DUPLICATE_ORDER, "client order id " + id + " was already used (placement "
                    + Math.max(attempts, 2) + ")", false);
        }
        Market market = markets.get(request.symbol());
        if (market == null) {
            reject(request, RejectionCode.of("UNKNOWN_SYMBOL"), "the paper venue does not list " + request.symbol());
            commitAndReport();
            return;
        }
        Product product = market.product();
        Price touch = request.side() == Side.BUY ? market.ask() : market.bid();
        boolean armed = request.type().isStop() && !request.triggersAt(Price.mid(market.bid(), market.ask()));
        OrderType acting = request.type().triggered();
        boolean marketable = !armed && (acting == OrderType.MARKET || (request.side() == Side.BUY
                ? !touch.isGreaterThan(request.limitPrice()) : !touch.isLessThan(request.limitPrice())));
        String refusal = !product.roundSize(request.quantity()).equals(request.quantity())
                || request.quantity().isLessThan(product.minSize())
                ? "INVALID_SIZE: quantity " + request.quantity() + " is not a multiple of " + product.sizeIncrement()
                        + " at least " + product.minSize()
                : marketable && request.postOnly() ? "POST_ONLY_WOULD_TAKE: post-only order would cross the book at "
                        + touch
                : refusal(request, marketable ? touch : request.limitPrice() != null ? request.limitPrice()
                        : request.stopPrice(), marketable ? takerFeeBps : makerFeeBps);
        if (refusal != null) {
            reject(request, RejectionCode.of(refusal.substring(0, refusal.indexOf(':'))), refusal);
            commitAndReport();
            return;
        }
        Order accepted = new Order(request, OrderStatus.ACCEPTED, Quantity.ZERO, "PV-" + (++orderSequence));
        record(accepted, false);
        reports.add(l -> l.onOrderAccepted(id, request.symbol(), accepted.venueOrderId()));
        if (marketable) {
            fill(accepted, touch, takerFeeBps, Liquidity.TAKER);
        } else if (armed) {
            resting.add(id);
            record(accepted, true);
        } else if (request.timeInForce() == TimeInForce.GTC) {
            if (request.type().isStop()) {
                triggered.add(id);
            }
            resting.add(id);
            record(accepted, true);
        } else {
            record(withStatus(accepted, OrderStatus.CANCELLED), false);
            reports.add(l -> l.onOrderCancelled(id, request.symbol(), request.timeInForce() + " limit not marketable"));
        }
        store.saveAccount(account.cash(), null, tradeSequence, orderSequence);
        commitAndReport();
    }

    /** Why the account cannot take this fill ({@code CODE: words}), or null if it can. */
    private String refusal(OrderRequest r, Price price, Ratio feeBps) {
        Product product = markets.get(r.symbol()).product();
        Position position = account.position(r.symbol());
        boolean reduces = position.isReducedBy(r.side(), r.quantity());
        if (r.reduceOnly() && !reduces) {
            return "REDUCE_ONLY: order would not shrink position " + position.quantity();
        }
        Money notional = price.times(r.quantity());
        Money fee = notional.bps(feeBps);
        if (!product.isPerpetual()) {
            if (r.side() == Side.BUY && account.cash().isLessThan(notional.plus(fee))) {
                return "INSUFFICIENT_FUNDS: need " + notional.plus(fee) + " " + CURRENCY + ", have " + account.cash();
            }
            if (r.side() == Side.SELL && position.quantity().isLessThan(r.quantity())) {
                return "INSUFFICIENT_BALANCE: selling " + r.quantity() + " " + product.base() + ", holding "
                        + position.quantity();
            }
            return null;
        }
        if (reduces) {
            return null;
        }
        Money exposure = account.perpetualExposure(this::mid, this::product, r.symbol(), r.quantity().signed(r.side()));
        Money equity = account.equity(this::mid, this::product).minus(fee);
        if (!equity.isPositive() || exposure.ratioTo(equity).isGreaterThan(product.maxLeverage())) {
            return "INSUFFICIENT_MARGIN: perpetual exposure " + exposure + " on equity " + equity + " exceeds "
                    + product.maxLeverage() + "x";
        }
        return null;
    }

    private void fill(Order order, Price price, Ratio feeBps, Liquidity liquidity) {
        OrderRequest r = order.request();
        Money fee = price.times(r.quantity()).bps(feeBps);
        Fill fill = new Fill("PT-" + (++tradeSequence), r.clientOrderId(), r.symbol(), r.side(), r.quantity(), price,
                fee, liquidity, clock.nanos());
        account.book(fill, markets.get(r.symbol()).product());
        fills.computeIfAbsent(r.clientOrderId(), k -> new ArrayList<>()).add(fill);
        record(new Order(r, OrderStatus.FILLED, r.quantity(), order.venueOrderId()), false);
        store.saveFill(fill);
        store.saveAccount(account.cash(), account.position(r.symbol()), tradeSequence, orderSequence);
        reports.add(l -> l.onFill(fill));
    }

    private void reject(OrderRequest request, RejectionCode code, String message) {
        record(new Order(request, OrderStatus.REJECTED, Quantity.ZERO, null), false);
        reports.add(l -> l.onOrderRejected(request.clientOrderId(), request.symbol(), code, message));
    }

    private void record(Order order, boolean isResting) {
        orders.put(order.clientOrderId(), order);
        store.saveOrder(order, isResting, triggered.contains(order.clientOrderId()));
    }

    /** Commits the operation to the book, then tells the host, as an exchange acknowledges only what it has kept. */
    private void commitAndReport() {
        store.commit();
        List<Consumer<VenueListener>> due = List.copyOf(reports);
        reports.clear();
        due.forEach(r -> r.accept(listener));
    }

    private static Order withStatus(Order order, OrderStatus status) {
        return new Order(order.request(), status, order.filledQuantity(), order.venueOrderId());
    }

    private Price mid(Symbol symbol) {
        Market market = markets.get(symbol);
        return Price.mid(market.bid(), market.ask());
    }

    private Product product(Symbol symbol) {
        return markets.get(symbol).product();
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) throws VenueException {
        Order order = orders.get(clientOrderId);
        if (order == null) {
            throw new VenueException(RejectionCode.of("UNKNOWN_ORDER"), "no order " + clientOrderId, false);
        }
        if (resting.remove(clientOrderId)) {
            record(withStatus(order, OrderStatus.CANCELLED), false);
            reports.add(l -> l.onOrderCancelled(clientOrderId, order.request().symbol(), "cancelled on request"));
            commitAndReport();
        }
    }

    @Override
    public Optional<Order> order(ClientOrderId clientOrderId) {
        return Optional.ofNullable(orders.get(clientOrderId));
    }

    @Override
    public List<Fill> fills(ClientOrderId clientOrderId) {
        return List.copyOf(fills.getOrDefault(clientOrderId, List.of()));
    }

    @Override
    public List<Order> openOrders() {
        return resting.stream().map(orders::get).toList();
    }

    @Override
    public AccountSnapshot account() {
        return new AccountSnapshot(List.of(new Balance(CURRENCY, account.cash())),
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
            store.saveAccount(account.cash(), null, tradeSequence, orderSequence);
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
        return account.equity(this::mid, this::product);
    }

    /** Placements refused because their client order id had been used. */
    long duplicatePlacements() {
        return duplicatePlacements;
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
