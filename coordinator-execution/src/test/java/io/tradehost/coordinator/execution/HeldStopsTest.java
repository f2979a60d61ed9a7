package io.tradehost.coordinator.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Stops the host holds for a venue that does not take them, across a restart: the journal keeps them
 * as held, execution arms them again at its start, and one the venue turns out to know (sent just
 * before the host died) is no longer held once reconciliation says so.
 */
class HeldStopsTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final OrderRequest STOP = new OrderRequest(ClientOrderId.of("run1-3"), BTC, Side.SELL,
            OrderType.STOP_MARKET, Quantity.of("1"), null, TimeInForce.GTC, true, false, Price.of("95"));
    private static final OrderRequest OTHER = new OrderRequest(ClientOrderId.of("run1-4"), BTC, Side.SELL,
            OrderType.STOP_MARKET, Quantity.of("1"), null, TimeInForce.GTC, true, false, Price.of("90"));

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final Kernel kernel = new Kernel(clock);
    private final EventRecorder events = new EventRecorder();
    private final ScriptedVenue venue = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP")));
    private final StubMarket market = new StubMarket();

    /** Execution started again on a journal holding both stops as held, as a restart finds them. */
    private ExecutionCoordinator restarted() {
        venue.listener(new VenueEventAdapter(kernel, clock));
        market.put(Fixtures.mark("BTC-PERP", "100"));
        OrderOwner held = new OrderOwner("trend", "stop-loss", true).asHeldByHost();
        InMemoryJournal journal = new InMemoryJournal("run1").restoredFrom(new JournalSnapshot(false, "run1", 4,
                Money.ofUnits(10_000), List.of(), List.of(new Order(STOP, OrderStatus.SUBMITTED, Quantity.ZERO, null),
                new Order(OTHER, OrderStatus.SUBMITTED, Quantity.ZERO, null)), Set.of()),
                Map.of(STOP.clientOrderId(), held, OTHER.clientOrderId(), held));
        ExecutionCoordinator execution = new ExecutionCoordinator(new ExecutionSettings(TimeInForce.GTC,
                RetryPolicy.DEFAULT, 7), new GuardChain(List.of()), new StubVenueAccess(venue, venue.products()), market,
                new StubTradingState(), journal, kernel, kernel, kernel, clock);
        ExecutionCoordinatorTest.route(kernel, execution, journal);
        kernel.observe(events);
        execution.initialize();
        execution.start();
        return execution;
    }

    private void mark(String price) {
        var m = Fixtures.mark("BTC-PERP", price);
        market.put(m);
        kernel.publish(new MarkUpdated(m));
        kernel.runUntilIdle();
    }

    @Test
    void heldStopsAreArmedAgainAtAStartAndSentWhenAMarkReachesTheirTrigger() {
        restarted();
        mark("95.01");
        assertThat(venue.placed()).isEmpty();
        mark("94");
        assertThat(venue.placed()).containsExactly(STOP.triggered());
        mark("89");
        assertThat(venue.placed()).containsExactly(STOP.triggered(), OTHER.triggered());
    }

    @Test
    void aHeldStopTheVenueKnowsWasSentBeforeTheRestartAndIsNotHeldAnyMore() {
        restarted();
        kernel.publish(new OrderReconciled(new Order(STOP.triggered(), OrderStatus.ACCEPTED, Quantity.ZERO, "v3"), false,
                "at the venue", clock.nanos()));
        kernel.runUntilIdle();
        mark("89");
        assertThat(venue.placed()).as("only the one still held goes").containsExactly(OTHER.triggered());
    }
}
