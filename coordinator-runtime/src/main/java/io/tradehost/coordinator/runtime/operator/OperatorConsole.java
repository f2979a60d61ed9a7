package io.tradehost.coordinator.runtime.operator;

import io.tradehost.api.host.OperatorControl;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.Symbol;
import io.tradehost.coordinator.runtime.state.TradingStateMachine;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * The operator's handle on the trading state: raises {@link ReasonCode#OPERATOR_REDUCE_ONLY} and
 * {@link ReasonCode#OPERATOR_HALT} (cleared only by an operator) and clears any reason by code. Every call is
 * logged at WARN with the operator's name. Kernel thread only.
 */
public final class OperatorConsole implements OperatorControl {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorConsole.class);

    private final TradingStateMachine machine;
    private final Clock clock;

    public OperatorConsole(TradingStateMachine machine, Clock clock) {
        this.machine = machine;
        this.clock = clock;
    }

    @Override
    public boolean reduceOnly(String operator, String message) {
        return raise(ReasonCode.OPERATOR_REDUCE_ONLY, TradingState.REDUCE_ONLY, operator, message);
    }

    @Override
    public boolean halt(String operator, String message) {
        return raise(ReasonCode.OPERATOR_HALT, TradingState.HALTED, operator, message);
    }

    @Override
    public boolean clear(String operator, ReasonCode code) {
        LOG.warn("operator {} clears {}", operator, code);
        return machine.clear(code, "operator " + operator);
    }

    private boolean raise(ReasonCode code, TradingState effect, String operator, String message) {
        LOG.warn("operator {} asks for {}: {}", operator, effect, message);
        return machine.raise(new StateReason(code, ReasonSource.OPERATOR, effect, message,
                Map.of("operator", operator), clock.nanos()));
    }

    @Override
    public TradingState state() {
        return machine.state();
    }

    @Override
    public TradingState state(Symbol symbol) {
        return machine.state(symbol);
    }

    @Override
    public List<StateReason> reasons() {
        return machine.reasons();
    }
}
