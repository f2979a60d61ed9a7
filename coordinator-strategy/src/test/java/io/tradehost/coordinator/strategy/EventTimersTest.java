package io.tradehost.coordinator.strategy;

import static io.tradehost.coordinator.strategy.EventRig.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.journal.OrderJournal;
import io.tradehost.api.market.BarInterval;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.Position;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** No timer the host keeps for an event-driven instance outlives what it serves. */
class EventTimersTest {
    private final EventRig rig = new EventRig();

    /** An empty journal: the instance's state is saved every second. */
    private static OrderJournal journal() {
        return new OrderJournal() {
            @Override
            public JournalSnapshot snapshot() {
                return new JournalSnapshot(false, "r", 9, Money.ZERO, List.of(), List.of(), Set.of());
            }

            @Override
            public void recordBaseline(Money cash, List<Position> positions, long timestampNanos) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private void withTimerBarsAndSaves() {
        rig.journal = journal();
        rig.onStart = h -> {
            h.subscribeQuotes(BTC);
            h.subscribeBars(BTC, BarInterval.parse("1m"));
            h.setRepeatingTimer("tick", Duration.ofSeconds(1));
        };
        rig.started();
        assertThat(rig.kernel.pendingTimerCount()).as("its timer, its bars' and its saves'").isEqualTo(3);
    }

    @Test
    void aStoppedInstanceLeavesNoTimerRunningNeitherItsOwnNorItsBarsNorItsSaves() {
        withTimerBarsAndSaves();
        rig.coordinator.stop();
        assertThat(rig.kernel.pendingTimerCount()).isZero();
    }

    @Test
    void aSuspendedInstanceLeavesNoTimerRunningEither() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote) {
                throw new IllegalStateException("broken");
            }
        };
        withTimerBarsAndSaves();
        for (int i = 0; i < StrategySettings.DEFAULT_QUARANTINE_AFTER; i++) {
            rig.quote(BTC, "99", "101");
        }
        assertThat(rig.health()).containsEntry("suspended", "1");
        assertThat(rig.kernel.pendingTimerCount()).isZero();
    }

    @Test
    void anOrderClosedBeforeItsGoodTillTimeLeavesNoExpiryTimerBehind() {
        rig.onStart = h -> h.subscribeQuotes(BTC);
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote) {
                h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"), Price.of("99"))
                        .expiringAt(h.nowNanos() + Duration.ofSeconds(30).toNanos()));
            }
        };
        rig.started();
        rig.quote(BTC, "99.99", "100.01");
        rig.record(1);
        rig.accept(1);
        assertThat(rig.kernel.pendingTimerCount()).as("the expiry").isEqualTo(1);
        rig.fill(1, BTC, Side.BUY, "1", "99", "1");
        assertThat(rig.kernel.pendingTimerCount()).isZero();
        rig.advance(Duration.ofSeconds(30));
        assertThat(rig.cancels).isEmpty();
    }
}
