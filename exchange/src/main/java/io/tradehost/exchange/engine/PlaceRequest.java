package io.tradehost.exchange.engine;

import java.math.BigDecimal;

/**
 * A create-order request as parsed from the REST body. Immutable; fields the configuration does not
 * use are {@code null}.
 */
public record PlaceRequest(String clientOrderId, String productId, String side, String configuration,
                           BigDecimal baseSize, BigDecimal quoteSize, BigDecimal limitPrice, BigDecimal stopPrice,
                           String stopDirection, boolean postOnly, long endTimeMillis, String leverage,
                           String marginType) {
}
