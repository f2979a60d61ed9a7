package io.tradehost.coordinator.strategy;

import static io.tradehost.coordinator.strategy.EventRig.BTC;
import static io.tradehost.coordinator.strategy.EventRig.ETH;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.event.StrategyFailed;
import io.tradehost.api.event.StrategyQuarantined;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.PluginCalls;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.strategy.event.HandleStatus;
import io.tradehost.api.strategy.event.OrderHandle;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.kernel.isolation.WorkerCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A hostile event-driven strategy: whatever it throws or however long it takes, the host stays in control. */
class EventContainmentTest {
    private final EventRig rig = new EventRig();
    private final List<OrderHandle> handles = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<WorkerCalls> workers = new ArrayList<>();

    @AfterEach
    void releaseWorkers() {
        release.countDown();
        workers.forEach(WorkerCalls::close);
    }

    @Test
    void aCallbackThatThrowsHasItsOrdersDroppedAndFiveInARowQuarantineEverySymbolOfTheInstance() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote) {
                handles.add(h.submit(OrderSpec.market(BTC, Side.BUY, Quantity.of("1"))));
                h.setTimer("t", Duration.ofSeconds(1));
                throw new IllegalStateException("broken after submitting");
            }
        };
        rig.started();
        for (int i = 0; i < 5; i++) {
            rig.quote(BTC, "99", "101");
        }
        assertThat(rig.intents).as("nothing a failed callback asked for is sent").isEmpty();
        assertThat(rig.host.timers()).isEmpty();
        assertThat(handles).extracting(OrderHandle::status).containsOnly(HandleStatus.REJECTED);
        assertThat(handles.getFirst().rejection()).isEqualTo(RejectionCode.STRATEGY_FAILED);
        assertThat(rig.events.of(StrategyFailed.class)).hasSize(10).first().satisfies(f -> assertThat(f.error())
                .isEqualTo("onQuote: IllegalStateException: broken after submitting"));
        assertThat(rig.events.of(StrategyQuarantined.class)).extracting(StrategyQuarantined::symbol)
                .containsExactly(BTC, ETH);
        assertThat(rig.coordinator.quarantined()).containsExactlyInAnyOrder(BTC, ETH);
        assertThat(rig.coordinator.health().status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void anOrderFarBeyondEquityIsRefusedAsTheStrategysFailureAndTheRestOfTheCallbackStands() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && handles.isEmpty()) {
                handles.add(h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("20000"), Price.of("100"))));
                handles.add(h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"), Price.of("99"))));
            }
        };
        rig.started();
        rig.quote(BTC, "99", "101");
        assertThat(rig.intents).singleElement().satisfies(i -> assertThat(i.quantity()).isEqualTo(Quantity.of("1")));
        assertThat(rig.heard).contains("Rejected #1 REJECTED 0/20000 STRATEGY_FAILED");
        assertThat(rig.events.of(StrategyFailed.class)).first().satisfies(f -> assertThat(f.error())
                .startsWith("asked to BUY a notional of 2000000, more than 100 x equity 10000"));
    }

    @Test
    void anIsolatedCallbackThatNeverReturnsIsAbandonedItsEventsDiscardedAndTheHostShowsItDegraded()
            throws InterruptedException {
        CountDownLatch blocked = new CountDownLatch(1);
        rig.isolation = (kind, name, instance) -> {
            WorkerCalls w = new WorkerCalls("plugin " + name, Duration.ofMillis(100), Duration.ofSeconds(5));
            workers.add(w);
            return w;
        };
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote q && q.bid().equals(Price.of("1"))) {
                h.submit(OrderSpec.market(BTC, Side.BUY, Quantity.of("1")));
                blocked.countDown();
                try {
                    release.await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        rig.started();
        rig.quote(BTC, "1", "2");
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 4; i++) {
            rig.quote(BTC, "3", "4");
        }
        assertThat(rig.intents).isEmpty();
        assertThat(rig.health()).containsEntry("lateDecisions", "1").containsEntry("busySkips", "4")
                .containsEntry("eventsDiscarded", "5");
        assertThat(rig.coordinator.health().status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(rig.events.of(StrategyQuarantined.class)).hasSize(2).first().satisfies(q -> assertThat(q.reason())
                .startsWith("overran its budget of 100 ms 5 times in a row: it is still busy with a late call (")
                .endsWith(" ms); this onQuote callback: event discarded"));
        assertThat(rig.heard).containsExactly("start [BTC-PERP, ETH-PERP] Restored[0 open order(s), 0 list(s), 0 byte(s) of state]",
                "quote BTC-PERP 1/2");
    }

    @Test
    void aCallbackFloodingTheHostWithOrdersFailsAndNoneOfThemIsSent() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote) {
                for (int i = 0; i < 5_000; i++) {
                    h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("0.001"), Price.of("1")));
                }
            }
        };
        rig.started();
        rig.quote(BTC, "99", "101");
        assertThat(rig.intents).isEmpty();
        assertThat(rig.host.openOrders(BTC)).isEmpty();
        assertThat(rig.events.of(StrategyFailed.class)).first().satisfies(f -> assertThat(f.error()).isEqualTo(
                "onQuote: IllegalStateException: more than 1000 commands in one callback of strategy 'probe'; none"
                        + " of them is carried out"));
    }

    @Test
    void aMarketOrderIsJudgedAtTheMarkAndAStopAtItsTrigger() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && handles.isEmpty()) {
                handles.add(h.submit(OrderSpec.market(BTC, Side.SELL, Quantity.of("10001"))));
                handles.add(h.submit(OrderSpec.stop(BTC, Side.SELL, Quantity.of("10001"), Price.of("50"))));
                handles.add(h.submit(OrderSpec.market(BTC, Side.SELL, Quantity.of("9999"))));
            }
        };
        rig.started();
        rig.quote(BTC, "99.99", "100.01"); // 10001 x 100 = 1 000 100 > 100 x 10 000; 10001 x 50 and 9999 x 100 fit
        assertThat(handles).extracting(OrderHandle::status).containsExactly(HandleStatus.REJECTED,
                HandleStatus.PENDING, HandleStatus.PENDING);
        assertThat(rig.intents).hasSize(2);
    }

    @Test
    void onStartHasTheStartUpBudgetSoAnIsolatedStrategysFirstCallMayLoadItsClasses() {
        List<Duration> budgets = new ArrayList<>();
        PluginCalls inline = PluginCalls.inline(() -> 0L, Duration.ofMillis(5));
        rig.isolation = (kind, name, instance) -> new PluginCalls() {
            @Override
            public <T> Outcome<T> call(java.util.function.Supplier<T> body) {
                return call(body, budget());
            }

            @Override
            public <T> Outcome<T> call(java.util.function.Supplier<T> body, Duration budget) {
                budgets.add(budget);
                return inline.call(body, budget);
            }

            @Override
            public boolean isolated() {
                return true;
            }

            @Override
            public Duration budget() {
                return Duration.ofMillis(5);
            }

            @Override
            public Duration startupBudget() {
                return Duration.ofSeconds(30);
            }

            @Override
            public long lateAnswersDiscarded() {
                return 0;
            }

            @Override
            public void close() {
                inline.close();
            }
        };
        rig.started();
        rig.quote(BTC, "1", "2");
        assertThat(budgets).as("the factory and onStart within the start-up budget, the quote within the call's")
                .containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMillis(5));
    }
}
