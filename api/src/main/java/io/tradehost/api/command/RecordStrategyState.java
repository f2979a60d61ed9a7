package io.tradehost.api.command;

import java.util.Arrays;
import java.util.Objects;

/**
 * Keep what an event-driven strategy saved, so that it gets it back after a restart. Owned by the
 * journal; the last state of each strategy wins. A failed write is a journal failure like any.
 *
 * @param strategy the strategy's name
 * @param state the bytes it saved (a copy; at most {@code Restored.MAX_STATE_BYTES})
 * @param timestampNanos clock time of the save
 */
public record RecordStrategyState(String strategy, byte[] state, long timestampNanos) implements Command {
    public RecordStrategyState {
        Objects.requireNonNull(strategy, "strategy");
        state = Objects.requireNonNull(state, "state").clone();
    }

    @Override
    public byte[] state() {
        return state.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordStrategyState r && strategy.equals(r.strategy) && Arrays.equals(state, r.state)
                && timestampNanos == r.timestampNanos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(strategy, Arrays.hashCode(state), timestampNanos);
    }

    @Override
    public String toString() {
        return "RecordStrategyState[" + strategy + ", " + state.length + " bytes, at " + timestampNanos + "]";
    }
}
