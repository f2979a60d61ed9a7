package io.tradehost.simulator;

import static io.tradehost.simulator.Fixture.NOW;
import static io.tradehost.simulator.Fixture.SOL;
import static io.tradehost.simulator.Fixture.engine;
import static io.tradehost.simulator.Fixture.limit;
import static io.tradehost.simulator.Fixture.p;
import static io.tradehost.simulator.Fixture.q;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.venue.VenueException;
import org.junit.jupiter.api.Test;

/**
 * Slippage never takes a limit order beyond its limit, and an amend asked while its order is on its
 * way follows it to the book, as a cancel does.
 */
class LimitsAndPendingAmendsTest {
    private static final EngineRules SLIPPY = new EngineRules(Ratio.of("10"), Ratio.of("2"), Ratio.of("50"), true, "V-",
            "T-");

    @Test
    void aMarketableLimitFillsAtMostAtItsLimitWhateverTheSlippage() throws VenueException {
        MatchingEngine engine = engine(SLIPPY, "10000");
        OrderRequest buy = limit("b", SOL, Side.BUY, "1", "100.02"); // the ask 100.01 slipped 50 bps is 100.51
        assertThat(engine.place(buy, NOW)).filteredOn(EngineEvent.Filled.class::isInstance)
                .singleElement().satisfies(e -> assertThat(((EngineEvent.Filled) e).fill().price())
                        .isEqualTo(p("100.02")));
        OrderRequest rest = limit("r", SOL, Side.BUY, "1", "99");
        engine.place(rest, NOW);
        assertThat(engine.amend(rest.clientOrderId(), p("100.03"), q("1"), NOW))
                .filteredOn(EngineEvent.Filled.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((EngineEvent.Filled) e).fill().price()).isEqualTo(p("100.03")));
    }

    @Test
    void anAmendOnTheWayIsAppliedWhenItsOrderRestsAndRefusedWhenItFilledOnArrival() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest resting = limit("r", SOL, Side.BUY, "1", "99");
        OrderRequest taking = limit("t", SOL, Side.BUY, "1", "101");
        engine.submit(resting);
        engine.submit(taking);
        assertThat(engine.amend(resting.clientOrderId(), p("98.5"), q("1"), NOW)).isEmpty();
        assertThat(engine.amend(resting.clientOrderId(), p("98"), q("2"), NOW)).as("the last one asked counts")
                .isEmpty();
        assertThat(engine.amend(taking.clientOrderId(), p("100.5"), q("1"), NOW)).isEmpty();
        assertThat(engine.arrive(resting.clientOrderId(), NOW)).singleElement().satisfies(e -> {
            assertThat(e).isInstanceOf(EngineEvent.Amended.class);
            assertThat(e.order().request()).isEqualTo(resting.amended(p("98"), q("2")));
        });
        assertThat(engine.arrive(taking.clientOrderId(), NOW)).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Filled", "AmendRejected");
        assertThat(engine.openOrders()).extracting(o -> o.request()).containsExactly(resting.amended(p("98"), q("2")));
    }
}
