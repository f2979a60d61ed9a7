package io.tradehost.exchange.engine;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The exchange's matching engine: a synthetic market per listed product (a seeded random walk of the
 * mid with a ladder of levels on each side, and one print of the rest of the market per step),
 * orders that take from it or rest on it (and resting limit orders edited in place), fills, fees,
 * spot balances with holds, perpetual positions settled in their quote currency, and funding. One
 * lock guards it all; every change a client could see is handed to {@code persist} before the
 * call returns, so an acknowledged order survives a killed exchange. Thread-safe.
 */
public final class MatchingEngine {
    private static final int LEVELS = 10;
    private static final MathContext MC = MathContext.DECIMAL128;
    private static final int MONEY_SCALE = 10;

    private final Map<String, Listing> listings = new LinkedHashMap<>();
    private final Map<String, Book> books = new LinkedHashMap<>();
    private final EngineState state;
    private final SplittableRandom random;
    private final BigDecimal takerFee;
    private final BigDecimal makerFee;
    private final LongSupplier millis;
    private final Consumer<EngineState> persist;
    /** Executions not yet handed to the listener, oldest first; one product's at a time. */
    private final List<EngineListener.Trade> executed = new ArrayList<>();
    /**
     * Prints are not kept in the state (nothing a client owns changed), so their ids carry the
     * engine's start time: a restarted exchange never repeats one, whatever it had saved.
     */
    private final String printPrefix;
    private long prints;
    private EngineListener listener = new EngineListener() {
        @Override
        public void bookChanged(String productId, List<Level> updates) {
        }

        @Override
        public void orderChanged(ExchangeOrder order) {
        }
    };

    /**
     * @param listings what the exchange lists
     * @param state the state to continue from (a new one for a fresh exchange)
     * @param startingCash the balance of each quote currency in a fresh state
     * @param seed the market's random seed
     * @param takerFee fee rate for taking liquidity, e.g. 0.006
     * @param makerFee fee rate for resting orders that fill
     * @param millis the exchange's clock, epoch milliseconds
     * @param persist saves the state; called under the lock after every visible change
     */
    public MatchingEngine(List<Listing> listings, EngineState state, BigDecimal startingCash, long seed,
                          BigDecimal takerFee, BigDecimal makerFee, LongSupplier millis,
                          Consumer<EngineState> persist) {
        this.state = state;
        this.random = new SplittableRandom(seed);
        this.takerFee = takerFee;
        this.makerFee = makerFee;
        this.millis = millis;
        this.persist = persist;
        this.printPrefix = "market-" + millis.getAsLong() + "-";
        for (Listing l : listings) {
            this.listings.put(l.productId(), l);
            books.put(l.productId(), new Book());
            state.balances.putIfAbsent(l.quote(), startingCash);
            if (!l.perpetual()) {
                state.balances.putIfAbsent(l.base(), BigDecimal.ZERO);
            }
            state.mids.putIfAbsent(l.productId(), l.startPrice());
            rebuildBook(l);
            books.get(l.productId()).drainUpdates();
        }
    }

    /** Where changes go; set before clients connect. */
    public synchronized void listener(EngineListener listener) {
        this.listener = listener;
    }

    /**
     * Runs {@code action} with the market held: no step, order, cancel or edit takes effect until it
     * returns (clients' requests wait for it). For a test that must act on one state of the exchange,
     * such as killing a client the instant the exchange holds one of its orders.
     */
    public synchronized void hold(Runnable action) {
        action.run();
    }

    public List<Listing> listings() {
        return List.copyOf(listings.values());
    }

    public Optional<Listing> listing(String productId) {
        return Optional.ofNullable(listings.get(productId));
    }

    // ---------------------------------------------------------------- orders

    /** Creates and executes an order, or answers why not (a business failure, HTTP 200 with success false). */
    public synchronized PlaceResult place(PlaceRequest r) {
        if (r.clientOrderId() == null || r.clientOrderId().isBlank()) {
            return PlaceResult.failure("INVALID_ARGUMENT", "client_order_id is required");
        }
        for (ExchangeOrder existing : state.orders.values()) {
            if (existing.clientOrderId.equals(r.clientOrderId())) {
                state.clientIdReuses++;
                persist.accept(state);
                return new PlaceResult(existing.copy(), null, null, false);
            }
        }
        Listing l = listings.get(r.productId());
        if (l == null) {
            return PlaceResult.failure("INVALID_PRODUCT_ID", "unknown product " + r.productId());
        }
        if (!"BUY".equals(r.side()) && !"SELL".equals(r.side())) {
            return PlaceResult.failure("INVALID_SIDE", "side must be BUY or SELL");
        }
        String problem = OrderRules.place(l, r, millis.getAsLong());
        if (problem != null) {
            int colon = problem.indexOf(':');
            return PlaceResult.failure(problem.substring(0, colon), problem.substring(colon + 1).trim());
        }
        Book book = books.get(l.productId());
        boolean buy = "BUY".equals(r.side());
        BigDecimal size = r.baseSize();
        if (size == null) {
            BigDecimal ask = book.best(false);
            size = r.quoteSize().divide(ask, MC).setScale(l.baseIncrement().scale(), RoundingMode.DOWN);
            if (size.compareTo(l.baseMinSize()) < 0) {
                return PlaceResult.failure("INVALID_SIZE_PRECISION", "quote_size buys less than the minimum size");
            }
        }
        ExchangeOrder o = new ExchangeOrder();
        o.orderId = UUID.randomUUID().toString();
        o.clientOrderId = r.clientOrderId();
        o.productId = r.productId();
        o.side = r.side();
        o.configuration = r.configuration();
        o.baseSize = size;
        o.limitPrice = r.limitPrice();
        o.stopPrice = r.stopPrice();
        o.stopDirection = r.stopDirection();
        o.postOnly = r.postOnly();
        o.endTimeMillis = r.endTimeMillis();
        o.createdMillis = millis.getAsLong();
        o.status = "OPEN";
        o.leverage = r.leverage() == null ? "" : r.leverage();
        o.marginType = r.marginType() == null ? "" : r.marginType();
        String funds = checkFunds(l, o, o);
        if (funds != null) {
            return PlaceResult.failure("INSUFFICIENT_FUND", funds);
        }
        boolean marketable = isMarketable(book, o);
        if (o.postOnly && marketable) {
            return PlaceResult.failure("INVALID_LIMIT_PRICE_POST_ONLY", "a post-only order would take liquidity");
        }
        if ("limit_limit_fok".equals(o.configuration) && available(book, o).compareTo(o.baseSize) < 0) {
            o.status = "CANCELLED";
            o.cancelMessage = "fill or kill: not enough liquidity";
        }
        o.queue = state.nextQueue++;
        state.orders.put(o.orderId, o);
        state.ordersCreated++;
        if (o.isOpen()) {
            if (!o.isStop() || triggers(o, state.mids.get(o.productId))) {
                o.triggered = o.isStop();
                take(l, book, o);
            }
        }
        finishImmediate(o);
        publish(l, book, o);
        persist.accept(state);
        return new PlaceResult(o.copy(), null, null, true);
    }

    /**
     * Whether the account can carry what {@code o} still has open on top of every other open order's
     * hold; {@code except} is the order whose own hold {@code o}'s terms replace (itself, or the
     * order an edit changes).
     */
    private String checkFunds(Listing l, ExchangeOrder o, ExchangeOrder except) {
        Book book = books.get(l.productId());
        BigDecimal price = o.limitPrice != null ? o.limitPrice : worstPrice(book, o);
        if (price == null) {
            return null;
        }
        BigDecimal notional = price.multiply(o.remaining());
        if (l.perpetual()) {
            BigDecimal margin = notional.divide(BigDecimal.valueOf(l.maxLeverage()), MC)
                    .add(notional.multiply(takerFee));
            BigDecimal current = state.positionSize.getOrDefault(l.productId(), BigDecimal.ZERO);
            boolean reduces = current.signum() != 0 && (current.signum() > 0) != o.isBuy()
                    && o.remaining().compareTo(current.abs()) <= 0;
            if (!reduces && available(l.quote(), except).compareTo(margin) < 0) {
                return "initial margin " + margin.setScale(2, RoundingMode.UP) + " " + l.quote() + " exceeds the "
                        + available(l.quote(), except).setScale(2, RoundingMode.DOWN) + " available";
            }
            return null;
        }
        if (o.isBuy()) {
            BigDecimal cost = notional.add(notional.multiply(takerFee));
            if (available(l.quote(), except).compareTo(cost) < 0) {
                return "needs " + cost.setScale(2, RoundingMode.UP) + " " + l.quote() + ", "
                        + available(l.quote(), except).setScale(2, RoundingMode.DOWN) + " available";
            }
        } else if (available(l.base(), except).compareTo(o.remaining()) < 0) {
            return "needs " + o.remaining().toPlainString() + " " + l.base() + ", "
                    + available(l.base(), except).toPlainString() + " available";
        }
        return null;
    }

    private static BigDecimal worstPrice(Book book, ExchangeOrder o) {
        NavigableMap<BigDecimal, BigDecimal> side = book.side(!o.isBuy());
        BigDecimal left = o.baseSize;
        BigDecimal price = null;
        for (Map.Entry<BigDecimal, BigDecimal> level : side.entrySet()) {
            price = level.getKey();
            left = left.subtract(level.getValue());
            if (left.signum() <= 0) {
                break;
            }
        }
        return price;
    }

    private static boolean isMarketable(Book book, ExchangeOrder o) {
        if (o.limitPrice == null) {
            return true;
        }
        BigDecimal best = book.best(!o.isBuy());
        return best != null && (o.isBuy() ? best.compareTo(o.limitPrice) <= 0 : best.compareTo(o.limitPrice) >= 0);
    }

    private static BigDecimal available(Book book, ExchangeOrder o) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<BigDecimal, BigDecimal> level : book.side(!o.isBuy()).entrySet()) {
            if (o.limitPrice != null && (o.isBuy() ? level.getKey().compareTo(o.limitPrice) > 0
                    : level.getKey().compareTo(o.limitPrice) < 0)) {
                break;
            }
            sum = sum.add(level.getValue());
        }
        return sum;
    }

    /** Takes liquidity for {@code o} as a taker, level by level, up to its limit. */
    private void take(Listing l, Book book, ExchangeOrder o) {
        NavigableMap<BigDecimal, BigDecimal> side = book.side(!o.isBuy());
        for (Map.Entry<BigDecimal, BigDecimal> level : List.copyOf(side.entrySet())) {
            if (o.remaining().signum() <= 0) {
                break;
            }
            BigDecimal price = level.getKey();
            if (o.limitPrice != null && (o.isBuy() ? price.compareTo(o.limitPrice) > 0
                    : price.compareTo(o.limitPrice) < 0)) {
                break;
            }
            BigDecimal qty = o.remaining().min(level.getValue());
            if (!affordable(l, o, price, qty)) {
                break;
            }
            book.set(!o.isBuy(), price, level.getValue().subtract(qty));
            fill(l, o, price, qty, "TAKER");
        }
    }

    private boolean affordable(Listing l, ExchangeOrder o, BigDecimal price, BigDecimal qty) {
        if (l.perpetual() || !o.isBuy()) {
            return l.perpetual() || state.balances.get(l.base()).compareTo(qty) >= 0;
        }
        BigDecimal cost = price.multiply(qty).multiply(BigDecimal.ONE.add(takerFee));
        return state.balances.get(l.quote()).subtract(holds(l.quote(), o)).compareTo(cost) >= 0;
    }

    private void fill(Listing l, ExchangeOrder o, BigDecimal price, BigDecimal qty, String liquidity) {
        BigDecimal notional = price.multiply(qty);
        BigDecimal fee = notional.multiply("MAKER".equals(liquidity) ? makerFee : takerFee)
                .setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
        if (l.perpetual()) {
            settlePerpetual(l, o.isBuy(), price, qty);
        } else if (o.isBuy()) {
            state.balances.merge(l.base(), qty, BigDecimal::add);
            state.balances.merge(l.quote(), notional.negate(), BigDecimal::add);
        } else {
            state.balances.merge(l.base(), qty.negate(), BigDecimal::add);
            state.balances.merge(l.quote(), notional, BigDecimal::add);
        }
        state.balances.merge(l.quote(), fee.negate(), BigDecimal::add);
        o.filledSize = o.filledSize.add(qty);
        o.filledValue = o.filledValue.add(notional);
        o.totalFees = o.totalFees.add(fee);
        o.numberOfFills++;
        long id = state.nextTradeId++;
        long now = millis.getAsLong();
        state.fills.add(new ExchangeFill("entry-" + id, "trade-" + id, o.orderId, o.productId, o.side, price, qty,
                fee, liquidity, now));
        executed.add(new EngineListener.Trade("trade-" + id, price.toPlainString(), qty.toPlainString(),
                "TAKER".equals(liquidity) ? o.side : o.isBuy() ? "SELL" : "BUY", now));
        if (o.remaining().signum() == 0) {
            o.status = "FILLED";
        }
    }

    /** Average-cost accounting of a perpetual: closing books realised PnL into the quote balance. */
    private void settlePerpetual(Listing l, boolean buy, BigDecimal price, BigDecimal qty) {
        String id = l.productId();
        BigDecimal held = state.positionSize.getOrDefault(id, BigDecimal.ZERO);
        BigDecimal cost = state.positionCost.getOrDefault(id, BigDecimal.ZERO);
        BigDecimal signedQty = buy ? qty : qty.negate();
        BigDecimal signedNotional = price.multiply(signedQty);
        if (held.signum() == 0 || held.signum() == signedQty.signum()) {
            state.positionSize.put(id, held.add(signedQty));
            state.positionCost.put(id, cost.add(signedNotional));
            return;
        }
        BigDecimal closing = held.abs().min(qty);
        BigDecimal released = cost.multiply(closing).divide(held.abs(), MONEY_SCALE, RoundingMode.HALF_EVEN);
        BigDecimal closeValue = price.multiply(closing);
        BigDecimal realized = held.signum() > 0 ? closeValue.subtract(released) : released.negate().subtract(closeValue);
        state.balances.merge(l.quote(), realized, BigDecimal::add);
        BigDecimal opened = qty.subtract(closing);
        BigDecimal newSize = held.add(signedQty);
        BigDecimal newCost = cost.subtract(released).add(price.multiply(buy ? opened : opened.negate()));
        state.positionSize.put(id, newSize);
        state.positionCost.put(id, newSize.signum() == 0 ? BigDecimal.ZERO : newCost);
    }

    private void finishImmediate(ExchangeOrder o) {
        if (!o.isOpen()) {
            return;
        }
        boolean immediate = o.configuration.equals("market_market_ioc") || o.configuration.equals("sor_limit_ioc")
                || o.configuration.equals("limit_limit_fok");
        if (immediate && o.remaining().signum() > 0) {
            o.status = "CANCELLED";
            o.cancelMessage = o.filledSize.signum() == 0 ? "no liquidity within the order's limit"
                    : "immediate order: the rest was cancelled";
        }
    }

    /** Cancels {@code orderId}: null when done, else Coinbase's failure reason. */
    public synchronized String cancel(String orderId) {
        ExchangeOrder o = state.orders.get(orderId);
        if (o == null) {
            return "UNKNOWN_CANCEL_ORDER";
        }
        if ("FILLED".equals(o.status)) {
            return "ORDER_IS_FULLY_FILLED";
        }
        if (!o.isOpen()) {
            return "DUPLICATE_CANCEL_REQUEST";
        }
        o.status = "CANCELLED";
        o.cancelMessage = "User requested cancel";
        listener.orderChanged(o.copy());
        persist.accept(state);
        return null;
    }

    /**
     * Edits open order {@code orderId} in place to rest at {@code price} for a total of {@code size},
     * the filled part included (Coinbase's {@code orders/edit}), or answers why not: the checks of
     * {@link OrderRules#edit}, funds as for a new order of the rest, and a post-only order that the
     * new price would make take liquidity ({@code COMMANDER_REJECTED_EDIT_ORDER}, preview reason
     * {@code PREVIEW_INVALID_LIMIT_PRICE_POST_ONLY}). An edit through the book trades at once, as a
     * taker, for what crosses, as a new order would. A price change or a larger size puts the order
     * at the back of the queue ({@link ExchangeOrder#queue}); a smaller size at the same price keeps
     * its place. The user channel hears the order's new state.
     */
    public synchronized EditResult edit(String orderId, BigDecimal price, BigDecimal size) {
        ExchangeOrder o = state.orders.get(orderId);
        if (o == null) {
            return EditResult.failure("ORDER_NOT_FOUND", EditResult.NO_PREVIEW_REASON, "order " + orderId
                    + " not found");
        }
        if (!o.isOpen()) {
            return EditResult.failure("ONLY_OPEN_ORDERS_CAN_BE_EDITED", EditResult.NO_PREVIEW_REASON, "order "
                    + orderId + " is " + o.status);
        }
        Listing l = listings.get(o.productId);
        String problem = OrderRules.edit(l, o, price, size);
        if (problem != null) {
            int colon = problem.indexOf(':');
            return EditResult.failure(problem.substring(0, colon), EditResult.NO_PREVIEW_REASON,
                    problem.substring(colon + 1).trim());
        }
        ExchangeOrder terms = o.copy();
        terms.limitPrice = price;
        terms.baseSize = size;
        Book book = books.get(l.productId());
        String funds = checkFunds(l, terms, o);
        if (funds != null) {
            return EditResult.failure("COMMANDER_REJECTED_EDIT_ORDER", "PREVIEW_INSUFFICIENT_FUND", funds);
        }
        boolean marketable = isMarketable(book, terms);
        if (o.postOnly && marketable) {
            return EditResult.failure("COMMANDER_REJECTED_EDIT_ORDER", "PREVIEW_INVALID_LIMIT_PRICE_POST_ONLY",
                    "a post-only order would take liquidity at " + price.toPlainString());
        }
        if (price.compareTo(o.limitPrice) != 0 || size.compareTo(o.baseSize) > 0) {
            o.queue = state.nextQueue++;
        }
        o.limitPrice = price;
        o.baseSize = size;
        state.ordersEdited++;
        if (marketable) {
            take(l, book, o);
        }
        publish(l, book, o);
        persist.accept(state);
        return new EditResult(o.copy(), null, null, null);
    }

    public synchronized Optional<ExchangeOrder> order(String orderId) {
        ExchangeOrder o = state.orders.get(orderId);
        return o == null ? Optional.empty() : Optional.of(o.copy());
    }

    /** Orders, newest first, optionally only open ones and only of {@code productIds} (empty: all). */
    public synchronized List<ExchangeOrder> orders(boolean openOnly, List<String> productIds) {
        List<ExchangeOrder> out = new ArrayList<>();
        for (ExchangeOrder o : state.orders.values()) {
            if ((!openOnly || o.isOpen()) && (productIds.isEmpty() || productIds.contains(o.productId))) {
                out.add(0, o.copy());
            }
        }
        return out;
    }

    /** Fills, newest first, of {@code orderIds} and {@code productIds} (empty: all). */
    public synchronized List<ExchangeFill> fills(List<String> orderIds, List<String> productIds) {
        List<ExchangeFill> out = new ArrayList<>();
        for (ExchangeFill f : state.fills) {
            if ((orderIds.isEmpty() || orderIds.contains(f.orderId()))
                    && (productIds.isEmpty() || productIds.contains(f.productId()))) {
                out.add(0, f);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- accounts

    /** Total balances per currency (available plus hold). */
    public synchronized Map<String, BigDecimal> balances() {
        return Map.copyOf(state.balances);
    }

    /** What open orders hold in {@code currency}. */
    public synchronized BigDecimal hold(String currency) {
        return holds(currency, null);
    }

    private BigDecimal holds(String currency, ExchangeOrder except) {
        BigDecimal sum = BigDecimal.ZERO;
        for (ExchangeOrder o : state.orders.values()) {
            Listing l = listings.get(o.productId);
            if (o == except || !o.isOpen() || l == null || l.perpetual() || o.limitPrice == null) {
                continue;
            }
            if (o.isBuy() && currency.equals(l.quote())) {
                sum = sum.add(o.remaining().multiply(o.limitPrice).multiply(BigDecimal.ONE.add(takerFee)));
            } else if (!o.isBuy() && currency.equals(l.base())) {
                sum = sum.add(o.remaining());
            }
        }
        return sum;
    }

    private BigDecimal available(String currency, ExchangeOrder except) {
        return state.balances.getOrDefault(currency, BigDecimal.ZERO).subtract(holds(currency, except));
    }

    /** Open perpetual positions: product id to signed size and signed cost. */
    public synchronized Map<String, BigDecimal[]> positions() {
        Map<String, BigDecimal[]> out = new LinkedHashMap<>();
        state.positionSize.forEach((id, size) -> {
            if (size.signum() != 0) {
                out.put(id, new BigDecimal[] {size, state.positionCost.get(id)});
            }
        });
        return out;
    }

    public synchronized List<EngineState.FundingPayment> funding() {
        return List.copyOf(state.funding);
    }

    public synchronized BigDecimal mid(String productId) {
        return state.mids.get(productId);
    }

    /** Statistics for the admin endpoint and tests. */
    public synchronized Map<String, Long> stats() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("orders_created", state.ordersCreated);
        out.put("client_id_reuses", state.clientIdReuses);
        out.put("orders_edited", state.ordersEdited);
        out.put("fills", (long) state.fills.size());
        out.put("open_orders", state.orders.values().stream().filter(ExchangeOrder::isOpen).count());
        out.put("funding_payments", (long) state.funding.size());
        return out;
    }

    // ---------------------------------------------------------------- market

    /** The book of {@code productId} as a snapshot, bids then asks. */
    public synchronized List<EngineListener.Level> snapshot(String productId) {
        Book book = books.get(productId);
        return book == null ? List.of() : book.snapshot().stream().map(MatchingEngine::level).toList();
    }

    /** One market step: every mid moves, books are re-laddered, resting and stop orders checked. */
    public synchronized void tick() {
        boolean changed = false;
        long now = millis.getAsLong();
        for (Listing l : listings.values()) {
            Book book = books.get(l.productId());
            BigDecimal mid = state.mids.get(l.productId());
            double step = random.nextGaussian() * l.volatility();
            BigDecimal next = mid.multiply(BigDecimal.valueOf(1 + step), MC)
                    .setScale(l.priceIncrement().scale(), RoundingMode.HALF_EVEN);
            state.mids.put(l.productId(), next.max(l.priceIncrement()));
            rebuildBook(l);
            print(l, book, next.compareTo(mid) > 0, now);
            for (ExchangeOrder o : byQueue()) {
                if (!o.isOpen() || !o.productId.equals(l.productId())) {
                    continue;
                }
                if (o.endTimeMillis > 0 && now >= o.endTimeMillis) {
                    o.status = "EXPIRED";
                    listener.orderChanged(o.copy());
                    changed = true;
                    continue;
                }
                if (o.isStop() && !o.triggered) {
                    if (!triggers(o, next)) {
                        continue;
                    }
                    o.triggered = true;
                    take(l, book, o);
                    listener.orderChanged(o.copy());
                    changed = true;
                    continue;
                }
                if (isMarketable(book, o)) {
                    BigDecimal before = o.filledSize;
                    rest(l, book, o);
                    if (o.filledSize.compareTo(before) != 0) {
                        listener.orderChanged(o.copy());
                        changed = true;
                    }
                }
            }
            List<Book.LevelUpdate> updates = book.drainUpdates();
            if (!updates.isEmpty()) {
                listener.bookChanged(l.productId(), updates.stream().map(MatchingEngine::level).toList());
            }
            publishTrades(l);
            touch(l, book);
        }
        if (changed) {
            persist.accept(state);
        }
    }

    /** The open orders in queue order: the market reaches the one that has waited longest first. */
    private List<ExchangeOrder> byQueue() {
        return state.orders.values().stream().filter(ExchangeOrder::isOpen)
                .sorted(java.util.Comparator.comparingLong(o -> o.queue)).toList();
    }

    /**
     * The rest of the market's trade in this step (the walk stands for other traders, whose trades a
     * real venue's tape carries too): one print at the touch the mid moved towards, a buyer lifting
     * the ask when it rose, else a seller hitting the bid, of 1 to 7 minimum sizes. It draws nothing
     * from the random source, so the walk is the same with or without it, and it leaves the book as
     * laddered (the next step re-ladders it anyway).
     */
    private void print(Listing l, Book book, boolean up, long now) {
        BigDecimal price = book.best(!up);
        if (price != null) {
            BigDecimal size = l.baseMinSize().multiply(BigDecimal.valueOf(1 + prints % 7));
            prints++;
            executed.add(new EngineListener.Trade(printPrefix + prints, price.toPlainString(), size.toPlainString(),
                    up ? "BUY" : "SELL", now));
        }
    }

    /** The market traded through a resting order: it fills at its own price, as maker. */
    private void rest(Listing l, Book book, ExchangeOrder o) {
        NavigableMap<BigDecimal, BigDecimal> side = book.side(!o.isBuy());
        for (Map.Entry<BigDecimal, BigDecimal> level : List.copyOf(side.entrySet())) {
            if (o.remaining().signum() <= 0 || (o.isBuy() ? level.getKey().compareTo(o.limitPrice) > 0
                    : level.getKey().compareTo(o.limitPrice) < 0)) {
                break;
            }
            BigDecimal qty = o.remaining().min(level.getValue());
            book.set(!o.isBuy(), level.getKey(), level.getValue().subtract(qty));
            fill(l, o, o.limitPrice, qty, "MAKER");
        }
    }

    private static boolean triggers(ExchangeOrder o, BigDecimal mid) {
        return "STOP_DIRECTION_STOP_UP".equals(o.stopDirection) ? mid.compareTo(o.stopPrice) >= 0
                : mid.compareTo(o.stopPrice) <= 0;
    }

    /**
     * Books one funding payment on every open perpetual position at its mid: a long pays
     * {@code size x mark x rate} when the rate is positive, a short receives it.
     */
    public synchronized List<EngineState.FundingPayment> chargeFunding() {
        List<EngineState.FundingPayment> booked = new ArrayList<>();
        for (Listing l : listings.values()) {
            BigDecimal size = state.positionSize.getOrDefault(l.productId(), BigDecimal.ZERO);
            if (!l.perpetual() || size.signum() == 0 || l.fundingRate().signum() == 0) {
                continue;
            }
            BigDecimal mark = state.mids.get(l.productId());
            BigDecimal amount = size.multiply(mark).multiply(l.fundingRate()).negate()
                    .setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
            state.balances.merge(l.quote(), amount, BigDecimal::add);
            EngineState.FundingPayment p = new EngineState.FundingPayment("funding-" + (state.funding.size() + 1),
                    l.productId(), amount, l.fundingRate(), size, mark, millis.getAsLong());
            state.funding.add(p);
            booked.add(p);
        }
        if (!booked.isEmpty()) {
            persist.accept(state);
        }
        return booked;
    }

    private void rebuildBook(Listing l) {
        BigDecimal mid = state.mids.get(l.productId());
        BigDecimal tick = l.priceIncrement();
        BigDecimal half = mid.multiply(BigDecimal.valueOf(l.halfSpread()), MC).max(tick);
        BigDecimal bestBid = mid.subtract(half).divide(tick, 0, RoundingMode.FLOOR).multiply(tick);
        BigDecimal bestAsk = mid.add(half).divide(tick, 0, RoundingMode.CEILING).multiply(tick);
        if (bestAsk.compareTo(bestBid) <= 0) {
            bestAsk = bestBid.add(tick);
        }
        BigDecimal step = half.divide(tick, 0, RoundingMode.CEILING).multiply(tick);
        Map<BigDecimal, BigDecimal> bids = new LinkedHashMap<>();
        Map<BigDecimal, BigDecimal> asks = new LinkedHashMap<>();
        for (int i = 0; i < LEVELS; i++) {
            BigDecimal offset = step.multiply(BigDecimal.valueOf(i));
            BigDecimal bidPrice = bestBid.subtract(offset);
            if (bidPrice.signum() > 0) {
                bids.put(bidPrice.stripTrailingZeros(), levelSize(l, mid));
            }
            asks.put(bestAsk.add(offset).stripTrailingZeros(), levelSize(l, mid));
        }
        books.get(l.productId()).replace(bids, asks);
    }

    private BigDecimal levelSize(Listing l, BigDecimal mid) {
        BigDecimal base = l.levelNotional().divide(mid, MC).multiply(BigDecimal.valueOf(0.25 + random.nextDouble()));
        BigDecimal lots = base.divide(l.baseIncrement(), 0, RoundingMode.DOWN).max(BigDecimal.ONE);
        return lots.multiply(l.baseIncrement()).stripTrailingZeros();
    }

    private void touch(Listing l, Book book) {
        BigDecimal bid = book.best(true);
        BigDecimal ask = book.best(false);
        if (bid != null && ask != null) {
            listener.touch(l.productId(), new EngineListener.Level(true, bid.toPlainString(),
                    book.side(true).get(bid).toPlainString()), new EngineListener.Level(false, ask.toPlainString(),
                    book.side(false).get(ask).toPlainString()));
        }
    }

    private void publish(Listing l, Book book, ExchangeOrder o) {
        List<Book.LevelUpdate> updates = book.drainUpdates();
        if (!updates.isEmpty()) {
            listener.bookChanged(l.productId(), updates.stream().map(MatchingEngine::level).toList());
        }
        publishTrades(l);
        listener.orderChanged(o.copy());
    }

    private void publishTrades(Listing l) {
        if (!executed.isEmpty()) {
            List<EngineListener.Trade> trades = List.copyOf(executed);
            executed.clear();
            listener.traded(l.productId(), trades);
        }
    }

    private static EngineListener.Level level(Book.LevelUpdate u) {
        return new EngineListener.Level(u.bid(), u.price().toPlainString(), u.size().toPlainString());
    }
}
