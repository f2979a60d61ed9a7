package io.tradehost.coordinator.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.QuoteReceived;
import io.tradehost.api.host.Health;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.StartupException;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueException;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.ScriptedVenue;
import io.tradehost.testkit.StubPortfolio;
import io.tradehost.testkit.StubTradingState;
import io.tradehost.testkit.StubVenueAccess;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
class TelemetryCoordinatorTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final Kernel kernel = new Kernel(clock);
    private final EventRecorder events = new EventRecorder();
    private final ScriptedVenue venue = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP"),
            Fixtures.spot("SOL-USD"))).listener(new VenueEventAdapter(kernel, clock));
    private final List<Health> others = new ArrayList<>();
    private final MarkBook marks = new MarkBook(3);
    private final TelemetryCoordinator telemetry = new TelemetryCoordinator(
            new TelemetrySettings(3, Duration.ofSeconds(10), Duration.ofSeconds(30)), marks,
            new StubVenueAccess(venue, venue.products()), new StubPortfolio(Money.of("1000")), new StubTradingState(),
            () -> others, kernel, clock, kernel);

    private long now() {
        return clock.nanos();
    }

    private void quote(String symbol, String bid, String ask, long ts) {
        venue.emit(Fixtures.quote(symbol, bid, ask, ts));
        kernel.runUntilIdle();
    }

    private void start() {
        kernel.subscribe(QuoteReceived.class, "telemetry.quote", Kernel.FailurePolicy.LOG_AND_COUNT, telemetry::onQuote);
        kernel.subscribe(io.tradehost.api.event.MarketDataStale.class, "telemetry.stale",
                Kernel.FailurePolicy.LOG_AND_COUNT, telemetry::onMarketDataStale);
        kernel.observe(events);
        telemetry.initialize();
        telemetry.start();
    }

    @Test
    void subscribesToEveryTradedSymbolAndTurnsQuotesIntoMarks() {
        start();
        assertThat(venue.subscribed()).containsExactlyInAnyOrder(BTC, Symbol.of("SOL-USD"));
        quote("BTC-PERP", "99", "101", now());
        assertThat(events.of(MarkUpdated.class)).extracting(e -> e.mark().price()).containsExactly(Price.of("100"));
        assertThat(marks.lastMark(BTC).bid()).isEqualTo(Price.of("99"));
        assertThat(telemetry.name()).isEqualTo("telemetry");
    }

    @Test
    void aStaleFlagFromTheVenueHoldsUntilTheNextMarkAndDegradesHealth() {
        start();
        quote("BTC-PERP", "99", "101", now());
        quote("SOL-USD", "9", "11", now());
        assertThat(telemetry.health().status()).isEqualTo(HealthStatus.HEALTHY);
        new VenueEventAdapter(kernel, clock).onMarketDataStale(BTC, "sequence gap: expected 7, got 9");
        new VenueEventAdapter(kernel, clock).onMarketDataStale(BTC, "again");
        new VenueEventAdapter(kernel, clock).onMarketDataStale(Symbol.of("DOGE-PERP"), "untraded");
        kernel.runUntilIdle();
        assertThat(marks.isStale(BTC)).isTrue();
        assertThat(marks.isStale(Symbol.of("SOL-USD"))).isFalse();
        assertThat(marks.isStale(Symbol.of("DOGE-PERP"))).isFalse();
        assertThat(marks.lastMark(BTC)).isNotNull();
        Health health = telemetry.health();
        assertThat(health.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(health.error()).isEqualTo("no fresh mark for BTC-PERP (sequence gap: expected 7, got 9)");
        assertThat(telemetry.totals()).containsEntry("stale_flags", 1L);
        assertThat(telemetry.statusLine()).contains("marks=1/2 fresh");
        quote("BTC-PERP", "100", "102", now());
        assertThat(marks.isStale(BTC)).isFalse();
        assertThat(telemetry.health().status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void theWindowKeepsTheNewestMarksOldestFirst() {
        start();
        for (int i = 1; i <= 5; i++) {
            quote("BTC-PERP", i + "0", i + "2", now());
        }
        assertThat(marks.recentMarks(BTC)).containsExactly(Price.of("31"), Price.of("41"), Price.of("51"));
        assertThat(marks.recentMarks(Symbol.of("SOL-USD"))).isEmpty();
        assertThat(marks.lastMark(Symbol.of("SOL-USD"))).isNull();
    }

    @Test
    void aReconfiguredWindowKeepsItsPricesGrowingAndTheNewestWhenShrinking() {
        start();
        for (int i = 1; i <= 3; i++) {
            quote("BTC-PERP", i + "0", i + "2", now());
        }
        telemetry.reconfigure(new TelemetrySettings(5, Duration.ofSeconds(10), Duration.ofSeconds(30)));
        assertThat(marks.capacity()).isEqualTo(5);
        assertThat(marks.recentMarks(BTC)).containsExactly(Price.of("11"), Price.of("21"), Price.of("31"));
        assertThat(marks.lastMark(BTC).price()).isEqualTo(Price.of("31"));
        quote("BTC-PERP", "40", "42", now());
        quote("BTC-PERP", "50", "52", now());
        quote("BTC-PERP", "60", "62", now());
        assertThat(marks.recentMarks(BTC)).containsExactly(Price.of("21"), Price.of("31"), Price.of("41"),
                Price.of("51"), Price.of("61"));

        telemetry.reconfigure(new TelemetrySettings(2, Duration.ofSeconds(10), Duration.ofSeconds(30)));
        assertThat(marks.recentMarks(BTC)).containsExactly(Price.of("51"), Price.of("61"));
        quote("BTC-PERP", "70", "72", now());
        assertThat(marks.recentMarks(BTC)).containsExactly(Price.of("61"), Price.of("71"));
        assertThatThrownBy(() -> marks.resize(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badQuotesAreDroppedAndCountedByReason() {
        start();
        quote("BTC-PERP", "100", "101", now());
        quote("BTC-PERP", "102", "101", now());
        quote("BTC-PERP", "0", "101", now());
        quote("BTC-PERP", "100", "101", now() - 1);
        quote("ETH-PERP", "100", "101", now());
        assertThat(events.of(MarkUpdated.class)).hasSize(1);
        assertThat(telemetry.droppedQuotes()).containsEntry("crossed book", 1L).containsEntry("zero price", 1L)
                .containsEntry("older than the last mark", 1L).containsEntry("untraded symbol", 1L);
        assertThat(Fixtures.quote("BTC-PERP", "1", "1", 0).defect()).isNull();
    }

    @Test
    void healthIsDegradedWhileAnySymbolLacksAFreshMark() {
        start();
        quote("BTC-PERP", "100", "101", now());
        assertThat(telemetry.health().status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(telemetry.health().error()).isEqualTo("no fresh mark for SOL-USD");
        quote("SOL-USD", "10", "11", now());
        assertThat(telemetry.health().status()).isEqualTo(HealthStatus.HEALTHY);
        clock.advance(Duration.ofSeconds(31));
        assertThat(telemetry.health().error()).isEqualTo("no fresh mark for BTC-PERP, SOL-USD");
    }

    @Test
    void aggregatesTheWorstHealthAndLogsAStatusLineOnTheTimer() {
        start();
        others.add(Health.healthy("runtime", Map.of()));
        others.add(Health.of("execution", HealthStatus.DEGRADED, Map.of(), "2 illegal transitions"));
        Health all = telemetry.aggregateHealth();
        assertThat(all.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(all.details()).containsEntry("runtime", "HEALTHY").containsEntry("execution", "DEGRADED");
        assertThat(all.error()).isEqualTo("execution: 2 illegal transitions");
        quote("BTC-PERP", "100", "101", now());
        assertThat(telemetry.statusLine()).startsWith("status state=ACTIVE equity=1000 cash=1000 gross=0 orders attempted=0")
                .contains("marks=1/2 fresh").contains("health=DEGRADED (execution: 2 illegal transitions)");
        int timers = kernel.pendingTimerCount();
        kernel.advanceBy(Duration.ofSeconds(25));
        telemetry.stop();
        assertThat(kernel.pendingTimerCount()).isEqualTo(timers - 1);
        others.clear();
        assertThat(telemetry.aggregateHealth().error()).isNull();
    }

    @Test
    void aFailedSubscriptionStopsStartUp() {
        Venue broken = (Venue) Proxy.newProxyInstance(Venue.class.getClassLoader(), new Class<?>[] {Venue.class},
                (proxy, method, args) -> {
                    throw new VenueException(RejectionCode.of("WS_DOWN"), "socket closed", true);
                });
        TelemetryCoordinator t = new TelemetryCoordinator(new TelemetrySettings(3, Duration.ofSeconds(1),
                Duration.ofSeconds(1)), marks, new StubVenueAccess(broken, venue.products()),
                new StubPortfolio(Money.ZERO), new StubTradingState(), List::of, kernel, clock, kernel);
        assertThatThrownBy(t::start).isInstanceOf(StartupException.class)
                .hasMessage("could not subscribe to market data: socket closed [WS_DOWN]");
        t.stop();

        // a plugin that overflows its stack while subscribing more symbols is contained the same way
        Venue deep = (Venue) Proxy.newProxyInstance(Venue.class.getClassLoader(), new Class<?>[] {Venue.class},
                (proxy, method, args) -> {
                    throw new StackOverflowError();
                });
        TelemetryCoordinator d = new TelemetryCoordinator(new TelemetrySettings(3, Duration.ofSeconds(1),
                Duration.ofSeconds(1)), marks, new StubVenueAccess(deep, venue.products()),
                new StubPortfolio(Money.ZERO), new StubTradingState(), List::of, kernel, clock, kernel);
        assertThatThrownBy(() -> d.follow(List.of(BTC))).isInstanceOf(StartupException.class)
                .hasMessage("the venue plugin failed subscribing to market data for [BTC-PERP]: StackOverflowError");
        assertThatThrownBy(() -> new TelemetrySettings(1, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("at least 2");
    }
}
