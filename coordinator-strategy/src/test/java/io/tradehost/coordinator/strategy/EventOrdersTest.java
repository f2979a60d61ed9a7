package io.tradehost.coordinator.strategy;

import static io.tradehost.coordinator.strategy.EventRig.BTC;
import static io.tradehost.coordinator.strategy.EventRig.ETH;
import static io.tradehost.coordinator.strategy.EventRig.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.event.IntentNotRecorded;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.OrderCancelRejected;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.strategy.event.HandleStatus;
import io.tradehost.api.strategy.event.OrderHandle;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.TimeInForce;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Orders by handle through the real coordinator: every event the strategy hears, compared whole. */
class EventOrdersTest {
    private final EventRig rig = new EventRig();
    private final List<OrderHandle> handles = new ArrayList<>();

    /** On the first quote of BTC the probe submits {@code spec}. */
    private EventRig submitting(OrderSpec spec) {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote q && q.symbol().equals(BTC) && handles.isEmpty()) {
                handles.add(h.submit(spec));
            }
        };
        rig.started();
        rig.quote(BTC, "99.99", "100.01");
        return rig;
    }

    private static OrderSpec bid(String quantity, String price) {
        return OrderSpec.limit(BTC, Side.BUY, Quantity.of(quantity), Price.of(price)).asPostOnly().withTag("bid");
    }

    @Test
    void aSubmittedOrderIsAManagedIntentAndTheStrategyHearsItAcceptedAndFilledInParts() {
        submitting(bid("2", "99.5").withTimeInForce(TimeInForce.IOC));
        assertThat(rig.intents).singleElement().satisfies(i -> assertThat(i).isEqualTo(new OrderIntent(i.sequence(),
                BTC, Side.BUY, false, Quantity.of("2"), null, OrderType.LIMIT, Price.of("99.5"), TimeInForce.IOC, false,
                true, "probe", "bid", Price.of("100"), rig.clock.nanos(), null, true)));
        OrderHandle handle = handles.getFirst();
        assertThat(handle.status()).isEqualTo(HandleStatus.PENDING);
        assertThat(handle.clientOrderId()).isNull();
        rig.record(1);
        assertThat(handle.clientOrderId()).isEqualTo(id(1));
        rig.accept(1);
        rig.fill(1, BTC, Side.BUY, "0.5", "99.5", "0.5");
        assertThat(rig.host.openOrders(BTC)).containsExactly(handle);
        rig.fill(1, BTC, Side.BUY, "1.5", "99.5", "2");
        assertThat(rig.heard).containsExactly(
                "start [BTC-PERP, ETH-PERP] Restored[0 open order(s), 0 list(s), 0 byte(s) of state]",
                "quote BTC-PERP 99.99/100.01",
                "Accepted #1 WORKING 0/2",
                "Filled #1 PARTIALLY_FILLED 0.5/2 0.5@99.5",
                "position BTC-PERP 0.5",
                "Filled #1 FILLED 2/2 1.5@99.5 complete",
                "position BTC-PERP 2");
        assertThat(handle.isOpen()).isFalse();
        assertThat(handle.remaining()).isEqualTo(Quantity.ZERO);
        assertThat(rig.host.openOrders(BTC)).isEmpty();
        assertThat(rig.health()).containsEntry("ordersSubmitted", "1");
    }

    @Test
    void anIntentTheGuardsRefuseIsRejectedWithItsCodeAndOneTheVenueRefusesToo() {
        submitting(bid("1", "99"));
        rig.publish(new IntentRejected(rig.intents.getFirst(), "kill-switch", RejectionCode.of("KILL_SWITCH"),
                "halted"));
        assertThat(handles.getFirst().status()).isEqualTo(HandleStatus.REJECTED);
        assertThat(handles.getFirst().rejection()).isEqualTo(RejectionCode.of("KILL_SWITCH"));
        handles.clear();
        rig.quote(BTC, "99.99", "100.01");
        rig.record(2);
        rig.publish(new OrderRejected(id(2), BTC, RejectionCode.of("POST_ONLY_WOULD_TAKE"), "would take", 0));
        assertThat(rig.heard.subList(2, rig.heard.size())).containsExactly("Rejected #1 REJECTED 0/1 KILL_SWITCH",
                "quote BTC-PERP 99.99/100.01", "Rejected #2 REJECTED 0/1 POST_ONLY_WOULD_TAKE");
    }

    @Test
    void aCancelGoesOutOnceTheOrderHasAnIdAndTheStrategyHearsItCancelled() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && handles.isEmpty()) {
                OrderHandle handle = h.submit(bid("1", "99"));
                handles.add(handle);
                h.cancel(handle); // before the host even checked it
                h.cancel(handle); // twice: one cancel
            }
        };
        rig.started();
        rig.quote(BTC, "99.99", "100.01");
        assertThat(rig.cancels).isEmpty();
        assertThat(handles.getFirst().isCancelPending()).isTrue();
        rig.record(1);
        assertThat(rig.cancels).extracting(c -> c.clientOrderId()).containsExactly(id(1));
        rig.cancelled(1, "cancelled before it was sent");
        assertThat(rig.heard).endsWith("Cancelled #1 CANCELLED 0/1 cancelled before it was sent");
        assertThat(handles.getFirst().isCancelPending()).isFalse();
        assertThat(rig.health()).containsEntry("cancelsAsked", "1");
    }

    @Test
    void cancelAllCancelsTheOpenOrdersOfOneSymbolOnly() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote q && q.symbol().equals(ETH)) {
                handles.add(h.submit(bid("1", "99")));
                handles.add(h.submit(OrderSpec.limit(ETH, Side.SELL, Quantity.of("1"), Price.of("101"))));
                handles.add(h.submit(bid("1", "98")));
            }
        };
        rig.started();
        rig.quote(ETH, "99.99", "100.01");
        rig.record(1);
        rig.record(2);
        rig.record(3);
        rig.onEvent = (h, e) -> h.cancelAll(BTC);
        rig.quote(BTC, "99.99", "100.01");
        assertThat(rig.cancels).extracting(c -> c.clientOrderId()).containsExactly(id(1), id(3));
        assertThat(rig.host.openOrders(ETH)).containsExactly(handles.get(1));
    }

    @Test
    void aModifyCancelsAndReplacesTheRestUnderTheSameHandleWhichReportsModified() {
        submitting(bid("2", "99"));
        rig.record(1);
        rig.accept(1);
        rig.fill(1, BTC, Side.BUY, "0.5", "99", "0.5");
        OrderHandle handle = handles.getFirst();
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote) {
                h.modify(handle, Price.of("99.5"), Quantity.of("3"));
            }
        };
        rig.quote(BTC, "99.99", "100.01");
        assertThat(rig.cancels).extracting(c -> c.clientOrderId()).containsExactly(id(1));
        rig.onEvent = (h, e) -> { };
        rig.cancelled(1, "cancelled by host");
        assertThat(handle.status()).isEqualTo(HandleStatus.PENDING);
        OrderIntent replacement = rig.intents.get(1);
        assertThat(replacement.quantity()).as("the new total less what filled").isEqualTo(Quantity.of("2.5"));
        assertThat(replacement.limitPrice()).isEqualTo(Price.of("99.5"));
        OrderRequest sent = rig.record(2);
        rig.accept(2);
        assertThat(handle.clientOrderId()).isEqualTo(sent.clientOrderId());
        assertThat(handle.price()).isEqualTo(Price.of("99.5"));
        assertThat(handle.quantity()).isEqualTo(Quantity.of("3"));
        assertThat(handle.status()).isEqualTo(HandleStatus.PARTIALLY_FILLED);
        rig.fill(2, BTC, Side.BUY, "2.5", "99.5", "3");
        assertThat(rig.heard.subList(2, rig.heard.size())).containsExactly("Accepted #1 WORKING 0/2",
                "Filled #1 PARTIALLY_FILLED 0.5/2 0.5@99", "position BTC-PERP 0.5", "quote BTC-PERP 99.99/100.01",
                "Modified #1 PARTIALLY_FILLED 0.5/3", "Filled #1 FILLED 3/3 2.5@99.5 complete", "position BTC-PERP 3");
        assertThat(rig.health()).containsEntry("modifiesAsked", "1");
    }

    @Test
    void aFillThatWinsTheRaceAgainstAModifyEndsTheOrderAndNothingIsReplaced() {
        submitting(bid("1", "99"));
        rig.record(1);
        rig.accept(1);
        rig.onEvent = (h, e) -> h.modify(handles.getFirst(), Price.of("98"), null);
        rig.quote(BTC, "99.99", "100.01");
        rig.onEvent = (h, e) -> { };
        rig.fill(1, BTC, Side.BUY, "1", "99", "1");
        rig.cancelled(1, "too late: filled"); // a venue may still answer the cancel
        assertThat(rig.intents).hasSize(1);
        assertThat(rig.heard).endsWith("Filled #1 FILLED 1/1 1@99 complete", "position BTC-PERP 1");
    }

    @Test
    void aModifyToNoMoreThanFilledEndsTheOrderCancelledAndAModifyOfATerminalOrderDoesNothing() {
        submitting(bid("2", "99"));
        rig.record(1);
        rig.accept(1);
        rig.fill(1, BTC, Side.BUY, "1", "99", "1");
        rig.onEvent = (h, e) -> h.modify(handles.getFirst(), null, Quantity.of("1"));
        rig.quote(BTC, "99.99", "100.01");
        rig.onEvent = (h, e) -> h.modify(handles.getFirst(), Price.of("1"), null);
        rig.cancelled(1, "cancelled by host");
        assertThat(rig.heard).endsWith("Cancelled #1 CANCELLED 1/2 modified to 1, no more than the 1 filled");
        rig.quote(BTC, "99.99", "100.01");
        assertThat(rig.cancels).hasSize(1);
        assertThat(rig.intents).hasSize(1);
    }

    @Test
    void aReplacementTheGuardsRefuseLeavesTheOrderRejected() {
        submitting(bid("1", "99"));
        rig.record(1);
        rig.accept(1);
        rig.onEvent = (h, e) -> h.modify(handles.getFirst(), Price.of("99.1"), null);
        rig.quote(BTC, "99.99", "100.01");
        rig.onEvent = (h, e) -> { };
        rig.cancelled(1, "cancelled by host");
        rig.publish(new IntentRejected(rig.intents.get(1), "order-rate", RejectionCode.of("RATE_LIMIT"), "too fast"));
        assertThat(rig.heard).endsWith("Rejected #1 REJECTED 0/1 RATE_LIMIT");
    }

    @Test
    void aGoodTillTimeCancelsTheOrderThenAndReportsItExpired() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && handles.isEmpty()) {
                handles.add(h.submit(bid("1", "99").expiringAt(h.nowNanos() + Duration.ofSeconds(30).toNanos())));
            }
        };
        rig.started();
        rig.quote(BTC, "99.99", "100.01");
        rig.record(1);
        rig.accept(1);
        assertThat(rig.intents.getFirst().expireAtNanos()).as("journaled with the order")
                .isEqualTo(rig.start() + Duration.ofSeconds(30).toNanos());
        rig.advance(Duration.ofSeconds(29));
        assertThat(rig.cancels).isEmpty();
        rig.advance(Duration.ofSeconds(1));
        assertThat(rig.cancels).singleElement().satisfies(c -> assertThat(c.reason()).isEqualTo("good-till time reached"));
        rig.cancelled(1, "cancelled by host");
        assertThat(rig.heard).endsWith("Expired #1 EXPIRED 0/1");
    }

    @Test
    void anExpiryCancelTheVenueRefusedIsAskedAgainASecondLater() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && handles.isEmpty()) {
                handles.add(h.submit(bid("1", "99").expiringAt(h.nowNanos() + Duration.ofSeconds(30).toNanos())));
            }
        };
        rig.started();
        rig.quote(BTC, "99.99", "100.01");
        rig.record(1);
        rig.accept(1);
        rig.advance(Duration.ofSeconds(30));
        rig.publish(new io.tradehost.api.event.OrderCancelRejected(id(1), BTC, new RejectionCode("RATE_LIMITED"),
                "slow down", 0));
        assertThat(rig.heard).endsWith("CancelRejected #1 WORKING 0/1 RATE_LIMITED");
        rig.advance(Duration.ofMillis(999));
        assertThat(rig.cancels).hasSize(1);
        rig.advance(Duration.ofMillis(1));
        assertThat(rig.cancels).extracting(c -> c.reason()).containsExactly("good-till time reached",
                "good-till time reached");
        rig.cancelled(1, "cancelled by host");
        assertThat(rig.heard).endsWith("Expired #1 EXPIRED 0/1");
    }

    @Test
    void aJournalFailureBindsTheOrderSoTheVenueRejectionThatFollowsReachesIt() {
        submitting(bid("1", "99"));
        OrderIntent intent = rig.intents.getFirst();
        OrderRequest request = new OrderRequest(id(1), BTC, Side.BUY, OrderType.LIMIT, Quantity.of("1"),
                Price.of("99"), TimeInForce.GTC, false, true);
        rig.publish(new IntentNotRecorded(request, intent.sequence(), "disk full", 0));
        rig.publish(new OrderRejected(id(1), BTC, RejectionCode.JOURNAL_FAILURE, "not sent", 0));
        assertThat(rig.heard).endsWith("Rejected #1 REJECTED 0/1 JOURNAL_FAILURE");
    }

    @Test
    void reconciliationClosesWhatTheVenueClosedAndOpensWhatItHolds() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && handles.isEmpty()) {
                for (int i = 0; i < 4; i++) {
                    handles.add(h.submit(bid("1", "9" + i)));
                }
            }
        };
        rig.started();
        rig.quote(BTC, "99.99", "100.01");
        List<OrderRequest> requests = List.of(rig.record(1), rig.record(2), rig.record(3), rig.record(4));
        rig.publish(reconciled(requests.get(0), OrderStatus.ACCEPTED));
        rig.publish(reconciled(requests.get(1), OrderStatus.CANCELLED));
        rig.publish(reconciled(requests.get(2), OrderStatus.REJECTED));
        rig.publish(reconciled(requests.get(3), OrderStatus.FILLED));
        assertThat(rig.heard.subList(2, rig.heard.size())).containsExactly("Accepted #1 WORKING 0/1",
                "Cancelled #2 CANCELLED 0/1 reconciled: venue says so", "Rejected #3 REJECTED 0/1 NOT_AT_VENUE");
        assertThat(handles).extracting(OrderHandle::status).containsExactly(HandleStatus.WORKING,
                HandleStatus.CANCELLED, HandleStatus.REJECTED, HandleStatus.FILLED);
    }

    private static OrderReconciled reconciled(OrderRequest request, OrderStatus status) {
        return new OrderReconciled(new Order(request, status, Quantity.ZERO, "v"), false, "venue says so", 0);
    }

    @Test
    void aStopTheVenueLacksIsHeldByTheHostAndWorksOnceRecordedOneItTakesWaitsForItsAcceptance() {
        for (boolean native_ : List.of(false, true)) {
            EventRig r = new EventRig();
            r.venue.nativeStops(native_);
            List<OrderHandle> stops = new ArrayList<>();
            r.onEvent = (h, e) -> {
                if (e instanceof Quote && stops.isEmpty()) {
                    stops.add(h.submit(OrderSpec.stop(BTC, Side.SELL, Quantity.of("1"), Price.of("90"))));
                }
            };
            r.started();
            r.quote(BTC, "99.99", "100.01");
            r.record(1);
            assertThat(stops.getFirst().status()).isEqualTo(native_ ? HandleStatus.PENDING : HandleStatus.WORKING);
            assertThat(r.heard.getLast()).isEqualTo(native_ ? "quote BTC-PERP 99.99/100.01" : "Accepted #1 WORKING 0/1");
        }
    }

    @Test
    void aTerminalOrderLeavesTheOpenOrdersAndAReplacementIsUnboundUntilRecorded() {
        submitting(bid("1", "99"));
        rig.record(1);
        rig.accept(1);
        OrderHandle handle = handles.getFirst();
        rig.onEvent = (h, e) -> h.modify(handle, Price.of("98"), null);
        rig.quote(BTC, "99.99", "100.01");
        rig.onEvent = (h, e) -> { };
        assertThat(handle.isCancelPending()).isTrue();
        rig.cancelled(1, "cancelled by host");
        assertThat(handle.clientOrderId()).isNull();
        assertThat(handle.isCancelPending()).isFalse();
        assertThat(rig.host.openOrders(BTC)).containsExactly(handle);
        rig.record(2);
        rig.publish(new OrderRejected(id(2), BTC, RejectionCode.of("INSUFFICIENT_FUNDS"), "no", 0));
        assertThat(rig.host.openOrders(BTC)).isEmpty();
        assertThat(handle.status()).isEqualTo(HandleStatus.REJECTED);
        rig.publish(new OrderRejected(id(2), BTC, RejectionCode.of("INSUFFICIENT_FUNDS"), "again", 0));
        assertThat(rig.heard.stream().filter(l -> l.startsWith("Rejected"))).hasSize(1);
    }

    @Test
    void aCancelTheVenueRefusesLeavesTheOrderWorkingAndTheStrategyMayAskAgain() {
        submitting(bid("1", "99"));
        rig.record(1);
        rig.accept(1);
        OrderHandle handle = handles.getFirst();
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote) {
                h.modify(handle, Price.of("98"), null);
            }
        };
        rig.quote(BTC, "99.99", "100.01");
        rig.publish(new OrderCancelRejected(id(1), BTC, RejectionCode.of("RATE_LIMITED"), "too many requests", 0));
        assertThat(rig.heard).endsWith("CancelRejected #1 WORKING 0/1 RATE_LIMITED");
        assertThat(handle.isCancelPending()).isFalse();
        rig.publish(new OrderCancelRejected(id(1), BTC, RejectionCode.of("RATE_LIMITED"), "again", 0));
        assertThat(rig.heard.stream().filter(l -> l.startsWith("CancelRejected"))).as("only a pending cancel")
                .hasSize(1);
        rig.quote(BTC, "99.99", "100.01");
        assertThat(rig.cancels).hasSize(2);
        rig.cancelled(1, "cancelled by host");
        assertThat(rig.intents.getLast().limitPrice()).isEqualTo(Price.of("98"));
    }

    @Test
    void aFillReportedJustBeforeACancelIsCountedBeforeTheCancelAndSizesTheReplacementAndALateOneStillCounts() {
        submitting(bid("2", "99"));
        rig.record(1);
        rig.accept(1);
        OrderHandle handle = handles.getFirst();
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote) {
                h.modify(handle, Price.of("98"), null);
            }
        };
        rig.quote(BTC, "99.99", "100.01");
        io.tradehost.api.order.Fill fill = new io.tradehost.api.order.Fill("x1", id(1), BTC, Side.BUY,
                Quantity.of("0.5"), Price.of("99"), io.tradehost.api.value.Money.ZERO,
                io.tradehost.api.order.Liquidity.MAKER, 0);
        rig.kernel.publish(new io.tradehost.api.event.OrderFilled(fill));
        rig.kernel.publish(new io.tradehost.api.event.OrderCancelled(id(1), BTC, "cancelled by host", 0));
        rig.kernel.publish(new io.tradehost.api.event.OrderFilled(fill)); // reported twice: counted once
        rig.kernel.runUntilIdle();
        assertThat(rig.intents.getLast().quantity()).as("the rest of the total after the fill").isEqualTo(
                Quantity.of("1.5"));
        assertThat(handle.filled()).isEqualTo(Quantity.of("0.5"));

        EventRig other = new EventRig();
        List<OrderHandle> mine = new ArrayList<>();
        other.onEvent = (h, e) -> {
            if (e instanceof Quote && mine.isEmpty()) {
                mine.add(h.submit(bid("2", "99")));
            }
        };
        other.started();
        other.quote(BTC, "99.99", "100.01");
        other.record(1);
        other.accept(1);
        other.cancelled(1, "cancelled by host");
        other.fill(1, BTC, Side.BUY, "0.5", "99", "0.5"); // reported after the cancel
        assertThat(mine.getFirst().filled()).isEqualTo(Quantity.of("0.5"));
        assertThat(mine.getFirst().status()).isEqualTo(HandleStatus.CANCELLED);
        assertThat(other.heard).endsWith("Cancelled #1 CANCELLED 0/2 cancelled by host",
                "Filled #1 CANCELLED 0.5/2 0.5@99", "position BTC-PERP 0.5");
    }
}
