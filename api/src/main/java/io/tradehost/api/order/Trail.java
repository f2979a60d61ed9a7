package io.tradehost.api.order;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * How a trailing stop's trigger follows the market: {@code offset} (a price distance) or {@code bps}
 * (basis points of the mark) behind the best mark seen since it became active, moving only in the
 * position's favour: a sell stop (protecting a long) rises with the mark and never falls; a buy stop
 * (protecting a short) falls and never rises. With an {@code activation} price it starts trailing only
 * once the mark reaches it (a sell stop when the mark rises to it, a buy stop when it falls to it) and
 * cannot trigger before. The host holds trailing stops itself on every venue, triggered by marks
 * (quote mids). Immutable.
 *
 * @param offset the distance behind the best mark, or {@code null} when {@code bps} is given
 * @param bps the distance in basis points of the mark, or {@code null} when {@code offset} is given
 * @param activation the mark at which it starts trailing, or {@code null} to trail at once
 */
public record Trail(Price offset, Ratio bps, Price activation) {
    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

    /** @throws IllegalArgumentException unless exactly one of offset and bps is given, positive (bps below 10 000) */
    public Trail {
        if ((offset == null) == (bps == null)) {
            throw new IllegalArgumentException("a trail needs exactly one of an offset and a distance in bps");
        }
        if (offset != null && !offset.isPositive() || bps != null && (!bps.isPositive()
                || !bps.isLessThan(Ratio.ofUnits(10_000)))) {
            throw new IllegalArgumentException("a trail's distance must be positive (bps below 10000): "
                    + (offset != null ? offset : bps + " bps"));
        }
        if (activation != null && !activation.isPositive()) {
            throw new IllegalArgumentException("an activation price must be positive: " + activation);
        }
    }

    /** A trail {@code offset} behind the best mark, at once. */
    public static Trail byOffset(Price offset) {
        return new Trail(Objects.requireNonNull(offset, "offset"), null, null);
    }

    /** A trail {@code bps} basis points behind the best mark, at once. */
    public static Trail byBps(Ratio bps) {
        return new Trail(null, Objects.requireNonNull(bps, "bps"), null);
    }

    /** This trail, starting once the mark reaches {@code price}. */
    public Trail activatingAt(Price price) {
        return new Trail(offset, bps, Objects.requireNonNull(price, "price"));
    }

    /** Whether it trails now: it has no activation price left. */
    public boolean isActive() {
        return activation == null;
    }

    /** Whether a stop on {@code side} starts trailing at {@code mark}. */
    public boolean activatesAt(Side side, Price mark) {
        return activation == null || (side == Side.SELL ? !mark.isLessThan(activation)
                : !mark.isGreaterThan(activation));
    }

    /** This trail once active: without its activation price. */
    public Trail activated() {
        return new Trail(offset, bps, null);
    }

    /**
     * The trigger of a stop on {@code side} trailing {@code mark}, on {@code product}'s tick grid (a sell
     * stop rounded down, a buy stop up: never closer to the market than the distance asks).
     */
    public Price triggerFor(Side side, Price mark, Product product) {
        BigDecimal distance = offset != null ? offset.toBigDecimal()
                : mark.toBigDecimal().multiply(bps.toBigDecimal()).divide(TEN_THOUSAND, 10, RoundingMode.HALF_EVEN);
        BigDecimal raw = side == Side.SELL ? mark.toBigDecimal().subtract(distance)
                : mark.toBigDecimal().add(distance);
        Price trigger = Price.of(raw.max(BigDecimal.ZERO));
        return product.roundPrice(trigger, side == Side.SELL ? RoundingMode.FLOOR : RoundingMode.CEILING);
    }

    /** Whether {@code candidate} is a better trigger than {@code current} for a stop on {@code side}. */
    public static boolean improves(Side side, Price candidate, Price current) {
        return side == Side.SELL ? candidate.isGreaterThan(current) : candidate.isLessThan(current);
    }

    /** The journal's text of this trail: {@code offset=<price>} or {@code bps=<ratio>}, then {@code ;activation=<price>}. */
    public String format() {
        return (offset != null ? "offset=" + offset : "bps=" + bps) + (activation == null ? ""
                : ";activation=" + activation);
    }

    /**
     * Reads {@link #format()}'s text.
     *
     * @throws IllegalArgumentException if it is not such a text
     */
    public static Trail parse(String text) {
        Price offset = null;
        Ratio bps = null;
        Price activation = null;
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            switch (key) {
                case "offset" -> offset = Price.of(value);
                case "bps" -> bps = Ratio.of(value);
                case "activation" -> activation = Price.of(value);
                default -> throw new IllegalArgumentException("not a trail: " + text);
            }
        }
        return new Trail(offset, bps, activation);
    }
}
