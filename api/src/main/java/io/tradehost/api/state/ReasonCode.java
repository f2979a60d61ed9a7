package io.tradehost.api.state;

import io.tradehost.api.value.Symbol;
import java.util.Objects;
import java.util.regex.Pattern;
/**
 * The stable identity of a {@link StateReason}, e.g. {@code daily_loss} or
 * {@code mark_staleness.BTC-PERP}: a lower snake case name, optionally followed by dotted parts
 * naming what it concerns. The host's own codes are the constants and factories here; runtime
 * guards add their own with {@link #of}. Compare codes with {@code equals}. Immutable.
 *
 * @param value the code
 */
public record ReasonCode(String value) {
    private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9_]*(\\.[A-Za-z0-9_-]+)*");

    /** Reconciliation found what it cannot explain; the next agreeing reconciliation clears it. */
    public static final ReasonCode RECONCILIATION = new ReasonCode("reconciliation");
    /** A journal write failed; trading halts until an operator clears it. */
    public static final ReasonCode JOURNAL_WRITE_FAILED = new ReasonCode("journal.write_failed");
    /**
     * Another host took this host's account lease: its intents are refused by the journal, and it
     * places nothing more. Cleared by an operator only (restarted, it comes up as the standby).
     */
    public static final ReasonCode FENCED = new ReasonCode("host.fenced");
    /**
     * Another host of this account holds its lease: this one stands by, serving what it follows
     * read-only and placing nothing. Goes away when it takes the lease over (it then starts as a host).
     */
    public static final ReasonCode STANDBY = new ReasonCode("host.standby");
    /** Configuration holds the host in reduce-only. */
    public static final ReasonCode CONFIG_REDUCE_ONLY = new ReasonCode("config.reduce_only");
    /** Configuration holds the host halted. */
    public static final ReasonCode CONFIG_HALTED = new ReasonCode("config.halted");
    /**
     * A reloaded configuration tightened a risk limit below what is open: reduce-only until the
     * exposure is back within the new limits or an operator clears it.
     */
    public static final ReasonCode CONFIG_DRIFT = new ReasonCode("config_drift");
    /** An operator holds the host in reduce-only. */
    public static final ReasonCode OPERATOR_REDUCE_ONLY = new ReasonCode("operator.reduce_only");
    /** An operator halted the host. */
    public static final ReasonCode OPERATOR_HALT = new ReasonCode("operator.halt");

    /** @throws IllegalArgumentException if the value is not of the form above */
    public ReasonCode {
        Objects.requireNonNull(value, "value");
        if (value.length() > 200 || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a reason code (name[.part...]): '" + value + "'");
        }
    }

    /** The code {@code value}. */
    public static ReasonCode of(String value) {
        return new ReasonCode(value);
    }

    /** A guard (pre-trade or runtime) named {@code guard} failed: {@code guard_failure.<guard>}. */
    public static ReasonCode guardFailure(String guard) {
        return new ReasonCode("guard_failure." + guard);
    }

    /** The strategy of {@code symbol} was quarantined: {@code strategy_quarantine.<symbol>}. */
    public static ReasonCode strategyQuarantine(Symbol symbol) {
        return new ReasonCode("strategy_quarantine." + symbol.value());
    }

    /** A kernel handler that owns books or durability failed: {@code handler_failure.<handler>}. */
    public static ReasonCode handlerFailure(String handler) {
        return new ReasonCode("handler_failure." + handler);
    }

    /** This code with {@code .<symbol>} appended, for a reason scoped to one symbol. */
    public ReasonCode forSymbol(Symbol symbol) {
        return new ReasonCode(value + "." + symbol.value());
    }

    /** Whether this code is {@code prefix} itself or {@code prefix.<something>}. */
    public boolean isIn(String prefix) {
        return value.equals(prefix) || value.startsWith(prefix + ".");
    }

    @Override
    public String toString() {
        return value;
    }
}
