package io.tradehost.coordinator.strategy;

import static io.tradehost.coordinator.strategy.EventRig.BTC;
import static io.tradehost.coordinator.strategy.EventRig.ETH;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.StrategyFailed;
import io.tradehost.api.event.StrategyQuarantined;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.strategy.event.HandleStatus;
import io.tradehost.api.strategy.event.OrderEvent;
import io.tradehost.api.strategy.event.OrderHandle;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Strategies that answer every refusal with another order, or keep failing: each loop ends in a few
 * rounds (quarantine, then suspension) instead of recursing or keeping the kernel busy forever.
 */
class EventRunawayTest {
    private final EventRig rig = new EventRig();
    private final List<OrderHandle> handles = new ArrayList<>();

    @Test
    void aStrategyResubmittingAnAbsurdOrderOnEachRefusalIsQuarantinedAndSuspendedWithoutRecursion() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && handles.isEmpty() || e instanceof OrderEvent.Rejected) {
                handles.add(h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("20000"), Price.of("100"))));
            }
        };
        rig.started();
        rig.quote(BTC, "99", "101");
        assertThat(rig.intents).isEmpty();
        assertThat(handles).hasSize(5).extracting(OrderHandle::status).containsOnly(HandleStatus.REJECTED);
        assertThat(rig.events.of(StrategyFailed.class)).extracting(StrategyFailed::consecutiveFailures)
                .containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
        assertThat(rig.events.of(StrategyQuarantined.class)).extracting(StrategyQuarantined::symbol)
                .containsExactly(BTC, ETH);
        assertThat(rig.health()).containsEntry("suspended", "1");
        int heard = rig.heard.size();
        rig.quote(BTC, "98", "100");
        assertThat(rig.heard).as("a suspended strategy hears nothing").hasSize(heard);
    }

    @Test
    void aStrategyAnsweringEveryGuardRefusalWithANewOrderIsStoppedByTheOrderCommandRate() {
        rig.onIntent = intent -> {
            rig.intents.add(intent);
            rig.kernel.publish(new IntentRejected(intent, "guard order-rate", new RejectionCode("ORDER_RATE"),
                    "too many"));
        };
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && handles.isEmpty() || e instanceof OrderEvent.Rejected) {
                handles.add(h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"), Price.of("99"))));
            }
        };
        rig.started();
        rig.quote(BTC, "99", "101"); // returns: the loop ended
        assertThat(rig.intents).hasSize(EventInstance.MAX_ORDER_COMMANDS_PER_SECOND);
        assertThat(rig.events.of(StrategyFailed.class)).hasSize(10).first().satisfies(f -> assertThat(f.error())
                .startsWith("flooded the host with more than 1000 order commands in one second"));
        assertThat(rig.events.of(StrategyQuarantined.class)).hasSize(2);
        assertThat(rig.health()).containsEntry("suspended", "1");
    }

    @Test
    void theOrdersOfAFailedCallbackAreToldRejectedSoTheStrategyDoesNotWaitForThemForever() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && handles.isEmpty()) {
                handles.add(h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"), Price.of("99"))));
                throw new IllegalStateException("after submitting");
            }
        };
        rig.started();
        rig.quote(BTC, "99", "101");
        assertThat(rig.intents).isEmpty();
        assertThat(rig.heard).endsWith("quote BTC-PERP 99/101", "Rejected #1 REJECTED 0/1 STRATEGY_FAILED");
        assertThat(rig.health()).containsEntry("failingInstances", "1");
    }

    @Test
    void aSuspendedStrategysRestingOrdersAreCancelled() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote q) {
                if (handles.isEmpty()) {
                    handles.add(h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"), Price.of("90"))));
                } else {
                    throw new IllegalStateException("broken on quote " + q.bid());
                }
            }
        };
        rig.started();
        rig.quote(BTC, "99", "101");
        rig.record(1);
        rig.accept(1);
        for (int i = 0; i < 5; i++) {
            rig.quote(BTC, "9" + i, "101");
        }
        assertThat(rig.cancels).singleElement().satisfies(c -> {
            assertThat(c.clientOrderId()).isEqualTo(EventRig.id(1));
            assertThat(c.reason()).isEqualTo("strategy 'probe' suspended");
        });
        rig.cancelled(1, "cancelled");
        assertThat(handles.getFirst().status()).isEqualTo(HandleStatus.CANCELLED);
        assertThat(rig.heard).as("the suspended strategy is not told").noneMatch(s -> s.startsWith("Cancelled"));
    }

    @Test
    void aModificationBeyondReasonIsRefusedAndTheOrderWorksOnAsItWas() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && handles.isEmpty()) {
                handles.add(h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"), Price.of("90"))));
            } else if (e instanceof OrderEvent.Accepted a) {
                h.modify(a.handle(), null, Quantity.of("20000"));
            }
        };
        rig.started();
        rig.quote(BTC, "99", "101");
        rig.record(1);
        rig.accept(1);
        assertThat(rig.cancels).isEmpty();
        assertThat(rig.heard).endsWith("Accepted #1 WORKING 0/1", "ModifyRejected #1 WORKING 0/1 STRATEGY_FAILED");
        assertThat(rig.events.of(StrategyFailed.class)).hasSize(2).first().satisfies(f -> assertThat(f.error())
                .contains("asked to BUY a notional of 1800000, more than 100 x equity 10000"));
    }

    @Test
    void aCallbackThatCatchesTheCommandLimitsRefusalStillFailsAndNoneOfItsCommandsIsCarriedOut() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && handles.isEmpty()) {
                handles.add(h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"), Price.of("99"))));
                try {
                    for (int i = 0; i < 1_000; i++) {
                        h.setTimer("t" + i, java.time.Duration.ofSeconds(1));
                    }
                } catch (IllegalStateException swallowed) {
                    // a hostile strategy goes on as if nothing happened
                }
            }
        };
        rig.started();
        rig.quote(BTC, "99", "101");
        assertThat(rig.intents).isEmpty();
        assertThat(rig.host.timers()).isEmpty();
        assertThat(rig.events.of(StrategyFailed.class)).first().satisfies(f -> assertThat(f.error()).isEqualTo(
                "onQuote: more than 1000 commands in one callback of strategy 'probe'; none of them is carried out"));
        assertThat(rig.heard).endsWith("Rejected #1 REJECTED 0/1 STRATEGY_FAILED");
    }
}
