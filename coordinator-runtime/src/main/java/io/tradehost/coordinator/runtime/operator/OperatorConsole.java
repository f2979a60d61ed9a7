package io.tradehost.coordinator.runtime.operator;

import io.tradehost.api.command.CancelOrders;
import io.tradehost.api.command.OperatorRequest;
import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.event.OperatorActed;
import io.tradehost.api.host.CommandBus;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.host.OperatorControl;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.Symbol;
import io.tradehost.coordinator.runtime.state.TradingStateMachine;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * The operator's handle on the trading state: raises {@link ReasonCode#OPERATOR_REDUCE_ONLY} and
 * {@link ReasonCode#OPERATOR_HALT} (cleared only by an operator) and clears any reason by code. Every call is
 * logged at WARN with the operator's name. Requests from outside the kernel arrive as
 * {@link OperatorRequest} commands ({@link #handle}) and are answered with {@link OperatorActed}.
 * Kernel thread only.
 */
public final class OperatorConsole implements OperatorControl {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorConsole.class);

    /** The name closing orders carry as their strategy. */
    public static final String CLOSE_STRATEGY = "operator";

    private final TradingStateMachine machine;
    private final Clock clock;
    private final EventBus events;
    private final CommandBus commands;
    private final Set<Symbol> symbols;

    /**
     * @param events where answers to requests go
     * @param commands where cancels and closing orders go
     * @param symbols the symbols a close may name
     */
    public OperatorConsole(TradingStateMachine machine, Clock clock, EventBus events, CommandBus commands,
                           Set<Symbol> symbols) {
        this.machine = machine;
        this.clock = clock;
        this.events = events;
        this.commands = commands;
        this.symbols = new LinkedHashSet<>(symbols);
    }

    /** Handles the command: carries out the request and publishes what happened. */
    public void handle(OperatorRequest request) {
        String who = request.actor();
        String why = request.reason();
        boolean changed;
        String outcome;
        switch (request.action()) {
            case REDUCE_ONLY -> {
                changed = reduceOnly(who, why);
                outcome = changed ? "reduce-only by operator" : "already held reduce-only by an operator";
            }
            case HALT -> {
                changed = halt(who, why);
                outcome = changed ? "halted by operator" : "already halted by an operator";
            }
            case RESUME -> {
                boolean a = clear(who, ReasonCode.OPERATOR_HALT);
                boolean b = clear(who, ReasonCode.OPERATOR_REDUCE_ONLY);
                changed = a || b;
                outcome = changed ? "operator reasons cleared; trading state " + machine.state()
                        : "no operator reason was active; trading state " + machine.state();
            }
            case CLEAR -> {
                ReasonCode code = ReasonCode.of(request.argument());
                changed = clear(who, code);
                outcome = changed ? code + " cleared; trading state " + machine.state()
                        : "no active reason " + code + " (active: " + machine.reasons().stream()
                                .map(r -> r.code().value()).toList() + ")";
            }
            case CANCEL_ALL -> {
                LOG.warn("operator {} cancels every open order: {}", who, why);
                commands.send(new CancelOrders(null, "operator " + who + ": " + why, clock.nanos()));
                changed = true;
                outcome = "cancel of every open order sent to execution";
            }
            case CLOSE -> {
                Symbol symbol = Symbol.of(request.argument());
                if (!symbols.contains(symbol)) {
                    changed = false;
                    outcome = "not a traded symbol: " + symbol + " (trading " + symbols.stream().sorted().toList() + ")";
                } else {
                    LOG.warn("operator {} closes {}: {}", who, symbol, why);
                    commands.send(new OrderIntent(0, symbol, null, true, null, null, OrderType.MARKET, null, null,
                            true, false, CLOSE_STRATEGY, "operator " + who + ": " + why, null, clock.nanos()));
                    changed = true;
                    outcome = "closing order for " + symbol + " sent through the guards";
                }
            }
            default -> throw new IllegalStateException("unhandled operator action " + request.action());
        }
        events.publish(new OperatorActed(request.requestId(), request.action(), request.argument(), who, why, changed,
                outcome, clock.nanos()));
    }

    /** A close may name {@code added} too, once a reload trades them. Kernel thread. */
    public void addSymbols(List<Symbol> added) {
        symbols.addAll(added);
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
