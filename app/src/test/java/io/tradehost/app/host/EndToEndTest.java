package io.tradehost.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.OrderCounters;
import io.tradehost.api.market.Mark;
import io.tradehost.api.order.AccountSnapshot;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Product;
import io.tradehost.api.venue.VenueException;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
/** The real wiring, plugins from the boot layer, the paper venue, all on a virtual clock. */
class EndToEndTest {
    private static final Money STARTING_CASH = Money.of("100000");

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final EventRecorder events = new EventRecorder();

    private Host run(Duration simulated, String... overrides) {
        HostConfig config = ConfigLoader.load(null, List.of(overrides));
        Host host = HostComponent.wire(config, HostInputs.of("e2e", clock, 42, Map.of()),
                PluginCatalog.fromLayer(ModuleLayer.boot()), clock);
        host.start();
        host.kernel().observe(events);
        for (long minute = 0; minute < simulated.toMinutes(); minute++) {
            host.kernel().advanceBy(Duration.ofMinutes(1));
        }
        return host;
    }

    @Test
    void threeSimulatedHoursTradeAndTheBooksBalanceToTheLastUnit() throws VenueException {
        Host host = run(Duration.ofHours(3));
        OrderCounters counters = host.portfolio().counters();
        assertThat(counters.filled()).as("orders filled").isGreaterThan(10);
        assertThat(events.of(OrderFilled.class)).hasSizeGreaterThanOrEqualTo((int) counters.filled());
        assertThat(host.registry().all()).extracting(h -> h.status()).doesNotContain(HealthStatus.UNHEALTHY);

        AccountSnapshot venue = host.venues().venue().account();
        Money realised = Money.ZERO;
        Money unrealised = Money.ZERO;
        Money fees = Money.ZERO;
        Money venueCashPlusPositions = venue.cash("USD");
        for (Position p : host.portfolio().positions()) {
            Position atVenue = venue.position(p.symbol()).orElseThrow();
            assertThat(atVenue).as("venue and host agree on " + p.symbol()).isEqualTo(p);
            Mark mark = host.marks().lastMark(p.symbol());
            Product product = host.venues().product(p.symbol());
            realised = realised.plus(p.realizedPnl());
            unrealised = unrealised.plus(p.unrealizedPnl(mark.price()));
            fees = fees.plus(p.fees());
            venueCashPlusPositions = venueCashPlusPositions.plus(product.isPerpetual()
                    ? atVenue.unrealizedPnl(mark.price()) : atVenue.valueAt(mark.price()));
        }
        assertThat(fees.isPositive()).isTrue();
        assertThat(host.portfolio().cash()).isEqualTo(venue.cash("USD"));
        assertThat(venueCashPlusPositions).isEqualTo(STARTING_CASH.plus(realised).plus(unrealised).minus(fees));
        assertThat(host.portfolio().equity()).isEqualTo(venueCashPlusPositions);

        RunSummary summary = host.summary();
        host.stop();
        assertThat(summary.orders()).isEqualTo(counters);
        assertThat(summary.symbols()).hasSize(3);
        assertThat(summary.toJson()).contains("\"runId\" : \"e2e\"")
                .contains("\"tradingState\" : \"" + summary.tradingState() + "\"");
        assertThat(summary.toText()).contains("BTC-PERP").contains("equity: " + summary.equity());
    }

    @Test
    void theSameSeedAndClockGiveTheSameRun() {
        Host first = run(Duration.ofMinutes(30));
        String firstJson = first.summary().toJson();
        List<String> firstIntents = events.of(OrderIntent.class).stream().map(OrderIntent::toString).toList();
        first.stop();

        EndToEndTest again = new EndToEndTest();
        Host second = again.run(Duration.ofMinutes(30));
        assertThat(second.summary().toJson()).isEqualTo(firstJson);
        assertThat(again.events.of(OrderIntent.class).stream().map(OrderIntent::toString).toList())
                .isEqualTo(firstIntents);
        assertThat(firstIntents).isNotEmpty();
    }

    @Test
    void withTheKillSwitchOnNothingFillsAndRejectionsCarryItsCode() {
        Host host = run(Duration.ofHours(1), "guards.config.kill-switch.active=true");
        OrderCounters counters = host.portfolio().counters();
        assertThat(counters.filled()).isZero();
        assertThat(counters.submitted()).isZero();
        assertThat(counters.rejectionsByCode()).containsOnlyKeys("KILL_SWITCH");
        assertThat(counters.rejected()).isPositive();
        assertThat(events.of(IntentRejected.class)).extracting(IntentRejected::stage).containsOnly("kill-switch");
        host.stop();
    }

    @Test
    void configuredReduceOnlyOpensNothingAndSaysWhy() {
        Host host = run(Duration.ofHours(1), "runtime.reduce_only=true");
        assertThat(host.portfolio().counters().filled()).isZero();
        RunSummary summary = host.summary();
        assertThat(summary.transitions()).extracting(t -> t.to().name()).containsExactly("REDUCE_ONLY");
        assertThat(summary.toJson()).contains("config.reduce_only");
        host.stop();
    }

    @Test
    void intervalCyclesAndTheBreakoutStrategyAlsoTrade() {
        Host host = run(Duration.ofHours(2), "strategy.name=breakout", "strategy.cycle=interval",
                "strategy.interval=1s");
        assertThat(host.portfolio().counters().filled()).isPositive();
        host.stop();
    }
}
