package io.tradehost.exchange.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the exchange must not lose: orders, fills, balances, perpetual positions, the market's
 * last mids and the id counters. The engine mutates it under its lock and hands it to the store
 * after every change a client could have seen. Public fields because the state file stores them.
 */
public final class EngineState {
    /** Orders by order id, in creation order. */
    public Map<String, ExchangeOrder> orders = new LinkedHashMap<>();
    /** Every fill, oldest first. */
    public List<ExchangeFill> fills = new ArrayList<>();
    /** Total balance (available plus hold) per currency. */
    public Map<String, BigDecimal> balances = new LinkedHashMap<>();
    /** Signed perpetual position quantity per product. */
    public Map<String, BigDecimal> positionSize = new LinkedHashMap<>();
    /** Signed cost of each open perpetual position. */
    public Map<String, BigDecimal> positionCost = new LinkedHashMap<>();
    /** Funding payments booked, oldest first. */
    public List<FundingPayment> funding = new ArrayList<>();
    /** The last mid per product. */
    public Map<String, BigDecimal> mids = new LinkedHashMap<>();
    public long nextTradeId = 1;
    /** Create requests that named a client order id the exchange already had (answered with that order). */
    public long clientIdReuses;
    /** Orders created, for statistics. */
    public long ordersCreated;
    /** Edits that took effect, for statistics. */
    public long ordersEdited;
    /** The next {@link ExchangeOrder#queue} number: above every one handed out. */
    public long nextQueue = 1;

    /** A fresh exchange's state; the state file fills it when continuing. */
    public EngineState() {
        // empty
    }

    /**
     * One funding payment on a perpetual position. Immutable.
     *
     * @param id unique id
     * @param productId the perpetual
     * @param amount signed cash moved: negative when the account paid
     * @param rate the funding rate applied
     * @param positionSize the signed position it applied to
     * @param mark the mark price used
     * @param timeMillis when it was booked
     */
    public record FundingPayment(String id, String productId, BigDecimal amount, BigDecimal rate,
                                 BigDecimal positionSize, BigDecimal mark, long timeMillis) {
    }
}
