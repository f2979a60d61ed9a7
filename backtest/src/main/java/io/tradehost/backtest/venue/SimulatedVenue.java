package io.tradehost.backtest.venue;

import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.BookLevel;
import io.tradehost.api.market.Quote;
import io.tradehost.api.market.Trade;
import io.tradehost.api.order.AccountSnapshot;
import io.tradehost.api.order.Balance;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.time.Clock;
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
import io.tradehost.backtest.tape.MarketEvent;
import io.tradehost.backtest.tape.TapeFormat;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The venue a backtest trades against: its market is the recorded tape, fed row by row with
 * {@link #onMarket}. Each row sets the symbol's touch (a quote's own, or a trade's or bar's price
 * plus and minus the half-spread) and is published as a quote; then resting limits the row traded
 * through ({@link MarketEvent#tradesBelow}, {@link MarketEvent#tradesAbove}) fill at their limit as
 * maker. Market orders and marketable limits fill at once at the touch, moved by the slippage, as
 * taker; with a latency they reach the book that much later and fill at the touch then. Liquidity
 * at the touch is unlimited. Accounting as the paper venue: spot buys need cash, spot sells need
 * holdings, perpetuals need margin (exposure / max leverage within equity). Stops are left to the
 * host.
 *
 * <p>Depth: a quote row is also published as a book of one level a side, its touch with the sizes
 * its quote carries (recorded, or the {@code depth_notional} stand-in), whenever that differs from
 * the last one. Trade and bar rows publish none: their touch is the price and our half-spread, and
 * a book made of it would show a strategy our assumption, not the market; a venue over a tape
 * without quotes says it publishes no depth. Funding is not simulated: no rates, no payments.
 * Kernel thread only.
 */
public final class SimulatedVenue implements Venue {
    private static final String CURRENCY = "USD";

    private final Map<Symbol, Product> products;
    private final FillModel model;
    private final Clock clock;
    private final Scheduler scheduler;
    private final VenueListener listener;
    private final SimulatedAccount account;
    private final Map<Symbol, Price> bids = new HashMap<>();
    private final Map<Symbol, Price> asks = new HashMap<>();
    private final Map<Symbol, Price> lastPrices = new HashMap<>();
    private final Map<Symbol, Quantity> depths = new HashMap<>();
    /** The book last published per symbol; a trade or bar row forgets it, as it moved the touch. */
    private final Map<Symbol, BookDepth> books = new HashMap<>();
    private final Map<ClientOrderId, Order> orders = new LinkedHashMap<>();
    private final Map<ClientOrderId, List<Fill>> fills = new HashMap<>();
    private final List<ClientOrderId> resting = new ArrayList<>();
    private final Map<Symbol, Boolean> subscribed = new HashMap<>();
    private final boolean trades;
    private final boolean quotes;
    private boolean connected;
    private long tradeSequence;
    private long orderSequence;
    private long duplicatePlacements;

    SimulatedVenue(Map<Symbol, Product> products, FillModel model, Clock clock, Scheduler scheduler,
                   VenueListener listener, boolean trades, boolean quotes) {
        this.trades = trades;
        this.quotes = quotes;
        this.products = Map.copyOf(products);
        this.model = model;
        this.clock = clock;
        this.scheduler = scheduler;
        this.listener = listener;
        this.account = new SimulatedAccount(model.startingCash());
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
        Price bid;
        Price ask;
        if (event.format() == TapeFormat.QUOTES) {
            bid = event.bid();
            ask = event.ask();
        } else {
            Price half = event.price().bps(model.halfSpreadBps(), RoundingMode.CEILING);
            bid = event.price().minus(half).roundTo(product.priceIncrement(), RoundingMode.FLOOR);
            ask = event.price().plus(half).roundTo(product.priceIncrement(), RoundingMode.CEILING);
            if (bid.isZero()) {
                bid = product.priceIncrement();
            }
        }
        bids.put(symbol, bid);
        asks.put(symbol, ask);
        lastPrices.put(symbol, event.price());
        if (subscribed.containsKey(symbol)) {
            Quantity depth = depth(product, event.price());
            Quantity bidSize = event.bidSize().isPositive() ? event.bidSize() : depth;
            Quantity askSize = event.askSize().isPositive() ? event.askSize() : depth;
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
        if (!resting.isEmpty()) {
            matchResting(event);
        }
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
            cached = product.roundSize(model.depthNotional().divide(price, RoundingMode.DOWN));
            if (!cached.isPositive()) {
                cached = product.sizeIncrement();
            }
            depths.put(product.symbol(), cached);
        }
        return cached;
    }

    private void matchResting(MarketEvent event) {
        Iterator<ClientOrderId> it = resting.iterator();
        List<Runnable> due = new ArrayList<>();
        while (it.hasNext()) {
            Order order = orders.get(it.next());
            OrderRequest r = order.request();
            if (!r.symbol().equals(event.symbol())) {
                continue;
            }
            boolean through = r.side() == Side.BUY ? event.tradesBelow(r.limitPrice())
                    : event.tradesAbove(r.limitPrice());
            if (!through) {
                continue;
            }
            it.remove();
            String refusal = refusal(r, r.limitPrice(), model.makerFeeBps());
            if (refusal != null) {
                orders.put(r.clientOrderId(), withStatus(order, OrderStatus.CANCELLED));
                due.add(() -> listener.onOrderCancelled(r.clientOrderId(), r.symbol(),
                        refusal + " when the market traded through"));
            } else {
                Fill fill = fill(order, r.limitPrice(), model.makerFeeBps(), Liquidity.MAKER);
                due.add(() -> listener.onFill(fill));
            }
        }
        due.forEach(Runnable::run);
    }

    @Override
    public void place(OrderRequest request) throws VenueException {
        requireConnected();
        ClientOrderId id = request.clientOrderId();
        if (orders.containsKey(id)) {
            duplicatePlacements++;
            throw new VenueException(RejectionCode.DUPLICATE_ORDER, "client order id " + id + " was already used",
                    false);
        }
        Product product = products.get(request.symbol());
        if (product == null) {
            reject(request, "UNKNOWN_SYMBOL", "the recorded data has no " + request.symbol());
            return;
        }
        if (request.type().isStop()) {
            reject(request, "UNSUPPORTED_ORDER_TYPE", "the simulated venue leaves stops to the host");
            return;
        }
        if (!product.roundSize(request.quantity()).equals(request.quantity())
                || request.quantity().isLessThan(product.minSize())) {
            reject(request, "INVALID_SIZE", "quantity " + request.quantity() + " is not a multiple of "
                    + product.sizeIncrement() + " at least " + product.minSize());
            return;
        }
        Order accepted = new Order(request, OrderStatus.ACCEPTED, Quantity.ZERO, "BT-" + (++orderSequence));
        orders.put(id, accepted);
        listener.onOrderAccepted(id, request.symbol(), accepted.venueOrderId());
        if (model.latency().isZero()) {
            execute(accepted);
        } else {
            scheduler.schedule(model.latency(), () -> execute(accepted));
        }
    }

    /** The order reaches the book: it takes, rests, or (IOC, FOK, refused) ends. */
    private void execute(Order order) {
        OrderRequest r = order.request();
        Price bid = bids.get(r.symbol());
        Price ask = asks.get(r.symbol());
        if (bid == null) {
            orders.put(r.clientOrderId(), withStatus(order, OrderStatus.CANCELLED));
            listener.onOrderCancelled(r.clientOrderId(), r.symbol(), "NO_MARKET: no recorded price yet");
            return;
        }
        Price touch = r.side() == Side.BUY ? ask : bid;
        boolean marketable = r.type() == OrderType.MARKET || (r.side() == Side.BUY
                ? !touch.isGreaterThan(r.limitPrice()) : !touch.isLessThan(r.limitPrice()));
        if (marketable && r.postOnly()) {
            orders.put(r.clientOrderId(), withStatus(order, OrderStatus.CANCELLED));
            listener.onOrderCancelled(r.clientOrderId(), r.symbol(),
                    "POST_ONLY_WOULD_TAKE: post-only order would cross the book at " + touch);
            return;
        }
        if (marketable) {
            Price price = slipped(r, touch);
            String refusal = refusal(r, price, model.takerFeeBps());
            if (refusal != null) {
                orders.put(r.clientOrderId(), withStatus(order, OrderStatus.CANCELLED));
                listener.onOrderCancelled(r.clientOrderId(), r.symbol(), refusal);
                return;
            }
            listener.onFill(fill(order, price, model.takerFeeBps(), Liquidity.TAKER));
        } else if (r.timeInForce() == TimeInForce.GTC) {
            String refusal = refusal(r, r.limitPrice(), model.makerFeeBps());
            if (refusal != null) {
                orders.put(r.clientOrderId(), withStatus(order, OrderStatus.CANCELLED));
                listener.onOrderCancelled(r.clientOrderId(), r.symbol(), refusal);
                return;
            }
            resting.add(r.clientOrderId());
        } else {
            orders.put(r.clientOrderId(), withStatus(order, OrderStatus.CANCELLED));
            listener.onOrderCancelled(r.clientOrderId(), r.symbol(), r.timeInForce() + " limit not marketable");
        }
    }

    private Price slipped(OrderRequest r, Price touch) {
        if (model.slippageBps().isZero()) {
            return touch;
        }
        Product product = products.get(r.symbol());
        Price offset = touch.bps(model.slippageBps(), RoundingMode.CEILING);
        if (r.side() == Side.BUY) {
            return touch.plus(offset).roundTo(product.priceIncrement(), RoundingMode.CEILING);
        }
        Price down = touch.isGreaterThan(offset) ? touch.minus(offset) : product.priceIncrement();
        Price rounded = down.roundTo(product.priceIncrement(), RoundingMode.FLOOR);
        return rounded.isZero() ? product.priceIncrement() : rounded;
    }

    /** Why the account cannot take this fill ({@code CODE: words}), or null if it can. */
    private String refusal(OrderRequest r, Price price, Ratio feeBps) {
        Product product = products.get(r.symbol());
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
        Money exposure = account.perpetualExposure(this::priceOf, products::get, r.symbol(),
                r.quantity().signed(r.side()));
        Money equity = equity().minus(fee);
        if (!equity.isPositive() || exposure.ratioTo(equity).isGreaterThan(product.maxLeverage())) {
            return "INSUFFICIENT_MARGIN: perpetual exposure " + exposure + " on equity " + equity + " exceeds "
                    + product.maxLeverage() + "x";
        }
        return null;
    }

    private Fill fill(Order order, Price price, Ratio feeBps, Liquidity liquidity) {
        OrderRequest r = order.request();
        Money fee = price.times(r.quantity()).bps(feeBps);
        Fill fill = new Fill("BT-T-" + (++tradeSequence), r.clientOrderId(), r.symbol(), r.side(), r.quantity(), price,
                fee, liquidity, clock.nanos());
        account.book(fill, products.get(r.symbol()));
        fills.computeIfAbsent(r.clientOrderId(), k -> new ArrayList<>(1)).add(fill);
        orders.put(r.clientOrderId(), new Order(r, OrderStatus.FILLED, r.quantity(), order.venueOrderId()));
        return fill;
    }

    private void reject(OrderRequest request, String code, String message) {
        orders.put(request.clientOrderId(), new Order(request, OrderStatus.REJECTED, Quantity.ZERO, null));
        listener.onOrderRejected(request.clientOrderId(), request.symbol(), RejectionCode.of(code), code + ": "
                + message);
    }

    private static Order withStatus(Order order, OrderStatus status) {
        return new Order(order.request(), status, order.filledQuantity(), order.venueOrderId());
    }

    /** The last recorded price of {@code symbol} (trade price, bar close, quote mid), or null before any. */
    public Price priceOf(Symbol symbol) {
        return lastPrices.get(symbol);
    }

    /** Cash plus positions at the last recorded prices. */
    public Money equity() {
        return account.equity(this::priceOf, products::get);
    }

    /** The account's cash. */
    public Money cash() {
        return account.cash();
    }

    /** The venue's positions, by symbol: a copy. */
    public Map<Symbol, Position> positions() {
        return new TreeMap<>(account.positions());
    }

    /** Placements refused because their client order id had been used. */
    public long duplicatePlacements() {
        return duplicatePlacements;
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

    @Override
    public void cancel(ClientOrderId clientOrderId) throws VenueException {
        Order order = orders.get(clientOrderId);
        if (order == null) {
            throw new VenueException(RejectionCode.of("UNKNOWN_ORDER"), "no order " + clientOrderId, false);
        }
        if (resting.remove(clientOrderId)) {
            orders.put(clientOrderId, withStatus(order, OrderStatus.CANCELLED));
            listener.onOrderCancelled(clientOrderId, order.request().symbol(), "cancelled on request");
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
