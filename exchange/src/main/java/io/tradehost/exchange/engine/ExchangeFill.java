package io.tradehost.exchange.engine;

import java.math.BigDecimal;

/**
 * One execution. Immutable.
 *
 * @param entryId unique entry id
 * @param tradeId unique trade id
 * @param orderId the order
 * @param productId the product
 * @param side BUY or SELL
 * @param price execution price
 * @param size executed base quantity
 * @param commission fee in quote currency
 * @param liquidity MAKER or TAKER
 * @param tradeTimeMillis epoch milliseconds
 */
public record ExchangeFill(String entryId, String tradeId, String orderId, String productId, String side,
                           BigDecimal price, BigDecimal size, BigDecimal commission, String liquidity,
                           long tradeTimeMillis) {
}
