package io.tradehost.api.state;

import io.tradehost.api.value.Symbol;
import java.util.Map;
import java.util.Objects;
/**
 * One reason to restrict trading, for the whole host or for one symbol. Reasons are identified by
 * {@link #code()}: raising a code that is already active changes nothing. Immutable.
 *
 * @param code stable identity, e.g. {@code daily_loss}
 * @param source who raised it
 * @param effect the state it asks for; never {@link TradingState#ACTIVE}
 * @param message what happened, for operators
 * @param metadata numbers and names behind it
 * @param raisedAtNanos clock time it was raised, nanoseconds since the epoch
 * @param symbol the one symbol it restricts, or {@code null} for the whole host
 * @param clearing how it goes away
 */
public record StateReason(ReasonCode code, ReasonSource source, TradingState effect, String message,
                          Map<String, String> metadata, long raisedAtNanos, Symbol symbol, ClearingRule clearing) {

    /** @throws IllegalArgumentException if the effect is {@link TradingState#ACTIVE} */
    public StateReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(message, "message");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
        Objects.requireNonNull(clearing, "clearing");
        if (effect == TradingState.ACTIVE) {
            throw new IllegalArgumentException("a reason must restrict trading: " + code);
        }
    }

    /** A reason that restricts the whole host until an operator clears it. */
    public StateReason(ReasonCode code, ReasonSource source, TradingState effect, String message,
                       Map<String, String> metadata, long raisedAtNanos) {
        this(code, source, effect, message, metadata, raisedAtNanos, null, ClearingRule.OPERATOR);
    }

    /** A reason for one symbol (or the host, when {@code symbol} is null) that an operator clears. */
    public StateReason(ReasonCode code, ReasonSource source, TradingState effect, String message,
                       Map<String, String> metadata, long raisedAtNanos, Symbol symbol) {
        this(code, source, effect, message, metadata, raisedAtNanos, symbol, ClearingRule.OPERATOR);
    }

    /** Whether this reason restricts the whole host rather than one symbol. */
    public boolean isHostWide() {
        return symbol == null;
    }
}
