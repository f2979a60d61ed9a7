package io.tradehost.api.strategy.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.command.CancelOrder;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.TradeReceived;
import io.tradehost.api.market.Bar;
import io.tradehost.api.market.BarInterval;
import io.tradehost.api.market.Trade;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventApiTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final Quantity ONE = Quantity.of("1");
    private static final Price P = Price.of("100");

    @Test
    void specsOfEveryTypeCarryWhatTheyNeedAndRefuseWhatTheyMustNot() {
        OrderSpec limit = OrderSpec.limit(BTC, Side.BUY, ONE, P).asPostOnly().asReduceOnly().withTag("entry")
                .withTimeInForce(TimeInForce.IOC).expiringAt(5);
        assertThat(limit).isEqualTo(new OrderSpec(BTC, Side.BUY, OrderType.LIMIT, ONE, P, null, TimeInForce.IOC, 5,
                true, true, "entry"));
        assertThat(limit.modified(Price.of("101"), Quantity.of("2"))).isEqualTo(new OrderSpec(BTC, Side.BUY,
                OrderType.LIMIT, Quantity.of("2"), Price.of("101"), null, TimeInForce.IOC, 5, true, true, "entry"));
        assertThat(OrderSpec.market(BTC, Side.SELL, ONE).type()).isEqualTo(OrderType.MARKET);
        assertThat(OrderSpec.stop(BTC, Side.SELL, ONE, P).stopPrice()).isEqualTo(P);
        assertThat(OrderSpec.stopLimit(BTC, Side.SELL, ONE, P, Price.of("99")).limitPrice()).isEqualTo(Price.of("99"));
        assertThat(new OrderSpec(BTC, Side.BUY, OrderType.MARKET, ONE, null, null, null, 0, false, false, null).tag())
                .isEmpty();
        assertThatThrownBy(() -> OrderSpec.market(BTC, Side.BUY, Quantity.ZERO))
                .hasMessage("an order needs a positive quantity, not 0");
        assertThatThrownBy(() -> new OrderSpec(BTC, Side.BUY, OrderType.LIMIT, ONE, null, null, null, 0, false, false,
                "")).hasMessage("LIMIT order: a positive limit price is needed");
        assertThatThrownBy(() -> new OrderSpec(BTC, Side.BUY, OrderType.MARKET, ONE, P, null, null, 0, false, false,
                "")).hasMessage("MARKET order: a positive limit price is not allowed");
        assertThatThrownBy(() -> OrderSpec.limit(BTC, Side.BUY, ONE, Price.ZERO))
                .hasMessage("LIMIT order: a positive limit price is needed");
        assertThatThrownBy(() -> new OrderSpec(BTC, Side.BUY, OrderType.STOP_MARKET, ONE, null, null, null, 0, false,
                false, "")).hasMessage("STOP_MARKET order: a positive stop price is needed");
        assertThatThrownBy(() -> new OrderSpec(BTC, Side.BUY, OrderType.MARKET, ONE, null, P, null, 0, false, false,
                "")).hasMessage("MARKET order: a positive stop price is not allowed");
        assertThatThrownBy(() -> OrderSpec.stop(BTC, Side.BUY, ONE, Price.ZERO))
                .hasMessage("STOP_MARKET order: a positive stop price is needed");
        assertThatThrownBy(() -> OrderSpec.market(BTC, Side.BUY, ONE).expiringAt(-1))
                .hasMessage("expiry must be a clock time or 0, not -1");
        assertThatThrownBy(() -> OrderSpec.market(BTC, Side.BUY, ONE).withTag("x".repeat(65)))
                .hasMessage("a tag has at most 64 characters");
        assertThat(OrderSpec.market(BTC, Side.BUY, ONE).withTag("x".repeat(64)).tag()).hasSize(64);
    }

    @Test
    void aHandleAnswersFromItsSpecAndItsFills() {
        OrderSpec spec = OrderSpec.limit(BTC, Side.SELL, Quantity.of("3"), P).withTag("exit");
        OrderHandle handle = new OrderHandle() {
            @Override
            public long id() {
                return 7;
            }

            @Override
            public OrderSpec spec() {
                return spec;
            }

            @Override
            public Quantity quantity() {
                return Quantity.of("3");
            }

            @Override
            public Quantity filled() {
                return ONE;
            }

            @Override
            public HandleStatus status() {
                return HandleStatus.PARTIALLY_FILLED;
            }

            @Override
            public boolean isCancelPending() {
                return false;
            }

            @Override
            public ClientOrderId clientOrderId() {
                return null;
            }

            @Override
            public RejectionCode rejection() {
                return null;
            }
        };
        assertThat(List.of(handle.symbol(), handle.side(), handle.type(), handle.price(), handle.remaining(),
                handle.tag(), handle.isOpen())).containsExactly(BTC, Side.SELL, OrderType.LIMIT, P, Quantity.of("2"),
                "exit", true);
        assertThat(HandleStatus.values()).filteredOn(HandleStatus::isTerminal).containsExactly(HandleStatus.FILLED,
                HandleStatus.CANCELLED, HandleStatus.REJECTED, HandleStatus.EXPIRED);
        Fill fill = new Fill("t", ClientOrderId.of("a-1"), BTC, Side.SELL, ONE, P, Money.ZERO, Liquidity.MAKER, 0);
        assertThat(List.<OrderEvent>of(new OrderEvent.Accepted(handle), new OrderEvent.Filled(handle, fill, false),
                new OrderEvent.Cancelled(handle, "why"), new OrderEvent.Rejected(handle, RejectionCode.NOT_SENT, "m"),
                new OrderEvent.Expired(handle), new OrderEvent.Modified(handle),
                new OrderEvent.ModifyRejected(handle, RejectionCode.STRATEGY_FAILED, "m"),
                new OrderEvent.CancelRejected(handle, RejectionCode.NOT_SENT, "m"))).extracting(OrderEvent::handle)
                .containsOnly(handle);
        assertThatThrownBy(() -> new OrderEvent.Accepted(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new OrderEvent.Filled(handle, null, true)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new OrderEvent.Cancelled(handle, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new OrderEvent.Rejected(handle, null, "m")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new OrderEvent.Expired(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new OrderEvent.Modified(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new OrderEvent.ModifyRejected(null, RejectionCode.NOT_SENT, "m"))
                .hasMessage("handle");
        assertThatThrownBy(() -> new OrderEvent.ModifyRejected(handle, null, "m")).hasMessage("code");
        assertThatThrownBy(() -> new OrderEvent.ModifyRejected(handle, RejectionCode.NOT_SENT, null))
                .hasMessage("message");
    }

    @Test
    void whatWasRestoredIsCopiedInAndOutAndComparedByContent() {
        byte[] state = {1, 2, 3};
        Restored restored = new Restored(List.of(), state);
        state[0] = 9;
        assertThat(restored.savedState()).containsExactly(1, 2, 3);
        restored.savedState()[1] = 9;
        assertThat(restored).isEqualTo(new Restored(List.of(), new byte[] {1, 2, 3}))
                .hasSameHashCodeAs(new Restored(List.of(), new byte[] {1, 2, 3}))
                .isNotEqualTo(Restored.nothing()).isNotEqualTo("x");
        assertThat(Restored.nothing()).hasToString("Restored[0 open order(s), 0 list(s), 0 byte(s) of state]");
        assertThatThrownBy(() -> new Restored(List.of(), null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aStrategyNeedsToImplementOnlyWhatItUsesAndAnEventFactoryHasNoDecideForm() {
        EventStrategy quiet = new EventStrategy() {
        };
        quiet.onStart(null, Restored.nothing());
        quiet.onQuote(null);
        quiet.onTrade(null);
        quiet.onBar(null);
        quiet.onOrderEvent(null);
        quiet.onPositionChanged(Position.flat(BTC));
        quiet.onTradingStateChanged(BTC, TradingState.HALTED);
        quiet.onTimer("t", 0);
        quiet.onStop();
        assertThat(quiet.saveState()).isNull();
        EventStrategyFactory factory = new EventStrategyFactory() {
            @Override
            public EventStrategy createEventStrategy(PluginConfig config) {
                return quiet;
            }

            @Override
            public String name() {
                return "quiet";
            }

            @Override
            public String description() {
                return "nothing";
            }
        };
        assertThat(factory.createEventStrategy(PluginConfig.empty("s"))).isSameAs(quiet);
        assertThatThrownBy(() -> factory.create(PluginConfig.empty("s")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("quiet is an event-driven strategy: use createEventStrategy");
    }

    @Test
    void tradesBarsAndTheirEventsAndCommandsCheckWhatTheyHold() {
        Trade trade = new Trade(BTC, P, ONE, null, "", 5);
        assertThat(new TradeReceived(trade).trade()).isSameAs(trade);
        assertThatThrownBy(() -> new TradeReceived(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Trade(BTC, Price.ZERO, ONE, Side.BUY, "", 0))
                .hasMessage("a trade needs a positive price and size: 1 @ 0");
        assertThatThrownBy(() -> new Trade(BTC, P, Quantity.ZERO, Side.BUY, "", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Trade(BTC, P, ONE, Side.BUY, null, 0)).isInstanceOf(NullPointerException.class);
        BarInterval minute = BarInterval.parse("1m");
        assertThat(new Bar(BTC, minute, 120_000_000_000L, P, P, P, P, ONE, 1).endNanos()).isEqualTo(180_000_000_000L);
        assertThat(minute.nanos()).isEqualTo(60_000_000_000L);
        assertThat(minute.startOf(119_999_999_999L)).isEqualTo(60_000_000_000L);
        assertThat(minute).isLessThan(BarInterval.parse("90s"));
        assertThat(new BarInterval(Duration.ofHours(2))).hasToString("2h");
        assertThatThrownBy(() -> new BarInterval(Duration.ofMillis(1500))).hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> BarInterval.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bar(BTC, minute, 0, P, P, P, P, null, 0)).isInstanceOf(NullPointerException.class);
        CancelOrder cancel = new CancelOrder(ClientOrderId.of("a-1"), BTC, "why", 3);
        assertThat(cancel.reason()).isEqualTo("why");
        assertThatThrownBy(() -> new CancelOrder(null, BTC, "why", 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CancelOrder(ClientOrderId.of("a-1"), BTC, null, 0))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aPluginReadsABarIntervalFromItsBlockWithTheKeyInEveryError() {
        PluginConfig config = new PluginConfig("strategy.config.x", java.util.Map.of("a", "5m", "b", "2d", "c", 5L));
        assertThat(config.barInterval("a", "1m")).isEqualTo(BarInterval.parse("5m"));
        assertThat(config.barInterval("absent", "1h")).isEqualTo(BarInterval.parse("1h"));
        assertThat(config.defaultsUsed()).containsEntry("strategy.config.x.absent", "1h");
        assertThatThrownBy(() -> config.barInterval("b", "1m")).hasMessageStartingWith("strategy.config.x.b: ")
                .hasMessageContaining("1s to 1d");
        assertThatThrownBy(() -> config.barInterval("c", "1m")).hasMessageStartingWith("strategy.config.x.c: ")
                .hasMessageContaining("bar interval");
    }
}
