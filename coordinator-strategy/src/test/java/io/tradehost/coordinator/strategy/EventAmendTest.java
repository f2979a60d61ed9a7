package io.tradehost.coordinator.strategy;

import static io.tradehost.coordinator.strategy.EventRig.BTC;
import static io.tradehost.coordinator.strategy.EventRig.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradehost.api.command.AmendOrder;
import io.tradehost.api.event.OrderAmendRejected;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.strategy.event.HandleStatus;
import io.tradehost.api.strategy.event.OrderHandle;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.strategy.event.StrategyHost;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.TimeInForce;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Modifications by the venue's amend, through the real coordinator: a resting limit order at a venue
 * that amends keeps its client order id, and the strategy hears every outcome, compared whole.
 */
class EventAmendTest {
    private final EventRig rig = new EventRig();
    private final List<OrderHandle> handles = new ArrayList<>();

    /** A bid of 2 @ 99 resting at a venue that amends ({@code amends}), 0.5 of it filled. */
    private OrderHandle resting(boolean amends) {
        return resting(amends, null);
    }

    /** As {@link #resting(boolean)}, the probe started with {@code settings} (null: the rig's). */
    private OrderHandle resting(boolean amends, StrategySettings settings) {
        rig.venue.supportsAmend(amends);
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && handles.isEmpty()) {
                handles.add(h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("2"), Price.of("99")).asPostOnly()));
            }
        };
        if (settings == null) {
            rig.started();
        } else {
            rig.started(settings);
        }
        rig.quote(BTC, "99.99", "100.01");
        rig.record(1);
        rig.accept(1);
        rig.fill(1, BTC, Side.BUY, "0.5", "99", "0.5");
        rig.onEvent = (h, e) -> { };
        return handles.getFirst();
    }

    /** On the next quote the strategy runs {@code modifies}. */
    private void onNextQuote(Consumer<StrategyHost> modifies) {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote) {
                rig.onEvent = (h2, e2) -> { };
                modifies.accept(h);
            }
        };
        rig.quote(BTC, "99.99", "100.01");
    }

    private AmendOrder amend(String price, String total) {
        return new AmendOrder(id(1), BTC, Price.of(price), Quantity.of(total), "modify", rig.clock.nanos());
    }

    private void amended(String price, String total) {
        rig.publish(new OrderAmended(id(1), BTC, Price.of(price), Quantity.of(total), rig.clock.nanos()));
    }

    @Test
    void aRestingLimitOrderIsAmendedInPlaceAndHeardModifiedOnceTheVenueConfirms() {
        OrderHandle handle = resting(true);
        onNextQuote(h -> h.modify(handle, Price.of("99.5"), Quantity.of("3")));
        assertThat(rig.amends).containsExactly(amend("99.5", "3"));
        assertThat(rig.cancels).isEmpty();
        assertThat(rig.intents).hasSize(1);
        assertThat(handle.price()).as("not changed before the venue says so").isEqualTo(Price.of("99"));
        amended("99.5", "3");
        assertThat(handle.clientOrderId()).isEqualTo(id(1));
        assertThat(handle.price()).isEqualTo(Price.of("99.5"));
        rig.fill(1, BTC, Side.BUY, "2.5", "99.5", "3");
        assertThat(rig.heard.subList(2, rig.heard.size())).containsExactly("Accepted #1 WORKING 0/2",
                "Filled #1 PARTIALLY_FILLED 0.5/2 0.5@99", "position BTC-PERP 0.5", "quote BTC-PERP 99.99/100.01",
                "Modified #1 PARTIALLY_FILLED 0.5/3", "Filled #1 FILLED 3/3 2.5@99.5 complete", "position BTC-PERP 3");
        assertThat(rig.health()).containsEntry("modifiesAsked", "1");
    }

    @Test
    void aRefusedAmendLeavesTheOrderAsItWasAndIsHeardAsAModifyRejected() {
        OrderHandle handle = resting(true);
        onNextQuote(h -> h.modify(handle, null, Quantity.of("5")));
        assertThat(rig.amends).containsExactly(amend("99", "5"));
        rig.publish(new OrderAmendRejected(id(1), BTC, RejectionCode.of("REDUCE_ONLY"), "halted", 0));
        assertThat(rig.heard).endsWith("ModifyRejected #1 PARTIALLY_FILLED 0.5/2 REDUCE_ONLY");
        assertThat(handle.quantity()).isEqualTo(Quantity.of("2"));
        assertThat(handle.isOpen()).isTrue();
        rig.publish(new OrderAmendRejected(id(1), BTC, RejectionCode.of("REDUCE_ONLY"), "again", 0));
        assertThat(rig.heard).as("an answer to no amend on its way is not told")
                .filteredOn(s -> s.startsWith("ModifyRejected")).hasSize(1);
        onNextQuote(h -> h.modify(handle, Price.of("98"), null));
        assertThat(rig.amends).as("the next modification goes").containsExactly(amend("99", "5"), amend("98", "2"));
    }

    @Test
    void modificationsAskedWhileAnAmendIsOnItsWayWaitAndOnlyTheLatestIsSent() {
        OrderHandle handle = resting(true);
        onNextQuote(h -> {
            h.modify(handle, Price.of("99.1"), null);
            h.modify(handle, Price.of("99.2"), null);
            h.modify(handle, Price.of("99.3"), Quantity.of("4"));
        });
        assertThat(rig.amends).containsExactly(amend("99.1", "2"));
        amended("99.1", "2");
        assertThat(rig.amends).containsExactly(amend("99.1", "2"), amend("99.3", "4"));
        amended("99.3", "4");
        assertThat(rig.amends).hasSize(2);
        assertThat(rig.heard).endsWith("Modified #1 PARTIALLY_FILLED 0.5/2", "Modified #1 PARTIALLY_FILLED 0.5/4");
        assertThat(handle.price()).isEqualTo(Price.of("99.3"));
    }

    @Test
    void aModifyToNoMoreThanFilledCancelsTheOrderRatherThanAmendingIt() {
        OrderHandle handle = resting(true);
        onNextQuote(h -> h.modify(handle, null, Quantity.of("0.5")));
        assertThat(rig.amends).isEmpty();
        assertThat(rig.cancels).extracting(c -> c.clientOrderId()).containsExactly(id(1));
        rig.cancelled(1, "modified to 0.5, no more than the 0.5 filled");
        assertThat(handle.status()).isEqualTo(HandleStatus.CANCELLED);
    }

    @Test
    void aVenueThatDoesNotAmendGetsACancelReplace() {
        OrderHandle handle = resting(false);
        onNextQuote(h -> h.modify(handle, Price.of("99.5"), null));
        assertThat(rig.amends).isEmpty();
        assertThat(rig.cancels).extracting(c -> c.clientOrderId()).containsExactly(id(1));
    }

    @Test
    void anOrderNotYetAcceptedIsModifiedByCancelReplaceEvenWhereTheVenueAmends() {
        rig.venue.supportsAmend(true);
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && handles.isEmpty()) {
                OrderHandle handle = h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"), Price.of("99")));
                handles.add(handle);
                h.modify(handle, Price.of("98"), null);
            }
        };
        rig.started();
        rig.quote(BTC, "99.99", "100.01");
        rig.record(1);
        assertThat(rig.amends).isEmpty();
        assertThat(rig.cancels).extracting(c -> c.clientOrderId()).containsExactly(id(1));
    }

    @Test
    void anAmendWhoseAnswerWasLostIsFoundByReconciliationAndHeardAsAModification() {
        OrderHandle handle = resting(true);
        onNextQuote(h -> h.modify(handle, Price.of("98.5"), null));
        OrderRequest theirs = new OrderRequest(id(1), BTC, Side.BUY, OrderType.LIMIT,
                Quantity.of("2"), Price.of("98.5"), TimeInForce.GTC, false, true);
        rig.publish(new OrderReconciled(new Order(theirs, OrderStatus.PARTIALLY_FILLED, Quantity.of("0.5"), "v1"),
                false, "amended at the venue", 0));
        assertThat(rig.heard).endsWith("Modified #1 PARTIALLY_FILLED 0.5/2");
        assertThat(handle.price()).isEqualTo(Price.of("98.5"));
        onNextQuote(h -> h.modify(handle, Price.of("98"), null));
        assertThat(rig.amends).as("no amend is on its way any more").containsExactly(amend("98.5", "2"),
                amend("98", "2"));
        rig.publish(new OrderReconciled(new Order(theirs, OrderStatus.PARTIALLY_FILLED, Quantity.of("0.5"), "v1"),
                false, "same again", 0));
        assertThat(rig.heard).filteredOn(s -> s.startsWith("Modified")).hasSize(1);
    }

    @Test
    void anAmendTheVenueNeverAnswersIsToldAfterTenSecondsAndTheWaitingModificationGoes() {
        OrderHandle handle = resting(true);
        onNextQuote(h -> {
            h.modify(handle, Price.of("98.9"), null);
            h.modify(handle, Price.of("98.8"), null);
        });
        long sentAt = rig.clock.nanos();
        rig.advance(Modifications.ANSWER_WAIT.minusMillis(1));
        assertThat(rig.amends).hasSize(1);
        rig.advance(Duration.ofMillis(1));
        assertThat(rig.heard).endsWith("ModifyRejected #1 PARTIALLY_FILLED 0.5/2 AMEND_UNANSWERED");
        assertThat(rig.amends).extracting(AmendOrder::limitPrice, AmendOrder::timestampNanos).containsExactly(
                tuple(Price.of("98.9"), sentAt), tuple(Price.of("98.8"), rig.clock.nanos()));
        amended("98.9", "2"); // the first answer comes late after all: the venue's word is taken
        assertThat(handle.price()).isEqualTo(Price.of("98.9"));
        amended("98.8", "2");
        rig.advance(Modifications.ANSWER_WAIT);
        assertThat(rig.heard).as("an answered amend's wait ends quietly").filteredOn(l -> l.contains("UNANSWERED"))
                .hasSize(1);
        assertThat(handle.price()).isEqualTo(Price.of("98.8"));
    }

    @Test
    void aModificationWaitingBehindAnAmendIsNotSentOnceTheStrategyStopped() {
        // the orders stay at the stop (as a reload with cancel_on_stop = false): only the check stops it
        OrderHandle handle = resting(true, new StrategySettings("probe", java.util.Map.of(),
                n -> io.tradehost.api.config.PluginConfig.empty("strategy.config.probe"), CycleMode.ON_MARK,
                Duration.ofSeconds(5), 5, Duration.ofMillis(5), 5, io.tradehost.api.value.Ratio.of("100"), false));
        onNextQuote(h -> {
            h.modify(handle, Price.of("98.9"), null);
            h.modify(handle, Price.of("98.8"), null);
        });
        rig.coordinator.stop();
        rig.kernel.runUntilIdle();
        amended("98.9", "2");
        assertThat(rig.cancels).isEmpty();
        assertThat(rig.amends).as("stopped: the waiting modification is dropped").containsExactly(amend("98.9", "2"));
    }

    @Test
    void aReplacementsTotalCountsTheFillsOfTheOrderItReplacedWhenAmendedAndWhenReconciled() {
        OrderHandle handle = resting(false); // 0.5 of 2 filled
        onNextQuote(h -> h.modify(handle, Price.of("99.5"), Quantity.of("3")));
        rig.cancelled(1, "cancelled by host");
        rig.record(2);
        rig.accept(2);
        assertThat(handle.quantity()).isEqualTo(Quantity.of("3"));
        OrderRequest replacement = new OrderRequest(id(2), BTC, Side.BUY, OrderType.LIMIT, Quantity.of("2.5"),
                Price.of("99.5"), TimeInForce.GTC, false, true);
        rig.publish(new OrderReconciled(new Order(replacement, OrderStatus.ACCEPTED, Quantity.ZERO, "v2"), false,
                "after a reconnect", 0));
        assertThat(handle.quantity()).as("the venue's 2.5 and the 0.5 filled before").isEqualTo(Quantity.of("3"));
        assertThat(rig.heard).noneMatch(l -> l.startsWith("Modified #1 PARTIALLY_FILLED 0.5/2.5"));

        rig.venue.supportsAmend(true);
        onNextQuote(h -> h.modify(handle, Price.of("99.6"), Quantity.of("4")));
        assertThat(rig.amends).as("the venue's order is for the 3.5 beyond what its predecessor filled")
                .containsExactly(new AmendOrder(id(2), BTC, Price.of("99.6"), Quantity.of("3.5"), "modify",
                        rig.clock.nanos()));
        rig.publish(new OrderAmended(id(2), BTC, Price.of("99.6"), Quantity.of("3.5"), rig.clock.nanos()));
        assertThat(handle.quantity()).isEqualTo(Quantity.of("4"));
        rig.fill(2, BTC, Side.BUY, "3.5", "99.6", "4");
        assertThat(rig.heard).endsWith("Filled #1 FILLED 4/4 3.5@99.6 complete", "position BTC-PERP 4");
    }

    @Test
    void aFillHeardBeforeTheAmendItFollowedEndsTheOrderOnceTheSmallerTotalComes() {
        OrderHandle handle = resting(true); // 0.5 of 2 filled
        onNextQuote(h -> h.modify(handle, null, Quantity.of("1")));
        rig.fill(1, BTC, Side.BUY, "0.5", "99", "1");
        assertThat(handle.isOpen()).isTrue();
        amended("99", "1");
        assertThat(handle.status()).isEqualTo(HandleStatus.FILLED);
        assertThat(rig.host.openOrders(BTC)).isEmpty();
        assertThat(rig.heard).endsWith("Modified #1 FILLED 1/1");
    }
}
