package io.tradehost.backtest.venue;

import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.BookLevel;
import io.tradehost.api.market.Quote;
import io.tradehost.api.market.Trade;
import io.tradehost.api.order.AccountSnapshot;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.time.Clock;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueListener;
import io.tradehost.backtest.tape.MarketEvent;
import io.tradehost.backtest.tape.TapeFormat;
import io.tradehost.simulator.EngineEvent;
import io.tradehost.simulator.EngineRules;
import io.tradehost.simulator.MatchingEngine;
import io.tradehost.simulator.Reach;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The venue a backtest trades against: its market is the recorded tape, fed row by row with
 * {@link #onMarket}, and its orders and account are the shared {@link MatchingEngine}'s, with its
 * {@link io.tradehost.simulator.FillModel} (queues and depth: {@code queue_position}, {@code
 * level_step_bps}). Each row sets the symbol's touch (a quote's own, or a trade's or bar's price plus
 * and minus the half-spread) with the row's price as mark and the size shown at each side (a quote's
 * recorded sizes, else the {@code depth_notional} stand-in), and is published as a quote. A trade row
 * is a trade of the market ({@link MatchingEngine#trade}): a resting limit it trades through fills
 * wholly; one at its price fills by what is left of the trade's size once the queue ahead of it has
 * traded. A quote or bar row fills the resting limits it traded through ({@link
 * MarketEvent#tradesBelow}, {@link MarketEvent#tradesAbove}) wholly: a recorded touch is not a fill,
 * as the order never stood in the recorded queue. Takers walk the levels of the size shown, at their
 * prices, as taker. With a {@code latency}, a placement is taken at once and reaches the book that
 * much later ({@link MatchingEngine#submit}, {@link MatchingEngine#arrive}), and a cancel or an amend
 * reaches it that much later too: a cancel can lose the race against a fill (the order ends filled,
 * no cancel reported). Accounting as the paper venue's, by the same engine. Stops are left to the host.
 *
 * <p>Depth: a quote row is also published as a book of one level a side, its touch with the sizes
 * its quote carries (recorded, or the {@code depth_notional} stand-in), whenever that differs from
 * the last one. Trade and bar rows publish none: their touch is the price and our half-spread, and
 * a book made of it would show a strategy our assumption, not the market; a venue over a tape
 * without quotes says it publishes no depth.
 *
 * <p>Funding: every {@code funding_interval} since the epoch each open perpetual position pays at its
 * mark ({@link MatchingEngine#fund}: longs pay a positive rate), the rate {@code funding_rate} until a
 * row's {@code funding_rate} column sets another for its symbol; each payment is booked in the
 * account and reported ({@code onFunding}), and each subscribed perpetual's rate with the next
 * payment time ({@code onFundingRate}) at the first row and after each payment time. A payment time
 * is charged when the first row at or after it is replayed, at the marks before that row. Kernel
 * thread only.
 */
public final class SimulatedVenue implements Venue {
    private final Map<Symbol, Product> products;
    private final TapeSettings settings;
    private final MatchingEngine engine;
    private final Clock clock;
    private final Scheduler scheduler;
    private final VenueListener listener;
    private final Map<Symbol, Quantity> depths = new HashMap<>();
    /** The book last published per symbol; a trade or bar row forgets it, as it moved the touch. */
    private final Map<Symbol, BookDepth> books = new HashMap<>();
    private final Map<Symbol, Boolean> subscribed = new HashMap<>();
    private final boolean trades;
    private final boolean quotes;
    private boolean connected;
    private final Map<Symbol, io.tradehost.api.value.Ratio> fundingRates = new TreeMap<>();
    private long nextFunding = -1;
    private long fundingPaid;

    SimulatedVenue(Map<Symbol, Product> products, TapeSettings settings, EngineRules rules, Clock clock,
                   Scheduler scheduler, VenueListener listener, boolean trades, boolean quotes) {
        this.trades = trades;
        this.quotes = quotes;
        this.products = Map.copyOf(products);
        this.settings = settings;
        this.engine = new MatchingEngine(rules, this.products.values(), settings.startingCash());
        this.clock = clock;
        this.scheduler = scheduler;
        this.listener = listener;
    }

    @Override
    public void connect() {
        connected = true;
    }

    @Override
    public List<Product> products() {
        return List.copyOf(new TreeMap<>(products).values());
    }

    @Override
    public void subscribe(Set<Symbol> symbols) throws VenueException {
        requireConnected();
        for (Symbol s : symbols) {
            if (!products.containsKey(s)) {
                throw new VenueException(RejectionCode.of("UNKNOWN_SYMBOL"), "the recorded data has no " + s, false);
            }
            subscribed.put(s, Boolean.TRUE);
        }
    }

    /**
     * One recorded row: the touch moves, the quote goes to the host, resting limits the row traded
     * through fill. Rows of symbols the venue does not list are ignored.
     */
    public void onMarket(MarketEvent event) {
        // a trades tape also reports each row as a public trade (bars for the strategies come from them)
        Symbol symbol = event.symbol();
        Product product = products.get(symbol);
        if (product == null) {
            return;
        }
        fund(event.timestampNanos());
        if (event.fundingRate() != null && product.isPerpetual()
                && !event.fundingRate().equals(fundingRates.put(symbol, event.fundingRate()))
                && subscribed.containsKey(symbol) && nextFunding >= 0) {
            listener.onFundingRate(new io.tradehost.api.market.FundingRate(symbol, event.fundingRate(), nextFunding,
                    event.timestampNanos()));
        }
        Price bid;
        Price ask;
        if (event.format() == TapeFormat.QUOTES) {
            bid = event.bid();
            ask = event.ask();
        } else {
            Price half = event.price().bps(settings.halfSpreadBps(), RoundingMode.CEILING);
            bid = event.price().minus(half).roundTo(product.priceIncrement(), RoundingMode.FLOOR);
            ask = event.price().plus(half).roundTo(product.priceIncrement(), RoundingMode.CEILING);
            if (bid.isZero()) {
                bid = product.priceIncrement();
            }
        }
        Quantity depth = depth(product, event.price());
        Quantity bidSize = event.bidSize().isPositive() ? event.bidSize() : depth;
        Quantity askSize = event.askSize().isPositive() ? event.askSize() : depth;
        engine.market(symbol, bid, bidSize, ask, askSize, event.price());
        if (subscribed.containsKey(symbol)) {
            Quote quote = new Quote(symbol, bid, bidSize, ask, askSize, event.timestampNanos());
            listener.onQuote(quote);
            if (event.format() != TapeFormat.QUOTES) {
                books.remove(symbol);
            } else if (quotes) {
                publishBook(quote);
            }
            if (event.format() == TapeFormat.TRADES) {
                Quantity size = event.volume().isPositive() ? event.volume() : product.sizeIncrement();
                listener.onTrade(new Trade(symbol, event.price(), size, null, "row-" + event.line(),
                        event.timestampNanos()));
            }
        }
        if (!engine.hasResting()) {
            return;
        }
        if (event.format() == TapeFormat.TRADES) {
            tell(engine.trade(symbol, event.price(), event.volume().isPositive() ? event.volume()
                    : product.sizeIncrement(), clock.nanos()));
        } else {
            tell(engine.match(tradedThrough(event), clock.nanos()));
        }
    }

    /** The payment times up to {@code now}: each charged at the marks then ({@link MatchingEngine#fund}). */
    private void fund(long now) {
        long interval = settings.fundingInterval().toNanos();
        if (interval <= 0 || settings.fundingRate().isZero() && fundingRates.isEmpty()) {
            return; // no funding configured, and no row has given a rate yet
        }
        if (nextFunding < 0) {
            if (!settings.fundingRate().isZero()) {
                products.values().stream().filter(Product::isPerpetual).forEach(p -> fundingRates.putIfAbsent(
                        p.symbol(), settings.fundingRate()));
            }
            nextFunding = Math.floorDiv(now, interval) * interval + interval;
            publishRates(now);
        }
        while (now >= nextFunding) {
            List<io.tradehost.api.order.FundingPayment> paid = engine.fund(fundingRates, "bt-funding-", fundingPaid + 1,
                    nextFunding);
            fundingPaid += paid.size();
            paid.forEach(listener::onFunding);
            nextFunding += interval;
            publishRates(now);
        }
    }

    private void publishRates(long now) {
        fundingRates.forEach((symbol, rate) -> {
            if (subscribed.containsKey(symbol)) {
                listener.onFundingRate(new io.tradehost.api.market.FundingRate(symbol, rate, nextFunding, now));
            }
        });
    }

    /** The reach of a recorded row: it fills the resting limits of its symbol that it traded through. */
    private static Reach tradedThrough(MarketEvent event) {
        return (symbol, side, limit) -> symbol.equals(event.symbol())
                && (side == Side.BUY ? event.tradesBelow(limit) : event.tradesAbove(limit));
    }

    private void publishBook(Quote quote) {
        BookDepth book = new BookDepth(quote.symbol(), List.of(new BookLevel(quote.bid(), quote.bidSize())),
                List.of(new BookLevel(quote.ask(), quote.askSize())), quote.timestampNanos());
        BookDepth last = books.put(quote.symbol(), book);
        if (!book.sameLevels(last)) {
            listener.onBook(book);
        }
    }

    private Quantity depth(Product product, Price price) {
        Quantity cached = depths.get(product.symbol());
        if (cached == null) {
            cached = product.roundSize(settings.depthNotional().divide(price, RoundingMode.DOWN));
            if (!cached.isPositive()) {
                cached = product.sizeIncrement();
            }
            depths.put(product.symbol(), cached);
        }
        return cached;
    }

    /**
     * Places {@code request}: at once ({@link MatchingEngine#place}: refusals are rejections), or with a
     * latency taken now and brought to the book later (a refusal found there cancels it).
     *
     * @throws VenueException {@code NOT_CONNECTED} (transient), {@code DUPLICATE_ORDER} for an id used before
     */
    @Override
    public void place(OrderRequest request) throws VenueException {
        requireConnected();
        if (settings.latency().isZero()) {
            tell(engine.place(request, clock.nanos()));
            return;
        }
        tell(engine.submit(request));
        ClientOrderId id = request.clientOrderId();
        if (engine.isPending(id)) {
            scheduler.schedule(settings.latency(), () -> tell(engine.arrive(id, clock.nanos())));
        }
    }

    private void tell(List<EngineEvent> events) {
        events.forEach(e -> e.tell(listener));
    }

    /** The last recorded price of {@code symbol} (trade price, bar close, quote mid), or null before any. */
    public Price priceOf(Symbol symbol) {
        return engine.mark(symbol);
    }

    /** Cash plus positions at the last recorded prices. */
    public Money equity() {
        return engine.equity();
    }

    /** The account's cash. */
    public Money cash() {
        return engine.cash();
    }

    /** The venue's positions, by symbol: a copy. */
    public Map<Symbol, Position> positions() {
        return engine.positions();
    }

    /** Placements refused because their client order id had been used. */
    public long duplicatePlacements() {
        return engine.duplicatePlacements();
    }

    /** Whether the tape is of trades: then each row is reported as a public trade too. */
    @Override
    public boolean publishesTrades() {
        return trades;
    }

    /** Whether the tape has quotes: then each quote row's touch is reported as one level of depth too. */
    @Override
    public boolean publishesDepth() {
        return quotes;
    }

    /** Market and limit orders; stops are left to the host. */
    @Override
    public boolean supportsNatively(OrderType type) {
        return engine.takes(type);
    }

    /**
     * Cancels a resting order at once; an order still on its way (latency) is cancelled when it
     * reaches the book, if it rests there.
     *
     * @throws VenueException {@code UNKNOWN_ORDER} for an id never placed
     */
    @Override
    public void cancel(ClientOrderId clientOrderId) throws VenueException {
        if (settings.latency().isZero()) {
            tell(engine.cancel(clientOrderId));
            return;
        }
        if (engine.order(clientOrderId).isEmpty()) {
            throw new VenueException(RejectionCode.of("UNKNOWN_ORDER"), "no order " + clientOrderId, false);
        }
        // on its way: a fill before it arrives wins, and the cancel then finds nothing to cancel
        scheduler.schedule(settings.latency(), () -> {
            try {
                tell(engine.cancel(clientOrderId));
            } catch (VenueException e) {
                throw new IllegalStateException("an order the engine knew is gone", e);
            }
        });
    }

    /** Resting limit orders change price and size in place ({@link #amend}). */
    @Override
    public boolean supportsAmend() {
        return true;
    }

    /**
     * Changes a resting limit order in place, at once ({@link MatchingEngine#amend}): answered
     * {@code onOrderAmended} (then {@code onFill} if the new price crosses the touch and the order is
     * not post-only) or {@code onAmendRejected} with placement's codes. An order still on its way (a
     * latency) takes the amend when it reaches the book, and the answer comes then.
     *
     * @throws VenueException {@code NOT_CONNECTED} (transient), or refused at once for an order that cannot
     *     be changed: {@code ORDER_NOT_FOUND}, {@code ONLY_OPEN_ORDERS_CAN_BE_EDITED},
     *     {@code ONLY_LIMIT_ORDER_EDITS_SUPPORTED}, {@code CANNOT_EDIT_TO_BELOW_FILLED_SIZE}
     */
    @Override
    public void amend(ClientOrderId clientOrderId, Price limitPrice, Quantity quantity) throws VenueException {
        requireConnected();
        if (settings.latency().isZero()) {
            tell(engine.amend(clientOrderId, limitPrice, quantity, clock.nanos()));
            return;
        }
        if (engine.order(clientOrderId).isEmpty()) {
            throw new VenueException(RejectionCode.of("ORDER_NOT_FOUND"), "no order " + clientOrderId, false);
        }
        scheduler.schedule(settings.latency(), () -> {
            try {
                tell(engine.amend(clientOrderId, limitPrice, quantity, clock.nanos()));
            } catch (VenueException e) {
                // refused where it arrived (the order filled or ended meanwhile): the answer the host waits for
                Symbol symbol = engine.order(clientOrderId).map(o -> o.request().symbol()).orElse(null);
                listener.onAmendRejected(clientOrderId, symbol, e.code(), e.getMessage());
            }
        });
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

    @Override
    public void close() {
        connected = false;
    }

    private void requireConnected() throws VenueException {
        if (!connected) {
            throw new VenueException(RejectionCode.of("NOT_CONNECTED"), "the simulated venue is not connected", true);
        }
    }
}
