package io.tradehost.api.guard;

import io.tradehost.api.order.RejectionCode;
import java.util.Objects;
/**
 * A guard's answer. Immutable.
 *
 * @param allowed whether the order may go
 * @param code stable rejection code, e.g. {@code MAX_ORDER_NOTIONAL}; {@code null} when allowed
 * @param message what tripped, with the numbers; {@code null} when allowed
 */
public record GuardVerdict(boolean allowed, RejectionCode code, String message) {
    /** The order may go. */
    public static final GuardVerdict ALLOW = new GuardVerdict(true, null, null);

    public GuardVerdict {
        if (!allowed) {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The order must not go, because of {@code message}. */
    public static GuardVerdict reject(RejectionCode code, String message) {
        return new GuardVerdict(false, code, message);
    }

    /**
     * The order must not go, because of {@code message}.
     *
     * @throws IllegalArgumentException if {@code code} is not upper snake case
     */
    public static GuardVerdict reject(String code, String message) {
        return reject(RejectionCode.of(code), message);
    }
}
