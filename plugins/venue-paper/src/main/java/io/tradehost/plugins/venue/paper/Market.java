package io.tradehost.plugins.venue.paper;

import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.BookLevel;
import io.tradehost.api.market.Quote;
import io.tradehost.api.market.Trade;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated product: a geometric random walk of the mid with per-market drift and volatility
 * (per step, in basis points) and a spread, all on the product's tick grid. Seeded, so the same
 * seed gives the same path. Not thread-safe.
 */
final class Market {
    private final Product product;
    private final double driftBps;
    private final double volatilityBps;
    private final double spreadBps;
    private final Quantity depth;
    private final long seed;
    private SplittableRandom random;
    private long steps;
    private Price bid;
    private Price ask;
    private Price previousMid;

    Market(Product product, Price start, double driftBps, double volatilityBps, double spreadBps, Quantity depth,
           long seed) {
        this.product = product;
        this.driftBps = driftBps;
        this.volatilityBps = volatilityBps;
        this.spreadBps = spreadBps;
        this.depth = depth;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        setMid(start.toDouble());
    }

    /**
     * Continues from a saved book: the same touch, and a path reseeded from the step count (so a
     * restart goes on from where the market was, not from the start of its path).
     */
    void restore(Price savedBid, Price savedAsk, long savedSteps) {
        this.bid = savedBid;
        this.ask = savedAsk;
        this.steps = savedSteps;
        this.random = new SplittableRandom(seed ^ (savedSteps * 0x9E3779B97F4A7C15L));
    }

    /** Steps taken since the market opened. */
    long steps() {
        return steps;
    }

    Product product() {
        return product;
    }

    Price bid() {
        return bid;
    }

    Price ask() {
        return ask;
    }

    /** Moves the mid one step. */
    void step() {
        steps++;
        double mid = (bid.toDouble() + ask.toDouble()) / 2;
        previousMid = Price.mid(bid, ask);
        double move = (driftBps + volatilityBps * random.nextGaussian()) / 10_000;
        setMid(mid * Math.exp(move));
    }

    Quote quote(long nanos) {
        return new Quote(product.symbol(), bid, depth, ask, depth, nanos);
    }

    /**
     * The synthetic trade of the last step: a buyer took the ask if the mid rose, else a seller hit the
     * bid, for 1 to 7 minimum sizes (by step count, so the random path is the same with or without it).
     */
    Trade trade(long nanos) {
        boolean up = previousMid == null || Price.mid(bid, ask).isGreaterThan(previousMid);
        Quantity size = product.minSize().times(Ratio.ofUnits(1 + steps % 7), RoundingMode.DOWN);
        return new Trade(product.symbol(), up ? ask : bid, size, up ? Side.BUY : Side.SELL,
                product.symbol() + "-" + steps, nanos);
    }

    /**
     * The synthetic order book, {@code levels} levels a side: the first is the quote's own touch and
     * size, each next one a half-spread (at least a tick) further out, sized {@code depth x (1 + i/2)}
     * times a factor of 0.5 to 1.5 drawn from the level's price. The factor hangs on the price, not
     * the step count, so a book whose touch did not move is the same book; and nothing is drawn from
     * the random walk, so the market is the same with or without depth. Bids stop before zero.
     */
    BookDepth book(int levels, long nanos) {
        // ask - bid is two half-spreads on the tick grid (setMid), so this is at least a tick
        Price step = product.roundPrice(Price.mid(bid, ask).minus(bid), RoundingMode.CEILING);
        List<BookLevel> bids = new ArrayList<>(levels);
        List<BookLevel> asks = new ArrayList<>(levels);
        Price b = bid;
        Price a = ask;
        for (int i = 0; i < levels; i++) {
            asks.add(new BookLevel(a, levelSize(i, a)));
            a = a.plus(step);
            if (b != null) {
                bids.add(new BookLevel(b, levelSize(i, b)));
                b = b.isGreaterThan(step) ? b.minus(step) : null;
            }
        }
        return new BookDepth(product.symbol(), bids, asks, nanos);
    }

    private Quantity levelSize(int index, Price price) {
        if (index == 0) {
            return depth;
        }
        long percent = (100 + 50L * index) * (50 + Math.floorMod(mix(seed ^ price.hashCode()), 101)) / 100;
        Quantity size = product.roundSize(depth.times(Ratio.of(BigDecimal.valueOf(percent, 2)), RoundingMode.DOWN));
        return size.isLessThan(product.minSize()) ? product.minSize() : size;
    }

    /** SplitMix64's finaliser: a well-spread hash of a level's price. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A simulated double price as an exact scaled value; only synthetic data takes this path. */
    private static Price scaled(double value) {
        return Price.fromDouble(value);
    }

    private void setMid(double mid) {
        Price tick = product.priceIncrement();
        Price center = product.roundPrice(scaled(Math.max(mid, tick.toDouble() * 2)), RoundingMode.HALF_EVEN);
        Price halfSpread = product.roundPrice(scaled(center.toDouble() * spreadBps / 20_000), RoundingMode.CEILING);
        if (halfSpread.isZero()) {
            halfSpread = tick;
        }
        bid = center.isGreaterThan(halfSpread) ? center.minus(halfSpread) : tick;
        ask = bid.plus(halfSpread).plus(halfSpread);
    }
}
