package io.tradehost.plugins.strategies.events;

import io.tradehost.api.market.Mark;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.strategy.event.EventStrategy;
import io.tradehost.api.strategy.event.HandleStatus;
import io.tradehost.api.strategy.event.OrderEvent;
import io.tradehost.api.strategy.event.OrderHandle;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.strategy.event.Restored;
import io.tradehost.api.strategy.event.StrategyHost;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.plugins.strategies.events.GridLadder.Level;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A grid per symbol (see {@link GridLadder} for its prices): at the first quote, post-only buys on the
 * levels below the mid and sells above, the level nearest the mid left free (with the centre at the mid:
 * N buys below it and N sells above). When a level's order has filled completely it is replaced on the
 * other side one level on: a filled buy on level {@code j} is followed by a sell on {@code j + 1}, a
 * filled sell on {@code j} by a buy on {@code j - 1}, for the quantity that filled (a round trip). A
 * partial fill waits for the rest; an order that ends part-filled (cancelled, expired) leaves its level
 * owing the rest, placed again later. A level holds at most one order.
 *
 * <p>Per side, nearest the market first, a level rests only while, were it and every nearer level of its
 * side to fill, |position| x its price would stay within {@code maxInventory} (an order that only brings
 * the position towards flat always may), and on a spot product a sell only for what is held; the rest
 * is pulled, and comes back when there is room. Under REDUCE_ONLY only the levels that shrink the
 * position rest (new ones reduce-only), under HALTED none. A level whose order was refused, or ended by
 * the venue, waits {@link #RETRY} before it is asked for again; one that would take is not placed while it
 * would. After a restart the open orders come back and are adopted onto the level at their exact price
 * (the centre is saved); an order on no level, or a second on one level, is cancelled; the free levels
 * are laid out again around the mark.
 */
final class Grid implements EventStrategy {
    /** How long a level waits after its order was refused or ended by the venue before it is asked for again. */
    static final Duration RETRY = Duration.ofSeconds(10);
    private static final System.Logger LOG = System.getLogger(Grid.class.getName());

    private final int levels;
    private final Ratio spacingBps;
    private final Price fixedCentre;
    private final Money orderNotional;
    private final Quantity orderQuantity;
    private final Money maxInventory;
    private final Map<Symbol, GridLadder> ladders = new HashMap<>();
    private final Map<Symbol, Price> savedCentres = new HashMap<>();
    private final Map<Symbol, List<OrderHandle>> restoredOrders = new HashMap<>();
    private final Map<Long, Level> byOrder = new HashMap<>();
    private StrategyHost host;

    /**
     * @param fixedCentre the grid's centre, or null for each symbol's first mid
     * @param orderNotional each level's size in quote currency, or null when sized by {@code orderQuantity}
     * @param orderQuantity each level's size in base units, or null when sized by {@code orderNotional}
     */
    Grid(int levels, Ratio spacingBps, Price fixedCentre, Money orderNotional, Quantity orderQuantity,
         Money maxInventory) {
        this.levels = levels;
        this.spacingBps = spacingBps;
        this.fixedCentre = fixedCentre;
        this.orderNotional = orderNotional;
        this.orderQuantity = orderQuantity;
        this.maxInventory = maxInventory;
    }

    @Override
    public void onStart(StrategyHost strategyHost, Restored restored) {
        this.host = strategyHost;
        readCentres(restored.savedState());
        for (Symbol symbol : host.symbols()) {
            host.subscribeQuotes(symbol);
            restoredOrders.put(symbol, new ArrayList<>());
        }
        for (OrderHandle order : restored.openOrders()) {
            restoredOrders.get(order.symbol()).add(order);
        }
    }

    @Override
    public void onQuote(Quote quote) {
        GridLadder ladder = ladders.computeIfAbsent(quote.symbol(),
                s -> layout(s, Price.mid(quote.bid(), quote.ask())));
        arrange(ladder);
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
        OrderHandle order = event.handle();
        Level level = byOrder.get(order.id());
        if (level == null || order.isOpen()) {
            return; // a partial fill waits for the rest; a restored order not laid out yet is judged then
        }
        byOrder.remove(order.id());
        level.order = null;
        finished(level, order);
        level.pulled = false;
        arrange(level.ladder);
    }

    @Override
    public void onPositionChanged(Position position) {
        arrange(ladders.get(position.symbol()));
    }

    @Override
    public void onTradingStateChanged(Symbol symbol, TradingState state) {
        arrange(ladders.get(symbol));
    }

    /** The centre of each symbol's grid, one {@code SYMBOL CENTRE} line each, so that a restart finds its levels. */
    @Override
    public byte[] saveState() {
        Map<Symbol, Price> centres = new TreeMap<>(savedCentres);
        ladders.forEach((symbol, ladder) -> centres.put(symbol, ladder.centre()));
        StringBuilder text = new StringBuilder();
        centres.forEach((symbol, centre) -> text.append(symbol).append(' ').append(centre).append('\n'));
        return text.isEmpty() ? null : text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void readCentres(byte[] state) {
        for (String line : new String(state, StandardCharsets.UTF_8).split("\n")) {
            String[] parts = line.split(" ");
            try {
                savedCentres.put(Symbol.of(parts[0]), Price.of(parts[1]));
            } catch (RuntimeException unreadable) {
                // not a line this version wrote: the grid is laid out afresh, and orders off it are cancelled
            }
        }
    }

    /** Lays out {@code symbol}'s grid at its first quote and adopts the orders a restart gave back. */
    private GridLadder layout(Symbol symbol, Price mid) {
        Product product = host.product(symbol);
        Price centre = fixedCentre != null ? fixedCentre : savedCentres.getOrDefault(symbol, mid);
        GridLadder ladder = new GridLadder(product, centre, levels, spacingBps);
        String problem = ladder.problem();
        if (problem == null && !placeable(product, size(product, ladder.price(levels, Side.SELL)))) {
            problem = "a level's size at " + ladder.price(levels, Side.SELL) + " is below the minimum order "
                    + product.minSize();
        }
        if (problem != null) {
            LOG.log(System.Logger.Level.WARNING, "grid: {0} is not traded: {1}", symbol, problem);
            return ladder; // no level wants a side: nothing is placed, restored orders are left as they are
        }
        for (OrderHandle order : restoredOrders.remove(symbol)) {
            Level level = order.isOpen() && order.price() != null ? ladder.find(order.side(), order.price()) : null;
            if (level == null || level.order != null) {
                if (order.isOpen()) {
                    host.cancel(order); // off this grid (its centre or spacing changed), or a second on one level
                }
                continue;
            }
            level.order = order;
            level.want = order.side();
            level.quantity = order.quantity();
            byOrder.put(order.id(), level);
        }
        int gap = ladder.gapNear(mid);
        for (Level level : ladder.all()) {
            if (level.order == null) {
                level.want = level.index < gap ? Side.BUY : level.index > gap ? Side.SELL : null;
                level.quantity = level.want == null ? Quantity.ZERO
                        : size(product, ladder.price(level.index, level.want));
            }
        }
        return ladder;
    }

    private Quantity size(Product product, Price price) {
        return product.roundSize(orderQuantity != null ? orderQuantity
                : orderNotional.divide(price, RoundingMode.DOWN));
    }

    private static boolean placeable(Product product, Quantity quantity) {
        Quantity rounded = product.roundSize(quantity);
        return rounded.isPositive() && !rounded.isLessThan(product.minSize());
    }

    /**
     * A level's order ended. Filled (or all but less than an order's minimum traded): the level frees and
     * its neighbour on the other side of the fill wants the opposite side for what traded, unless it
     * already does. Otherwise the level owes the rest.
     */
    private void finished(Level level, OrderHandle order) {
        GridLadder ladder = level.ladder;
        boolean wanted = order.side() == level.want;
        Quantity traded = wanted ? level.done.plus(order.filled()) : order.filled();
        boolean complete = order.status() == HandleStatus.FILLED
                || wanted && traded.isPositive() && !placeable(ladder.product(), level.quantity.minus(traded));
        if (!complete) {
            if (wanted) {
                level.done = traded;
            }
            if (!level.pulled) {
                level.retryAt = host.nowNanos() + RETRY.toNanos();
            }
            return;
        }
        if (wanted) {
            level.want = null;
            level.done = Quantity.ZERO;
        } // else the level already wants the other side: a later fill of its neighbour came first
        Side side = order.side().opposite();
        Level next = ladder.level(level.index + order.side().sign());
        if (next != null && next.want != side) {
            next.want = side;
            next.quantity = traded;
            next.done = Quantity.ZERO;
            next.retryAt = 0;
        }
    }

    /** Places the levels that may rest and pulls those that may not, side by side. */
    private void arrange(GridLadder ladder) {
        if (ladder == null) {
            return;
        }
        for (Side side : Side.values()) {
            arrange(ladder, side);
        }
    }

    private void arrange(GridLadder ladder, Side side) {
        Product product = ladder.product();
        Symbol symbol = product.symbol();
        TradingState state = host.tradingState(symbol);
        Mark mark = host.mark(symbol);
        Quantity worst = host.position(symbol).quantity(); // the position were every level so far to fill
        boolean room = state != TradingState.HALTED;
        for (Level level : ladder.outward(side)) {
            Price price = ladder.price(level.index, side);
            Quantity owed = level.order != null ? level.order.remaining() : level.owed();
            Quantity next = worst.plus(owed.signed(side));
            boolean reduces = next.signum() * worst.signum() >= 0 && !next.abs().isGreaterThan(worst.abs());
            room = room && (reduces || state == TradingState.ACTIVE
                    && !next.abs().times(price).isGreaterThan(maxInventory))
                    && (product.isPerpetual() || side == Side.BUY || !next.isNegative());
            if (!room) {
                pull(level);
                continue;
            }
            worst = next;
            if (level.order == null && placeable(product, owed) && host.nowNanos() >= level.retryAt
                    && !wouldTake(side, price, mark)) {
                place(ladder, level, side, product.roundSize(owed), price, state);
            }
        }
    }

    private static boolean wouldTake(Side side, Price price, Mark mark) {
        return mark != null && (side == Side.BUY ? !price.isLessThan(mark.ask()) : !price.isGreaterThan(mark.bid()));
    }

    private void place(GridLadder ladder, Level level, Side side, Quantity quantity, Price price, TradingState state) {
        OrderSpec spec = OrderSpec.limit(ladder.product().symbol(), side, quantity, price).asPostOnly()
                .withTag("grid " + level.index + " " + side.name().toLowerCase(Locale.ROOT));
        level.order = host.submit(state == TradingState.REDUCE_ONLY ? spec.asReduceOnly() : spec);
        level.pulled = false;
        byOrder.put(level.order.id(), level);
    }

    private void pull(Level level) {
        if (level.order != null && !level.order.isCancelPending()) {
            host.cancel(level.order);
            level.pulled = true;
        }
    }
}
