package io.tradehost.exchange.engine;

/**
 * What a create-order request came to: the order (new or, for a re-used client order id, the
 * existing one), or a business failure with Coinbase's error code. Immutable.
 *
 * @param order the order, or {@code null} on failure
 * @param error e.g. {@code INSUFFICIENT_FUND}, or {@code null}
 * @param message words for the error
 * @param created whether this request created the order
 */
public record PlaceResult(ExchangeOrder order, String error, String message, boolean created) {
    static PlaceResult failure(String error, String message) {
        return new PlaceResult(null, error, message, false);
    }
}
