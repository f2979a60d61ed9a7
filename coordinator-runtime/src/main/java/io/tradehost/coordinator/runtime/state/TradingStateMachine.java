package io.tradehost.coordinator.runtime.state;

import io.tradehost.api.event.StateReasonChanged;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.host.TradingStateControl;
import io.tradehost.api.state.ClearingRule;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.time.Clock;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.value.Symbol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * The host's trading state, derived from the set of active reasons: the most severe effect any
 * host-wide reason asks for, {@link TradingState#ACTIVE} when none; a symbol's state also counts the
 * reasons scoped to it. Every change of the host's state publishes a {@link TradingStateChanged}, is
 * logged at WARN and is kept in {@link #transitions()}; a symbol-scoped reason is logged at WARN when
 * raised and cleared. Raising an active code or clearing an absent one changes nothing and says so
 * in the log. A reason whose clearing rule is {@link ClearingRule#NEXT_UTC_DAY} is cleared by a
 * timer at the next midnight UTC. Kernel thread only.
 */
public final class TradingStateMachine implements TradingStateControl {
    private static final Logger LOG = LoggerFactory.getLogger(TradingStateMachine.class);

    private static final long DAY_NANOS = Duration.ofDays(1).toNanos();

    private final EventBus bus;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Map<ReasonCode, StateReason> active = new LinkedHashMap<>();
    private final Map<ReasonCode, ScheduledTask> dayEndClears = new HashMap<>();
    private final List<TradingStateChanged> transitions = new ArrayList<>();
    private final Map<TradingState, Long> transitionCounts = new EnumMap<>(TradingState.class);
    private TradingState state = TradingState.ACTIVE;

    public TradingStateMachine(EventBus bus, Clock clock, Scheduler scheduler) {
        this.bus = bus;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    @Override
    public TradingState state() {
        return state;
    }

    @Override
    public TradingState state(Symbol symbol) {
        TradingState result = state;
        for (StateReason reason : active.values()) {
            if (symbol.equals(reason.symbol())) {
                result = result.max(reason.effect());
            }
        }
        return result;
    }

    /** Whether a reason with {@code code} is active; a lookup, not a copy of the reasons (guards ask every check). */
    public boolean isActive(ReasonCode code) {
        return active.containsKey(code);
    }

    @Override
    public List<StateReason> reasons() {
        return List.copyOf(active.values());
    }

    @Override
    public boolean raise(StateReason reason) {
        if (active.containsKey(reason.code())) {
            LOG.info("trading-state reason {} is already active; nothing changes", reason.code());
            return false;
        }
        active.put(reason.code(), reason);
        if (reason.clearing() == ClearingRule.NEXT_UTC_DAY) {
            long now = clock.nanos();
            long nextDay = (Math.floorDiv(now, DAY_NANOS) + 1) * DAY_NANOS;
            dayEndClears.put(reason.code(), scheduler.schedule(Duration.ofNanos(nextDay - now),
                    () -> clear(reason.code(), "the new UTC day")));
        }
        LOG.warn("trading-state reason raised: {} ({}, asks for {}{}): {}", reason.code(), reason.source(),
                reason.effect(), reason.isHostWide() ? "" : " on " + reason.symbol(), reason.message());
        bus.publish(new StateReasonChanged(reason, true, "", clock.nanos()));
        recompute();
        return true;
    }

    @Override
    public boolean clear(ReasonCode code, String by) {
        StateReason cleared = active.remove(code);
        if (cleared == null) {
            LOG.info("trading-state reason {} is not active; nothing to clear (asked by {})", code, by);
            return false;
        }
        ScheduledTask dayEnd = dayEndClears.remove(code);
        if (dayEnd != null) {
            dayEnd.cancel();
        }
        LOG.warn("trading-state reason cleared: {} by {}", code, by);
        bus.publish(new StateReasonChanged(cleared, false, by, clock.nanos()));
        recompute();
        return true;
    }

    /** Every state change so far, oldest first: the audit of time, from, to and reasons. */
    public List<TradingStateChanged> transitions() {
        return List.copyOf(transitions);
    }

    /** How many transitions ended in each state, in state order: the transition metric. */
    public Map<TradingState, Long> transitionCounts() {
        return Collections.unmodifiableMap(new EnumMap<>(transitionCounts));
    }

    private void recompute() {
        TradingState next = active.values().stream().filter(StateReason::isHostWide).map(StateReason::effect)
                .reduce(TradingState.ACTIVE, TradingState::max);
        if (next == state) {
            return;
        }
        TradingStateChanged change = new TradingStateChanged(state, next, reasons(), clock.nanos());
        LOG.warn("trading state {} -> {} (reasons: {})", state, next,
                active.isEmpty() ? "none" : String.join(", ", active.keySet().stream().map(ReasonCode::value).toList()));
        state = next;
        transitions.add(change);
        transitionCounts.merge(next, 1L, Long::sum);
        bus.publish(change);
    }
}
