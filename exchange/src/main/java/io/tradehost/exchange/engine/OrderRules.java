package io.tradehost.exchange.engine;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a create or an edit request must satisfy before the engine looks at the book: a known
 * configuration, sizes and prices on the product's increments and within its size limits. Each
 * check answers null when the request passes, else {@code "REASON: words"}. Stateless.
 */
final class OrderRules {
    private static final List<String> CONFIGURATIONS = List.of("market_market_ioc", "limit_limit_gtc",
            "limit_limit_gtd", "limit_limit_fok", "sor_limit_ioc", "stop_limit_stop_limit_gtc",
            "stop_limit_stop_limit_gtd");

    private OrderRules() {
    }

    /** Checks a create request at {@code nowMillis}. */
    static String place(Listing l, PlaceRequest r, long nowMillis) {
        String c = r.configuration();
        if (c == null || !CONFIGURATIONS.contains(c)) {
            return "UNSUPPORTED_ORDER_CONFIGURATION: " + c;
        }
        if (r.baseSize() == null && !(c.equals("market_market_ioc") && "BUY".equals(r.side())
                && r.quoteSize() != null)) {
            return "INVALID_SIZE_PRECISION: base_size is required";
        }
        if (r.baseSize() != null) {
            String size = size(l, r.baseSize(), "base_size");
            if (size != null) {
                return "INVALID_SIZE_PRECISION: " + size;
            }
        }
        if (!c.startsWith("market")) {
            String limit = price(l, r.limitPrice(), "limit_price");
            if (limit != null) {
                return "INVALID_PRICE_PRECISION: " + limit;
            }
        }
        if (c.startsWith("stop_limit")) {
            String stop = price(l, r.stopPrice(), "stop_price");
            if (stop != null) {
                return "INVALID_PRICE_PRECISION: " + stop;
            }
            if (!"STOP_DIRECTION_STOP_UP".equals(r.stopDirection())
                    && !"STOP_DIRECTION_STOP_DOWN".equals(r.stopDirection())) {
                return "INVALID_STOP_DIRECTION: stop_direction must be STOP_DIRECTION_STOP_UP or _DOWN";
            }
        }
        if (c.endsWith("_gtd") && r.endTimeMillis() <= nowMillis) {
            return "INVALID_END_TIME: end_time must be in the future";
        }
        if (r.leverage() != null && !r.leverage().isBlank()) {
            try {
                BigDecimal lev = new BigDecimal(r.leverage());
                if (lev.compareTo(BigDecimal.ONE) < 0 || lev.compareTo(BigDecimal.valueOf(l.maxLeverage())) > 0) {
                    return "INVALID_LEVERAGE: leverage must be between 1 and " + l.maxLeverage();
                }
            } catch (NumberFormatException e) {
                return "INVALID_LEVERAGE: leverage is not a number";
            }
        }
        return null;
    }

    /**
     * Checks an edit of open order {@code o} to rest at {@code price} for a total of {@code size}: the
     * order kinds Coinbase edits (limit, good till cancelled), the new terms on the product's
     * increments as a create's, a size above what already filled, and a change at all.
     */
    static String edit(Listing l, ExchangeOrder o, BigDecimal price, BigDecimal size) {
        if (!"limit_limit_gtc".equals(o.configuration)) {
            return "ONLY_LIMIT_ORDER_EDITS_SUPPORTED: only good-till-cancelled limit orders can be edited, not "
                    + o.configuration;
        }
        String badPrice = price(l, price, "price");
        if (badPrice != null) {
            return "INVALID_EDITED_PRICE: " + badPrice;
        }
        String badSize = size(l, size, "size");
        if (badSize != null) {
            return "INVALID_EDITED_SIZE: " + badSize;
        }
        if (size.compareTo(o.filledSize) <= 0) {
            return "CANNOT_EDIT_TO_BELOW_FILLED_SIZE: size " + size.toPlainString() + " must exceed the "
                    + o.filledSize.toPlainString() + " already filled";
        }
        if (price.compareTo(o.limitPrice) == 0 && size.compareTo(o.baseSize) == 0) {
            return "EDIT_REQUEST_EQUAL_TO_ORIGINAL_REQUEST: the order already rests at this price and size";
        }
        return null;
    }

    private static String size(Listing l, BigDecimal size, String field) {
        if (size == null) {
            return field + " is required";
        }
        if (size.signum() <= 0 || !tame(size) || size.remainder(l.baseIncrement()).signum() != 0) {
            return field + " must be a positive multiple of " + l.baseIncrement();
        }
        if (size.compareTo(l.baseMinSize()) < 0 || size.compareTo(l.baseMaxSize()) > 0) {
            return field + " must be between " + l.baseMinSize() + " and " + l.baseMaxSize();
        }
        return null;
    }

    /** Whether {@code v} has few enough digits to divide cheaply: {@code 1e999999999} would not. */
    private static boolean tame(BigDecimal v) {
        return Math.abs((long) v.scale()) <= 64 && v.precision() - (long) v.scale() <= 64;
    }

    private static String price(Listing l, BigDecimal price, String field) {
        if (price == null || price.signum() <= 0 || !tame(price)
                || price.remainder(l.priceIncrement()).signum() != 0) {
            return field + " must be a positive multiple of " + l.priceIncrement();
        }
        return null;
    }
}
