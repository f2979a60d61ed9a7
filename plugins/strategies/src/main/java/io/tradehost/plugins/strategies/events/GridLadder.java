package io.tradehost.plugins.strategies.events;

import io.tradehost.api.strategy.event.OrderHandle;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * One symbol's grid: levels {@code -N..N} around a centre, each with a buy price and a sell price on the
 * product's tick, fixed for the grid's life. Below the centre a level's buy price is {@code centre x (1 -
 * k x spacing)} rounded down, above it a level's sell price is {@code centre x (1 + k x spacing)} rounded
 * up; every other price is one spacing from its neighbour's: the sell of level {@code j} is the buy of
 * level {@code j - 1} times {@code (1 + spacing)} rounded up (for {@code j <= 0}), the buy of level
 * {@code j} the sell of {@code j + 1} times {@code (1 - spacing)} rounded down (for {@code j >= 0}). A
 * round trip between two levels thus returns to the prices it started from instead of drifting a tick
 * per trip through rounding. Kernel thread (or the instance's worker) only.
 */
final class GridLadder {
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    /** One level: the side it wants to rest, for how much, and the order resting there (at most one). */
    static final class Level {
        final GridLadder ladder;
        final int index;
        /** The side wanted here, or null for the gap the last fill left. */
        Side want;
        /** The whole level's size for {@link #want}. */
        Quantity quantity = Quantity.ZERO;
        /** What orders of this level that ended unfilled traded towards {@link #quantity}. */
        Quantity done = Quantity.ZERO;
        OrderHandle order;
        /** Whether the grid asked to cancel {@link #order} (so its end is no reason to wait). */
        boolean pulled;
        /** Host time before which the level is not asked for again after a refusal. */
        long retryAt;

        Level(GridLadder ladder, int index) {
            this.ladder = ladder;
            this.index = index;
        }

        /** The side the level stands for now: its order's, else the one it wants. */
        Side side() {
            return order != null ? order.side() : want;
        }

        /** What the level still has to trade on {@link #want}. */
        Quantity owed() {
            return quantity.minus(done);
        }
    }

    private final Product product;
    private final Price centre;
    private final int levels;
    private final double spacing;
    private final Price[] buys;
    private final Price[] sells;
    private final Level[] slots;

    /** @param spacingBps the distance between levels in bps; {@code (levels + 1) x spacingBps < 10000} */
    GridLadder(Product product, Price centre, int levels, Ratio spacingBps) {
        this.product = product;
        this.centre = centre;
        this.levels = levels;
        this.spacing = spacingBps.toDouble() / 10_000;
        BigDecimal s = spacingBps.toBigDecimal();
        int size = 2 * levels + 3; // -N-1 and N+1 only to derive the outermost prices
        buys = new Price[size];
        sells = new Price[size];
        for (int j = 1; j <= levels + 1; j++) {
            buys[slot(-j)] = round(centre, BPS.subtract(s.multiply(BigDecimal.valueOf(j))), RoundingMode.FLOOR);
            sells[slot(j)] = round(centre, BPS.add(s.multiply(BigDecimal.valueOf(j))), RoundingMode.CEILING);
        }
        for (int j = levels; j >= 0; j--) {
            buys[slot(j)] = round(sells[slot(j + 1)], BPS.subtract(s), RoundingMode.FLOOR);
        }
        for (int j = -levels; j <= 0; j++) {
            sells[slot(j)] = round(buys[slot(j - 1)], BPS.add(s), RoundingMode.CEILING);
        }
        slots = new Level[2 * levels + 1];
        for (int j = -levels; j <= levels; j++) {
            slots[j + levels] = new Level(this, j);
        }
    }

    private Price round(Price price, BigDecimal bps, RoundingMode mode) {
        return product.roundPrice(price.bps(Ratio.of(bps), mode), mode);
    }

    private int slot(int index) {
        return index + levels + 1;
    }

    Product product() {
        return product;
    }

    Price centre() {
        return centre;
    }

    /** The price an order of {@code side} rests at on level {@code index}. */
    Price price(int index, Side side) {
        return side == Side.BUY ? buys[slot(index)] : sells[slot(index)];
    }

    /** The level {@code index}, or null beyond the grid's edge. */
    Level level(int index) {
        return index < -levels || index > levels ? null : slots[index + levels];
    }

    /** The level whose {@code side} price is exactly {@code price}, or null: the order is not on this grid. */
    Level find(Side side, Price price) {
        for (Level level : slots) {
            if (price(level.index, side).equals(price)) {
                return level;
            }
        }
        return null;
    }

    /** Every level, lowest first. */
    List<Level> all() {
        return List.of(slots);
    }

    /**
     * The levels standing for {@code side}, nearest the other side first (buys from the top down, sells
     * from the bottom up): the order in which they would fill, and in which they count to an inventory cap.
     */
    List<Level> outward(Side side) {
        List<Level> out = new ArrayList<>();
        for (int i = 0; i < slots.length; i++) {
            Level level = slots[side == Side.BUY ? slots.length - 1 - i : i];
            if (level.side() == side) {
                out.add(level);
            }
        }
        return out;
    }

    /**
     * The level without an order whose nominal price {@code centre x (1 + j x spacing)} is nearest
     * {@code mark} (the lower on a tie): the grid's gap, with buys below it and sells above.
     */
    int gapNear(Price mark) {
        double m = mark.toDouble();
        double c = centre.toDouble();
        int gap = 0;
        double best = Double.MAX_VALUE;
        for (Level level : slots) {
            double distance = Math.abs(c * (1 + level.index * spacing) - m);
            if (level.order == null && distance < best) {
                best = distance;
                gap = level.index;
            }
        }
        return gap;
    }

    /** Why the grid cannot trade (levels would share a price, or sit at zero), or null. */
    String problem() {
        if (!buys[slot(-levels - 1)].isPositive()) {
            return "the lowest level's price around the centre " + centre + " rounds to zero";
        }
        for (int j = -levels; j <= levels; j++) {
            if (!buys[slot(j - 1)].isLessThan(buys[slot(j)]) || !sells[slot(j)].isLessThan(sells[slot(j + 1)])) {
                return "the spacing around the centre " + centre + " is finer than the tick "
                        + product.priceIncrement() + ": levels would share a price";
            }
        }
        return null;
    }
}
