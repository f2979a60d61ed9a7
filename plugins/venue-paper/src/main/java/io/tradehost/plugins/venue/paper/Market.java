package io.tradehost.plugins.venue.paper;

import io.tradehost.api.market.Quote;
import io.tradehost.api.market.Trade;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import java.math.RoundingMode;
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
