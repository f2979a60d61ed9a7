package io.tradehost.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.order.Order;
import io.tradehost.api.value.Price;
import io.tradehost.api.venue.VenueException;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The market maker on the paper venue, which amends: its quotes follow the mid by amends in place
 * (nothing cancelled to move a quote; a new order only where one filled), the journal holds every order at the
 * venue's terms, and an amend the venue took but the host never journaled (the host abandoned between
 * the two, as SIGKILL leaves it) is found by the restart's reconciliation and handed to the strategy.
 */
class EventAmendTest {
    @TempDir
    Path data;

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private EventRecorder events;

    private Host start() {
        HostConfig config = ConfigLoader.load(null, List.of("venue.config.tick_interval=\"1s\"",
                "strategy.name=\"market-maker\"", "strategy.config.market-maker.refresh_bps=\"2\"",
                "guards.config.order-rate.per_second=100", "guards.config.order-rate.per_minute=10000"));
        Host host = HostComponent.wire(config, HostInputs.of("mm", clock, 7, Map.of()).withDataDirectory(data, true),
                PluginCatalog.fromLayer(ModuleLayer.boot()), clock);
        events = new EventRecorder();
        host.kernel().observe(events);
        host.start();
        host.kernel().runUntilIdle();
        return host;
    }

    private static List<Order> byId(List<Order> orders) {
        return orders.stream().sorted(Comparator.comparing(o -> o.clientOrderId().value())).toList();
    }

    @Test
    void quotesMoveByAmendInPlaceAndTheJournalHoldsTheVenuesTerms() throws VenueException {
        Host host = start();
        host.kernel().advanceBy(Duration.ofSeconds(10));
        assertThat(host.venues().venue().openOrders()).hasSizeGreaterThanOrEqualTo(4);
        host.kernel().advanceBy(Duration.ofSeconds(170));
        List<Order> later = byId(host.venues().venue().openOrders());
        assertThat(events.of(OrderAmended.class)).as("the mid moved and the quotes followed").isNotEmpty();
        assertThat(events.of(OrderCancelled.class)).as("no quote was cancelled to move it").isEmpty();
        long filledOrders = events.of(OrderFilled.class).stream().map(f -> f.fill().clientOrderId()).distinct()
                .count();
        assertThat(host.journal().snapshot().lastSequence()).as("every order placed after the first quotes "
                + "replaced one that filled: none replaced one that moved").isEqualTo(filledOrders + later.size());
        assertThat(byId(host.journal().snapshot().openOrders())).isEqualTo(later);
        assertThat(host.registry().all()).filteredOn(h -> h.component().equals("execution")).singleElement()
                .satisfies(h -> assertThat(h.details()).containsEntry("amendsRefused", "0"));
        host.stop();
    }

    @Test
    void anAmendTheVenueTookButTheJournalNeverHeardIsFoundAtTheRestartAndTheStrategyGoesOnFromIt()
            throws VenueException {
        Host first = start();
        first.kernel().advanceBy(Duration.ofSeconds(10));
        Order bid = first.venues().venue().openOrders().stream()
                .filter(o -> o.request().side() == io.tradehost.api.value.Side.BUY).findFirst().orElseThrow();
        Price lower = bid.request().limitPrice().minus(Price.of("50"));
        first.venues().venue().amend(bid.clientOrderId(), lower, bid.request().quantity());
        // the venue took it and reported it; the host is abandoned before its kernel hears the report
        assertThat(first.venues().venue().order(bid.clientOrderId()).orElseThrow().request().limitPrice())
                .isEqualTo(lower);

        Host second = start();
        assertThat(events.of(OrderReconciled.class)).singleElement().satisfies(r -> {
            assertThat(r.order().clientOrderId()).isEqualTo(bid.clientOrderId());
            assertThat(r.note()).startsWith("amended at the venue");
        });
        Order journaled = second.journal().snapshot().openOrders().stream()
                .filter(o -> o.clientOrderId().equals(bid.clientOrderId())).findFirst().orElseThrow();
        assertThat(journaled.request().limitPrice()).isEqualTo(lower);
        second.kernel().advanceBy(Duration.ofSeconds(10));
        assertThat(byId(second.journal().snapshot().openOrders())).isEqualTo(byId(second.venues().venue()
                .openOrders()));
        assertThat(second.venues().venue().order(bid.clientOrderId()).orElseThrow().request().limitPrice())
                .as("the strategy, restored with the venue's terms, moved its bid back to its quote")
                .isNotEqualTo(lower);
        second.stop();
    }
}
