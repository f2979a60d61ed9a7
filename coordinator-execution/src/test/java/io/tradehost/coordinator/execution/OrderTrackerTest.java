package io.tradehost.coordinator.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
class OrderTrackerTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private final OrderTracker tracker = new OrderTracker();

    private static OrderRequest buy(String id) {
        return OrderRequest.market(ClientOrderId.of(id), BTC, Side.BUY, Quantity.of("2"));
    }

    @Test
    void aSubmittedOrderLocksItsSymbolUntilItEnds() {
        OrderTracker.Tracked tracked = tracker.submit(buy("r-1"));
        assertThat(tracked.request()).isEqualTo(buy("r-1"));
        assertThat(tracked.status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(tracker.get(ClientOrderId.of("r-1"))).isSameAs(tracked);
        assertThat(tracker.inFlight(BTC)).isEqualTo(ClientOrderId.of("r-1"));
        assertThat(tracker.openCount()).isEqualTo(1);
        assertThat(tracker.transition(ClientOrderId.of("r-1"), OrderStatus.ACCEPTED)).isTrue();
        assertThat(tracker.inFlight(BTC)).as("accepted is still in flight").isEqualTo(ClientOrderId.of("r-1"));
        assertThat(tracker.addFill(ClientOrderId.of("r-1"), Quantity.of("2")).filled()).isEqualTo(Quantity.of("2"));
        assertThat(tracker.transition(ClientOrderId.of("r-1"), OrderStatus.FILLED)).isTrue();
        assertThat(tracker.inFlight(BTC)).isNull();
        assertThat(tracker.openCount()).isZero();
        assertThat(tracker.illegalTransitions()).isZero();
    }

    @Test
    void onlyTheLastTerminalOrdersAreKeptAndOpenOnesNeverForgotten() {
        OrderTracker small = new OrderTracker(2);
        small.submit(buy("r-0"), false);
        for (int i = 1; i <= 4; i++) {
            small.submit(buy("r-" + i), false);
            small.transition(ClientOrderId.of("r-" + i), OrderStatus.CANCELLED);
        }
        assertThat(small.get(ClientOrderId.of("r-1"))).isNull();
        assertThat(small.get(ClientOrderId.of("r-2"))).isNull();
        assertThat(small.get(ClientOrderId.of("r-3")).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(small.get(ClientOrderId.of("r-4")).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(small.get(ClientOrderId.of("r-0")).status()).as("open: never forgotten").isEqualTo(OrderStatus.SUBMITTED);
        assertThat(small.openCount()).isEqualTo(1);
        // a late report for a forgotten order is one for an unknown order
        assertThat(small.transition(ClientOrderId.of("r-1"), OrderStatus.FILLED)).isFalse();
        assertThat(small.illegalTransitions()).isEqualTo(1);
        // an order the venue says ended counts as ended once, however often it says so
        small.reconcile(new Order(buy("r-5"), OrderStatus.FILLED, Quantity.of("2"), null));
        small.reconcile(new Order(buy("r-5"), OrderStatus.FILLED, Quantity.of("2"), null));
        assertThat(small.get(ClientOrderId.of("r-4"))).isNotNull();
        assertThat(small.get(ClientOrderId.of("r-3"))).isNull();
        small.transition(ClientOrderId.of("r-0"), OrderStatus.REJECTED);
        assertThat(small.get(ClientOrderId.of("r-4"))).isNull();
        assertThat(small.get(ClientOrderId.of("r-5"))).isNotNull();
        assertThat(small.get(ClientOrderId.of("r-0"))).isNotNull();
        assertThatThrownBy(() -> new OrderTracker(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOrderTheVenueReopenedIsKeptForItsLatestEndNotItsFirst() {
        OrderTracker small = new OrderTracker(2);
        small.submit(buy("r-1"), false);
        small.transition(ClientOrderId.of("r-1"), OrderStatus.CANCELLED);
        // the venue's word: it is open after all, then it fills
        small.reconcile(new Order(buy("r-1"), OrderStatus.ACCEPTED, Quantity.ZERO, null));
        small.submit(buy("r-2"), false);
        small.transition(ClientOrderId.of("r-2"), OrderStatus.CANCELLED);
        small.reconcile(new Order(buy("r-1"), OrderStatus.FILLED, Quantity.of("2"), null));
        // three ends so far (r-1, r-2, r-1 again): r-1's first end is past the history, its latest is not
        assertThat(small.get(ClientOrderId.of("r-1")).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(small.get(ClientOrderId.of("r-2"))).isNotNull();
        small.submit(buy("r-3"), false);
        small.transition(ClientOrderId.of("r-3"), OrderStatus.CANCELLED);
        assertThat(small.get(ClientOrderId.of("r-2"))).isNull();
        assertThat(small.get(ClientOrderId.of("r-1"))).isNotNull();
        assertThat(small.get(ClientOrderId.of("r-3"))).isNotNull();
    }

    @Test
    void anIllegalTransitionOrAnUnknownOrderChangesNothingAndIsCounted() {
        tracker.submit(buy("r-1"));
        tracker.transition(ClientOrderId.of("r-1"), OrderStatus.REJECTED);
        assertThat(tracker.transition(ClientOrderId.of("r-1"), OrderStatus.FILLED)).isFalse();
        assertThat(tracker.get(ClientOrderId.of("r-1")).status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(tracker.transition(ClientOrderId.of("r-9"), OrderStatus.ACCEPTED)).isFalse();
        assertThat(tracker.addFill(ClientOrderId.of("r-9"), Quantity.of("1"))).isNull();
        assertThat(tracker.illegalTransitions()).isEqualTo(2);
    }

    @Test
    void theVenuesViewWinsAndTheStatusBeforeIsReturned() {
        assertThat(tracker.reconcile(new Order(buy("r-3"), OrderStatus.ACCEPTED, Quantity.ZERO, "v3")))
                .as("adopted: unknown before").isNull();
        assertThat(tracker.inFlight(BTC)).isEqualTo(ClientOrderId.of("r-3"));
        assertThat(tracker.reconcile(new Order(buy("r-3"), OrderStatus.FILLED, Quantity.of("2"), "v3")))
                .isEqualTo(OrderStatus.ACCEPTED);
        assertThat(tracker.get(ClientOrderId.of("r-3")).filled()).isEqualTo(Quantity.of("2"));
        assertThat(tracker.inFlight(BTC)).isNull();
        assertThat(tracker.openCount()).isZero();
    }

    @Test
    void aManagedOrderNeverLocksItsSymbolNorDoesAnOrderRestoredWithoutTheLockWhenReconciled() {
        assertThat(tracker.submit(buy("r-1"), false).locks()).isFalse();
        assertThat(tracker.reconcile(new Order(buy("r-1"), OrderStatus.ACCEPTED, Quantity.ZERO, "v1")))
                .isEqualTo(OrderStatus.SUBMITTED);
        assertThat(tracker.inFlight(BTC)).as("a known order keeps what it was submitted with").isNull();
        assertThat(tracker.reconcile(new Order(buy("r-2"), OrderStatus.ACCEPTED, Quantity.ZERO, "v2"), false))
                .as("restored").isNull();
        assertThat(tracker.get(ClientOrderId.of("r-2")).locks()).isFalse();
        assertThat(tracker.reconcile(new Order(buy("r-2"), OrderStatus.PARTIALLY_FILLED, Quantity.of("1"), "v2")))
                .isEqualTo(OrderStatus.ACCEPTED);
        assertThat(tracker.inFlight(BTC)).isNull();
        assertThat(tracker.openCount()).isEqualTo(2);
        tracker.reconcile(new Order(buy("r-3"), OrderStatus.ACCEPTED, Quantity.ZERO, "v3"), true);
        assertThat(tracker.inFlight(BTC)).as("restored with the lock").isEqualTo(ClientOrderId.of("r-3"));
        assertThat(tracker.get(ClientOrderId.of("r-3")).locks()).isTrue();
        tracker.reconcile(new Order(buy("r-2"), OrderStatus.CANCELLED, Quantity.of("1"), "v2"));
        assertThat(tracker.inFlight(BTC)).as("another order's end leaves the lock").isEqualTo(ClientOrderId.of("r-3"));
    }

    @Test
    void theOpenOrdersKeptAsOrdersChangeEqualACountOverEveryOrder() {
        SplittableRandom random = new SplittableRandom(3);
        OrderStatus[] statuses = OrderStatus.values();
        int ids = 0;
        for (int step = 0; step < 20_000; step++) {
            int op = random.nextInt(10);
            if (op < 3 || ids == 0) {
                tracker.submit(buy("r-" + (op == 0 && ids > 0 ? random.nextInt(ids) : ids++)));
            } else if (op < 8) {
                tracker.transition(ClientOrderId.of("r-" + random.nextInt(ids + 2)),
                        statuses[random.nextInt(statuses.length)]);
            } else {
                String id = "r-" + random.nextInt(ids + 2);
                tracker.reconcile(new Order(buy(id), statuses[random.nextInt(statuses.length)], Quantity.ZERO, null));
                ids = Math.max(ids, Integer.parseInt(id.substring(2)) + 1);
            }
            long counted = 0;
            List<OrderRequest> open = new ArrayList<>();
            for (int i = 0; i < ids; i++) {
                OrderTracker.Tracked t = tracker.get(ClientOrderId.of("r-" + i));
                if (t != null && !t.status().isTerminal()) {
                    counted++;
                    open.add(t.request());
                }
            }
            assertThat(tracker.openCount()).as("step %d", step).isEqualTo(counted);
            if (step % 100 == 0) {
                assertThat(tracker.openRequests()).as("step %d", step).containsExactlyInAnyOrderElementsOf(open);
            }
        }
    }
}
