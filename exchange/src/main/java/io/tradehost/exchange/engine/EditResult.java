package io.tradehost.exchange.engine;

/**
 * What an edit request came to: the edited order, or Coinbase's edit failure reason (HTTP 200 with
 * {@code success: false}, as on Coinbase). Immutable.
 *
 * @param order the order after the edit (a copy), or {@code null} on failure
 * @param editFailureReason e.g. {@code CANNOT_EDIT_TO_BELOW_FILLED_SIZE}, or {@code null}
 * @param previewFailureReason the finer reason where there is one, e.g.
 *     {@code PREVIEW_INVALID_LIMIT_PRICE_POST_ONLY}; {@code UNKNOWN_PREVIEW_FAILURE_REASON} otherwise
 * @param message words for the failure
 */
public record EditResult(ExchangeOrder order, String editFailureReason, String previewFailureReason, String message) {
    /** The preview reason of a failure that has no finer one. */
    public static final String NO_PREVIEW_REASON = "UNKNOWN_PREVIEW_FAILURE_REASON";

    static EditResult failure(String reason, String preview, String message) {
        return new EditResult(null, reason, preview, message);
    }

    /** Whether the edit took effect. */
    public boolean success() {
        return order != null;
    }
}
