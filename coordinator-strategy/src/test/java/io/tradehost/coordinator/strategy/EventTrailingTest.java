package io.tradehost.coordinator.strategy;

import static io.tradehost.coordinator.strategy.EventRig.BTC;
import static io.tradehost.coordinator.strategy.EventRig.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.event.StopMoved;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.Trail;
import io.tradehost.api.strategy.event.HandleStatus;
import io.tradehost.api.strategy.event.OrderHandle;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A trailing stop by handle: the intent carries the trail, the handle shows the trigger as execution moves it. */
class EventTrailingTest {
    private final EventRig rig = new EventRig();

    @Test
    void theHandleShowsTheTriggerExecutionSetAndEachMoveWithoutCallingTheStrategy() {
        rig.venue.nativeStops(true); // a trailing stop is the host's on every venue: it works once journaled
        List<OrderHandle> handles = new ArrayList<>();
        Trail trail = Trail.byOffset(Price.of("2"));
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && handles.isEmpty()) {
                handles.add(h.submit(OrderSpec.trailingStop(BTC, Side.SELL, Quantity.of("1"), trail)));
            }
        };
        rig.started();
        rig.quote(BTC, "99.99", "100.01");
        assertThat(rig.intents).singleElement().satisfies(i -> {
            assertThat(i.trail()).isEqualTo(trail);
            assertThat(i.type()).isEqualTo(OrderType.STOP_MARKET);
            assertThat(i.stopPrice()).isNull();
            assertThat(i.reduceOnly()).as("a protection: reduce-only by default").isTrue();
        });
        OrderHandle handle = handles.getFirst();
        assertThat(handle.spec().stopPrice()).isNull();
        rig.intents.set(0, withStop(rig.intents.getFirst(), "98")); // execution sets the trigger from the mark
        rig.record(1);
        assertThat(handle.spec().stopPrice()).isEqualTo(Price.of("98"));
        assertThat(handle.status()).isEqualTo(HandleStatus.WORKING);
        int heard = rig.heard.size();
        rig.publish(new StopMoved(id(1), BTC, Price.of("99.5"), trail, 0));
        assertThat(handle.spec().stopPrice()).isEqualTo(Price.of("99.5"));
        assertThat(handle.spec().trail()).isEqualTo(trail);
        assertThat(rig.heard).hasSize(heard);
    }

    private static io.tradehost.api.command.OrderIntent withStop(io.tradehost.api.command.OrderIntent i, String stop) {
        return new io.tradehost.api.command.OrderIntent(i.sequence(), i.symbol(), i.side(), i.close(), i.quantity(),
                i.notional(), i.type(), i.limitPrice(), i.timeInForce(), i.reduceOnly(), i.postOnly(), i.strategy(),
                i.reason(), i.markPrice(), i.timestampNanos(), Price.of(stop), i.managed(), i.expireAtNanos(),
                i.trail());
    }
}
