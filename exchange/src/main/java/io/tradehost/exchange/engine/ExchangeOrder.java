package io.tradehost.exchange.engine;

import java.math.BigDecimal;

/**
 * One order as the exchange keeps it. Mutable, guarded by the {@link MatchingEngine}; everything
 * outside the engine sees {@link #copy()}s. Public fields because the state file stores them as
 * they are.
 */
public final class ExchangeOrder {
    public String orderId;
    public String clientOrderId;
    public String productId;
    /** BUY or SELL. */
    public String side;
    /** The {@code order_configuration} key, e.g. {@code limit_limit_gtc}. */
    public String configuration;
    public BigDecimal baseSize;
    public BigDecimal limitPrice;
    public BigDecimal stopPrice;
    /** STOP_DIRECTION_STOP_UP or STOP_DIRECTION_STOP_DOWN, for stop orders. */
    public String stopDirection;
    public boolean triggered;
    public boolean postOnly;
    /** GTD orders: epoch milliseconds after which the order expires; 0 otherwise. */
    public long endTimeMillis;
    public String status;
    public BigDecimal filledSize = BigDecimal.ZERO;
    public BigDecimal filledValue = BigDecimal.ZERO;
    public BigDecimal totalFees = BigDecimal.ZERO;
    public int numberOfFills;
    public long createdMillis;
    public String cancelMessage = "";
    public String rejectReason = "";
    public String leverage = "";
    public String marginType = "";
    /**
     * The order's place in the queue among the account's resting orders, lower first: at one price
     * the market reaches the lower number first. Set at creation; an edit that changes the price or
     * raises the size gives it a new, last number (0 for orders saved before queues were kept).
     */
    public long queue;

    /** An empty order; the engine or the state file fills it. */
    public ExchangeOrder() {
        // filled field by field
    }

    /** A detached copy. */
    public ExchangeOrder copy() {
        ExchangeOrder c = new ExchangeOrder();
        c.orderId = orderId;
        c.clientOrderId = clientOrderId;
        c.productId = productId;
        c.side = side;
        c.configuration = configuration;
        c.baseSize = baseSize;
        c.limitPrice = limitPrice;
        c.stopPrice = stopPrice;
        c.stopDirection = stopDirection;
        c.triggered = triggered;
        c.postOnly = postOnly;
        c.endTimeMillis = endTimeMillis;
        c.status = status;
        c.filledSize = filledSize;
        c.filledValue = filledValue;
        c.totalFees = totalFees;
        c.numberOfFills = numberOfFills;
        c.createdMillis = createdMillis;
        c.cancelMessage = cancelMessage;
        c.rejectReason = rejectReason;
        c.leverage = leverage;
        c.marginType = marginType;
        c.queue = queue;
        return c;
    }

    public boolean isBuy() {
        return "BUY".equals(side);
    }

    public boolean isOpen() {
        return "OPEN".equals(status) || "PENDING".equals(status);
    }

    public boolean isStop() {
        return configuration.startsWith("stop_limit");
    }

    public BigDecimal remaining() {
        return baseSize.subtract(filledSize);
    }

    /** Coinbase's {@code time_in_force} for this configuration. */
    public String timeInForce() {
        return switch (configuration) {
            case "market_market_ioc", "sor_limit_ioc" -> "IMMEDIATE_OR_CANCEL";
            case "limit_limit_fok" -> "FILL_OR_KILL";
            case "limit_limit_gtd", "stop_limit_stop_limit_gtd" -> "GOOD_UNTIL_DATE_TIME";
            default -> "GOOD_UNTIL_CANCELLED";
        };
    }

    /** Coinbase's {@code order_type}. */
    public String orderType() {
        if (configuration.startsWith("market")) {
            return "MARKET";
        }
        return isStop() ? "STOP_LIMIT" : "LIMIT";
    }
}
