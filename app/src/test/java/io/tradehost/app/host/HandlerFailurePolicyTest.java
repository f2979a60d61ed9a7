package io.tradehost.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.host.Health;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A kernel handler's failure is handled by what the handler owns: one that owns books or
 * durability halts trading (the books may be wrong now), any other is logged, counted and trading
 * goes on. Through the real wiring, on the virtual clock.
 */
class HandlerFailurePolicyTest {
    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final EventRecorder events = new EventRecorder();

    private Host started() {
        // a loss limit out of reach, so that only what the test does can restrict trading
        Host host = HostComponent.wire(ConfigLoader.load(null, List.of("runtime_guards.config.daily-loss.max_loss=\"90000\"",
                "runtime_guards.config.drawdown.max_drawdown=\"0.9\"")), HostInputs.of("hf", clock, 5, Map.of()),
                PluginCatalog.fromLayer(ModuleLayer.boot()), clock);
        host.start();
        host.kernel().observe(events);
        host.kernel().advanceBy(Duration.ofMinutes(5));
        return host;
    }

    private static Health health(Host host, String component) {
        return host.registry().all().stream().filter(h -> h.component().equals(component)).findFirst().orElseThrow();
    }

    @Test
    void aFailureOfTheLedgerHaltsTradingNamesTheHandlerAndTheErrorAndMakesHealthUnhealthy() {
        Host host = started();
        assertThat(host.portfolio().counters().filled()).isPositive();
        long placed = host.portfolio().counters().submitted();

        // a fill in a product the host does not trade: the ledger cannot book it, so the books are in doubt
        host.kernel().publish(new OrderFilled(new Fill("stray-1", ClientOrderId.of("elsewhere-1"),
                Symbol.of("DOGE-PERP"), Side.BUY, Quantity.of("10"), Price.of("0.1"), Money.ZERO, Liquidity.TAKER,
                clock.nanos())));
        host.kernel().advanceBy(Duration.ofMinutes(10));

        assertThat(host.tradingState().state()).isEqualTo(TradingState.HALTED);
        StateReason reason = host.tradingState().reasons().stream()
                .filter(r -> r.source() == ReasonSource.HANDLER_FAILURE).findFirst().orElseThrow();
        assertThat(reason.code()).isEqualTo(ReasonCode.handlerFailure("execution.fill"));
        assertThat(reason.message()).isEqualTo("handler execution.fill failed on OrderFilled: IllegalArgumentException:"
                + " the host does not trade DOGE-PERP");
        assertThat(health(host, "runtime").status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(health(host, "runtime").error()).contains("handler execution.fill failed");
        assertThat(host.portfolio().counters().submitted()).as("nothing is sent once halted").isEqualTo(placed);
        assertThat(events.of(IntentRejected.class)).last().satisfies(r -> assertThat(r.code().value())
                .isEqualTo("HALTED"));

        assertThat(host.operator().clear("ops", reason.code())).isTrue();
        assertThat(health(host, "runtime").status()).isNotEqualTo(HealthStatus.UNHEALTHY);
        host.stop();
    }

    @Test
    void aFailureOfAHandlerThatOwnsNothingIsCountedAndTradingGoesOn() {
        Host host = started();
        host.kernel().subscribe(MarkUpdated.class, "test.derived", Kernel.FailurePolicy.LOG_AND_COUNT, mark -> {
            throw new IllegalStateException("derived view broken");
        });
        long filled = host.portfolio().counters().filled();
        host.kernel().advanceBy(Duration.ofMinutes(30));

        assertThat(host.tradingState().reasons()).isEmpty();
        assertThat(host.portfolio().counters().filled()).isGreaterThan(filled);
        assertThat(health(host, "kernel").details().get("failuresByHandler")).startsWith("{test.derived=");
        assertThat(Long.parseLong(health(host, "kernel").details().get("handlerFailures"))).isPositive();
        assertThat(host.registry().all()).extracting(Health::status).doesNotContain(HealthStatus.UNHEALTHY);
        host.stop();
    }
}
