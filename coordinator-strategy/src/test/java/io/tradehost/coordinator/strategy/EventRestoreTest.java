package io.tradehost.coordinator.strategy;

import static io.tradehost.coordinator.strategy.EventRig.BTC;
import static io.tradehost.coordinator.strategy.EventRig.ETH;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.command.RecordStrategyState;
import io.tradehost.api.event.StrategyFailed;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.journal.OrderJournal;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.strategy.event.HandleStatus;
import io.tradehost.api.strategy.event.OrderHandle;
import io.tradehost.api.strategy.event.Restored;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an event-driven strategy gets back at a restart, and how its state is saved. */
class EventRestoreTest {
    private final EventRig rig = new EventRig();

    private static Order order(String id, Symbol symbol, Side side, OrderStatus status, String filled) {
        return new Order(new OrderRequest(ClientOrderId.of(id), symbol, side, OrderType.LIMIT, Quantity.of("2"),
                Price.of("99"), TimeInForce.GTC, false, true), status, Quantity.of(filled), "v");
    }

    /** A journal holding {@code open} orders, {@code owners} and the probe's saved {@code state}. */
    private static OrderJournal journal(List<Order> open, Map<ClientOrderId, OrderOwner> owners,
                                        Map<String, byte[]> states) {
        return new OrderJournal() {
            @Override
            public JournalSnapshot snapshot() {
                return new JournalSnapshot(false, "r", 9, Money.ZERO, List.of(), open, Set.of());
            }

            @Override
            public void recordBaseline(Money cash, List<Position> positions, long timestampNanos) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<ClientOrderId, OrderOwner> owners() {
                return owners;
            }

            @Override
            public Map<String, byte[]> strategyStates() {
                return states;
            }
        };
    }

    @Test
    void theStrategyGetsBackItsOwnOpenOrdersAsLiveHandlesAndTheBytesItSavedLast() {
        List<Order> open = List.of(order("r-1", BTC, Side.BUY, OrderStatus.ACCEPTED, "0"),
                order("r-2", ETH, Side.SELL, OrderStatus.PARTIALLY_FILLED, "0.5"),
                order("r-3", BTC, Side.BUY, OrderStatus.SUBMITTED, "0"),
                order("r-4", BTC, Side.SELL, OrderStatus.ACCEPTED, "0"),
                order("r-5", BTC, Side.SELL, OrderStatus.ACCEPTED, "0"),
                order("r-6", Symbol.of("SOL-USD"), Side.SELL, OrderStatus.ACCEPTED, "0"),
                order("r-7", BTC, Side.SELL, OrderStatus.SUBMITTED, "0"));
        rig.journal = journal(open, Map.of(
                ClientOrderId.of("r-1"), new OrderOwner("probe", "bid", true),
                ClientOrderId.of("r-2"), new OrderOwner("probe", "x".repeat(100), true),
                ClientOrderId.of("r-3"), new OrderOwner("probe", "", true),
                ClientOrderId.of("r-4"), new OrderOwner("other", "ask", true),
                ClientOrderId.of("r-5"), new OrderOwner("probe", "simple", false),
                ClientOrderId.of("r-6"), new OrderOwner("probe", "not my symbol", true),
                ClientOrderId.of("r-7"), new OrderOwner("probe", "held stop", true).asHeldByHost()),
                Map.of("probe", new byte[] {4, 2}, "other", new byte[] {1}));
        rig.onStart = h -> h.subscribeQuotes(BTC);
        rig.started();
        List<OrderHandle> handles = rig.host.openOrders(BTC);
        assertThat(rig.heard.getFirst()).isEqualTo(
                "start [BTC-PERP, ETH-PERP] Restored[4 open order(s), 0 list(s), 2 byte(s) of state]");
        assertThat(handles).extracting(OrderHandle::clientOrderId, OrderHandle::status, OrderHandle::tag)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ClientOrderId.of("r-1"), HandleStatus.WORKING,
                        "bid"), org.assertj.core.groups.Tuple.tuple(ClientOrderId.of("r-3"), HandleStatus.PENDING, ""),
                org.assertj.core.groups.Tuple.tuple(ClientOrderId.of("r-7"), HandleStatus.WORKING, "held stop"));
        OrderHandle eth = rig.host.openOrders(ETH).getFirst();
        assertThat(eth.filled()).isEqualTo(Quantity.of("0.5"));
        assertThat(eth.status()).isEqualTo(HandleStatus.PARTIALLY_FILLED);
        assertThat(eth.tag()).hasSize(64);
        assertThat(eth.price()).isEqualTo(Price.of("99"));
        rig.cancelled(1, "not this one"); // o-1 is not a restored id: nothing happens
        rig.publish(new io.tradehost.api.event.OrderCancelled(ClientOrderId.of("r-1"), BTC, "operator cancel-all", 0));
        assertThat(rig.heard).endsWith("Cancelled #1 CANCELLED 0/2 operator cancel-all");
        rig.onEvent = (h, e) -> h.cancel(handles.get(1));
        rig.quote(BTC, "1", "2");
        assertThat(rig.cancels).extracting(c -> c.clientOrderId()).containsExactly(ClientOrderId.of("r-3"));
    }

    @Test
    void theStateIsSavedEverySecondWhenItChangedAtTheStopAndNeverWhenTooLarge() {
        rig.journal = journal(List.of(), Map.of(), Map.of());
        byte[][] state = {null};
        rig.state = () -> state[0];
        rig.started();
        rig.advance(Duration.ofSeconds(1));
        assertThat(rig.saves).as("null: nothing to keep").isEmpty();
        state[0] = new byte[] {1};
        rig.advance(Duration.ofSeconds(3));
        state[0] = new byte[] {2};
        rig.advance(Duration.ofSeconds(1));
        state[0] = new byte[Restored.MAX_STATE_BYTES + 1];
        rig.advance(Duration.ofSeconds(1));
        state[0] = new byte[] {3};
        rig.coordinator.stop();
        rig.kernel.runUntilIdle();
        long t0 = rig.start();
        assertThat(rig.saves).containsExactly(new RecordStrategyState("probe", new byte[] {1}, t0 + 2_000_000_000L),
                new RecordStrategyState("probe", new byte[] {2}, t0 + 5_000_000_000L),
                new RecordStrategyState("probe", new byte[] {3}, t0 + 6_000_000_000L));
        assertThat(rig.events.of(StrategyFailed.class)).as("one per symbol of the instance").hasSize(2)
                .allSatisfy(f -> assertThat(f.error()).isEqualTo("saveState returned 65537 bytes, more than 65536; "
                        + "not saved"));
    }

    /** Settings like the rig's, keeping orders at a stop (as a reload with {@code cancel_on_stop = false}). */
    private static StrategySettings keeping() {
        return new StrategySettings("probe", Map.of(), n -> io.tradehost.api.config.PluginConfig.empty(
                "strategy.config.probe"), CycleMode.ON_MARK, Duration.ofSeconds(5), 5, Duration.ofMillis(5), 5,
                io.tradehost.api.value.Ratio.of("100"), false);
    }

    @Test
    void anOrderStillOnItsWayToTheJournalAtAReloadPassesToTheNewInstance() {
        rig.onEvent = (h, e) -> {
            if (e instanceof io.tradehost.api.market.Quote && rig.intents.isEmpty()) {
                h.submit(io.tradehost.api.strategy.event.OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"),
                        Price.of("90")));
            }
        };
        rig.started(keeping());
        rig.quote(BTC, "99", "101");
        rig.coordinator.reconfigure(keeping(), Set.of("probe"));
        rig.kernel.runUntilIdle();
        rig.record(1);
        rig.accept(1);
        assertThat(rig.cancels).isEmpty();
        assertThat(rig.host.openOrders(BTC)).singleElement().satisfies(h -> {
            assertThat(h.clientOrderId()).isEqualTo(EventRig.id(1));
            assertThat(h.status()).isEqualTo(HandleStatus.WORKING);
        });
        assertThat(rig.heard).endsWith("stop", "start [BTC-PERP, ETH-PERP] Restored[0 open order(s), 0 list(s), 0 byte(s) of "
                + "state]", "Accepted #2 WORKING 0/1");
    }

    @Test
    void anOrderTheNewInstanceRestoredBeforeItsRecordingReachedTheOldOneStaysTheNewOnes() {
        Order recorded = order("o-1", BTC, Side.BUY, OrderStatus.SUBMITTED, "0");
        List<Order> open = new java.util.ArrayList<>();
        Map<ClientOrderId, OrderOwner> owners = new java.util.HashMap<>();
        rig.journal = journal(open, owners, Map.of());
        rig.onEvent = (h, e) -> {
            if (e instanceof io.tradehost.api.market.Quote && rig.intents.isEmpty()) {
                h.submit(io.tradehost.api.strategy.event.OrderSpec.limit(BTC, Side.BUY, Quantity.of("2"),
                        Price.of("99")));
            }
        };
        rig.started(keeping());
        rig.quote(BTC, "99", "101");
        open.add(recorded); // the journal wrote it; the news is still queued
        owners.put(recorded.clientOrderId(), new OrderOwner("probe", "", true));
        rig.coordinator.reconfigure(keeping(), Set.of("probe"));
        rig.kernel.runUntilIdle();
        rig.record(1);
        rig.accept(1);
        assertThat(rig.host.openOrders(BTC)).singleElement().satisfies(h -> {
            assertThat(h.clientOrderId()).isEqualTo(EventRig.id(1));
            assertThat(h.status()).isEqualTo(HandleStatus.WORKING);
        });
        assertThat(rig.heard).endsWith("start [BTC-PERP, ETH-PERP] Restored[1 open order(s), 0 list(s), 0 byte(s) of state]",
                "Accepted #2 WORKING 0/2");
    }

    @Test
    void theStrategyStartsAfterStartUpReconciliationsRepairsReachedTheJournal() {
        List<Order> open = new java.util.ArrayList<>(List.of(order("r-1", BTC, Side.BUY, OrderStatus.ACCEPTED, "0"),
                order("r-2", BTC, Side.SELL, OrderStatus.ACCEPTED, "0")));
        rig.journal = journal(open, Map.of(ClientOrderId.of("r-1"), new OrderOwner("probe", "bid", true),
                ClientOrderId.of("r-2"), new OrderOwner("probe", "ask", true)), Map.of());
        // as the journal books a repair the runtime's start-up reconciliation published before the strategy started
        rig.kernel.subscribe(io.tradehost.api.event.OrderCancelled.class, "journal.cancelled",
                io.tradehost.kernel.Kernel.FailurePolicy.LOG_AND_COUNT,
                c -> open.removeIf(o -> o.clientOrderId().equals(c.clientOrderId())));
        rig.kernel.publish(new io.tradehost.api.event.OrderCancelled(ClientOrderId.of("r-1"), BTC,
                "reconciled: the venue holds no such order", 0));
        rig.started();
        assertThat(rig.heard).containsExactly("start [BTC-PERP, ETH-PERP] Restored[1 open order(s), 0 list(s), 0 byte(s) of "
                + "state]");
        assertThat(rig.host.openOrders(BTC)).extracting(OrderHandle::clientOrderId)
                .containsExactly(ClientOrderId.of("r-2"));
    }

    @Test
    void aRestoredOrdersGoodTillTimeFromTheJournalStillHolds() {
        long t0 = rig.clock.nanos();
        rig.journal = journal(List.of(order("r-1", BTC, Side.BUY, OrderStatus.ACCEPTED, "0")), Map.of(
                ClientOrderId.of("r-1"), new OrderOwner("probe", "bid", true, t0 + Duration.ofSeconds(30).toNanos())),
                Map.of());
        rig.started();
        assertThat(rig.host.openOrders(BTC)).singleElement().satisfies(h -> assertThat(h.spec().expireAtNanos())
                .isEqualTo(t0 + Duration.ofSeconds(30).toNanos()));
        rig.advance(Duration.ofSeconds(29));
        assertThat(rig.cancels).isEmpty();
        rig.advance(Duration.ofSeconds(1));
        assertThat(rig.cancels).singleElement().satisfies(c -> {
            assertThat(c.clientOrderId()).isEqualTo(ClientOrderId.of("r-1"));
            assertThat(c.reason()).isEqualTo("good-till time reached");
        });
        rig.publish(new io.tradehost.api.event.OrderCancelled(ClientOrderId.of("r-1"), BTC, "cancelled", 0));
        assertThat(rig.heard).endsWith("Expired #1 EXPIRED 0/2");
    }

    @Test
    void anOrderKeptAcrossAReloadExpiresOnceUnderTheNewInstance() {
        long t0 = rig.clock.nanos();
        rig.journal = journal(List.of(order("r-1", BTC, Side.BUY, OrderStatus.ACCEPTED, "0")), Map.of(
                ClientOrderId.of("r-1"), new OrderOwner("probe", "bid", true, t0 + Duration.ofSeconds(30).toNanos())),
                Map.of());
        rig.started(keeping());
        rig.coordinator.reconfigure(keeping(), Set.of("probe"));
        rig.kernel.runUntilIdle();
        rig.advance(Duration.ofSeconds(30));
        assertThat(rig.cancels).singleElement().satisfies(c -> assertThat(c.reason())
                .isEqualTo("good-till time reached"));
        rig.publish(new io.tradehost.api.event.OrderCancelled(ClientOrderId.of("r-1"), BTC, "cancelled", 0));
        assertThat(rig.heard).endsWith("Expired #2 EXPIRED 0/2");
    }
}
