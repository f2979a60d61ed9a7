package io.tradehost.api.value;

import java.io.Serial;
import java.math.BigDecimal;

/**
 * A value left the range {@link FixedPoint} holds (magnitude 10<sup>{@value FixedPoint#MAX_DIGITS}</sup>
 * units or more). On the order path the host turns it into a rejection with code
 * {@code VALUE_OUT_OF_RANGE}, never a guard failure.
 */
public final class ValueOutOfRangeException extends ArithmeticException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An out-of-range result; the message shows it in scientific notation. */
    public ValueOutOfRangeException(BigDecimal value) {
        super("value out of range: " + value.round(new java.math.MathContext(4)).toEngineeringString()
                + " (magnitude must be below 10^" + FixedPoint.MAX_DIGITS + ")");
    }
}
