package io.tradehost.app.risk;

import static io.tradehost.kernel.Kernel.FailurePolicy.FAIL_CLOSED;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.host.PluginIsolation;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.FixedPoint;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.coordinator.execution.ExecutionCoordinator;
import io.tradehost.coordinator.execution.ExecutionSettings;
import io.tradehost.coordinator.execution.GuardChain;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.InMemoryJournal;
import io.tradehost.testkit.ScriptedVenue;
import io.tradehost.testkit.StubMarket;
import io.tradehost.testkit.StubTradingState;
import io.tradehost.testkit.StubVenueAccess;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
/**
 * Random sequences of decisions, mark moves, fills and trading-state changes through the real
 * execution coordinator and the built-in guards with their defaults; after every step the risk
 * invariants must hold.
 */
class RiskPropertiesTest {
    private static final List<Symbol> SYMBOLS = List.of(Symbol.of("BTC-PERP"), Symbol.of("ETH-PERP"));
    private static final List<String> GUARDS = List.of("kill-switch", "trading-state", "max-order-notional",
            "symbol-exposure", "total-exposure", "leverage", "liquidation-buffer");
    private static final Ratio SYMBOL_LIMIT = Ratio.of("0.20");
    private static final Ratio TOTAL_LIMIT = Ratio.of("0.80");

    /** One step: a state change, a mark move and an intent. */
    record Step(TradingState state, int symbol, int priceMoveBps, int action, int notional) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of(TradingState.ACTIVE, TradingState.ACTIVE, TradingState.REDUCE_ONLY, TradingState.HALTED),
                Arbitraries.integers().between(0, SYMBOLS.size() - 1),
                Arbitraries.integers().between(-300, 300),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1, 4000)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 300)
    void theRiskInvariantsHoldAfterEveryStep(@ForAll("steps") List<Step> steps) {
        VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
        Kernel kernel = new Kernel(clock);
        EventRecorder events = new EventRecorder();
        ScriptedVenue venue = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP"), Fixtures.perpetual("ETH-PERP")))
                .listener(new VenueEventAdapter(kernel, clock)).account(Money.of("10000"));
        StubMarket market = new StubMarket();
        StubTradingState state = new StubTradingState();
        PluginCatalog catalog = PluginCatalog.fromLayer(ModuleLayer.boot());
        GuardChain chain = GuardChain.create(catalog.guards(), GUARDS, name -> PluginConfig.empty("guards.config." + name), PluginIsolation.inline());
        InMemoryJournal journal = new InMemoryJournal("p");
        ExecutionCoordinator execution = new ExecutionCoordinator(ExecutionSettings.of(TimeInForce.GTC), chain,
                new StubVenueAccess(venue, venue.products()), market, state, journal, kernel, kernel, kernel, clock);
        kernel.own(OrderIntent.class, "execution.place", FAIL_CLOSED, execution::place);
        kernel.own(RecordIntent.class, "journal.record", FAIL_CLOSED, journal.answerOn(kernel)::record);
        kernel.subscribe(IntentRecorded.class, "execution.recorded", FAIL_CLOSED, execution::onIntentRecorded);
        kernel.subscribe(OrderAccepted.class, "execution.accepted", FAIL_CLOSED, execution::onAccepted);
        kernel.subscribe(OrderRejected.class, "execution.rejected", FAIL_CLOSED, execution::onRejected);
        kernel.subscribe(OrderFilled.class, "execution.fill", FAIL_CLOSED, execution::onFilled);
        kernel.subscribe(OrderCancelled.class, "execution.cancelled", FAIL_CLOSED, execution::onCancelled);
        kernel.observe(events);
        execution.initialize();
        Map<Symbol, Price> prices = new HashMap<>(Map.of(SYMBOLS.get(0), Price.of("1000"),
                SYMBOLS.get(1), Price.of("100")));
        prices.forEach((s, p) -> market.put(Fixtures.mark(s.value(), p.toString())));
        long sequence = 0;

        for (Step step : steps) {
            setState(state, step.state());
            Symbol symbol = SYMBOLS.get(step.symbol());
            Price moved = Price.of(prices.get(symbol).toBigDecimal().multiply(BigDecimal.valueOf(10_000 + step.priceMoveBps()))
                    .divide(BigDecimal.valueOf(10_000), FixedPoint.SCALE, RoundingMode.DOWN).max(new BigDecimal("0.01")));
            moved = moved.roundTo(Price.of("0.01"), RoundingMode.HALF_EVEN);
            prices.put(symbol, moved);
            market.put(Fixtures.mark(symbol.value(), moved.toString()));
            venue.fillPrice(moved);

            Position before = execution.portfolio().position(symbol);
            int placedBefore = venue.placed().size();
            events.clear();
            boolean close = step.action() == 2;
            OrderIntent intent = new OrderIntent(++sequence, symbol, close ? null : step.action() == 0 ? Side.BUY
                    : Side.SELL, close, null, close ? null : Money.ofUnits(step.notional()), OrderType.MARKET, null,
                    null, close, false, "prop", "", moved, clock.nanos());
            kernel.send(intent);
            kernel.runUntilIdle();

            Position after = execution.portfolio().position(symbol);
            boolean placed = venue.placed().size() > placedBefore;
            if (step.state() == TradingState.HALTED) {
                assertThat(placed).as("HALTED accepts no new order").isFalse();
            }
            if (step.state() == TradingState.REDUCE_ONLY) {
                assertThat(after.quantity().abs().compareTo(before.quantity().abs()))
                        .as("REDUCE_ONLY never grows |position|").isLessThanOrEqualTo(0);
            }
            if (close && !before.isFlat() && step.state() != TradingState.HALTED) {
                assertThat(events.of(IntentRejected.class)).extracting(IntentRejected::stage)
                        .as("a close is never refused by the trading-state guard").doesNotContain("trading-state");
            }
            if (placed && !after.quantity().abs().isLessThan(before.quantity().abs())) {
                Money equity = execution.portfolio().equity();
                Ratio symbolShare = after.valueAt(moved).abs().ratioTo(equity);
                Ratio totalShare = execution.portfolio().grossExposure().ratioTo(equity);
                assertThat(symbolShare.compareTo(SYMBOL_LIMIT)).as("symbol exposure " + symbolShare)
                        .isLessThanOrEqualTo(0);
                assertThat(totalShare.compareTo(TOTAL_LIMIT)).as("total exposure " + totalShare).isLessThanOrEqualTo(0);
            }
        }
    }

    private static void setState(StubTradingState state, TradingState wanted) {
        state.clear(ReasonCode.of("prop"), "test");
        if (wanted != TradingState.ACTIVE) {
            state.raise(new StateReason(ReasonCode.of("prop"), ReasonSource.OPERATOR, wanted, "property test", Map.of(), 0));
        }
    }
}
