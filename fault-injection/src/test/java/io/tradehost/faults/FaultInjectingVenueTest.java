package io.tradehost.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.BookReceived;
import io.tradehost.api.event.FundingPaid;
import io.tradehost.api.event.FundingRateReceived;
import io.tradehost.api.event.MarketDataStale;
import io.tradehost.api.event.OrderAmendRejected;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.VenueConnectionChanged;
import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.BookLevel;
import io.tradehost.api.market.FundingRate;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueFactory;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.ScriptedAmends;
import io.tradehost.testkit.ScriptedVenue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
class FaultInjectingVenueTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final Kernel kernel = new Kernel(clock);
    private final EventRecorder events = new EventRecorder();
    private final ScriptedVenue scripted = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP")));
    private int orders;

    private FaultInjectingVenue venue(Map<String, Object> faults) throws VenueException {
        VenueFactory wrapped = FaultInjection.wrap(ScriptedVenue.factory("scripted", List.of("KEY"), scripted),
                FaultSettings.read(new PluginConfig("faults", faults)), 11);
        assertThat(wrapped.name()).isEqualTo("scripted");
        assertThat(wrapped.requiredCredentials()).containsExactly("KEY");
        assertThat(wrapped.description()).endsWith("(with injected faults)");
        Venue venue = wrapped.create(PluginConfig.empty("venue.config"), new VenueContext(clock, kernel,
                new VenueEventAdapter(events, clock), Map.of(), 1));
        venue.connect();
        return (FaultInjectingVenue) venue;
    }

    private OrderRequest order() {
        return OrderRequest.market(ClientOrderId.of("o-" + (++orders)), BTC, Side.BUY, Quantity.of("1"));
    }

    private long outcomes(FaultInjectingVenue venue, int calls, String code) {
        long count = 0;
        for (int i = 0; i < calls; i++) {
            try {
                venue.place(order());
            } catch (VenueException e) {
                if (e.code().value().equals(code)) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void withoutFaultsEveryCallGoesThrough() throws VenueException {
        FaultInjectingVenue venue = venue(Map.of());
        assertThat(outcomes(venue, 50, "UNAVAILABLE")).isZero();
        assertThat(scripted.placed()).hasSize(50);
        assertThat(venue.injected()).isEmpty();
        assertThat(venue.delegate()).isSameAs(scripted);
        assertThat(venue.products()).isEqualTo(scripted.products());
    }

    @Test
    void errorsFailCallsBeforeTheyReachTheVenueAtAboutTheConfiguredRate() throws VenueException {
        FaultInjectingVenue venue = venue(Map.of("error_rate", "0.2"));
        long failed = outcomes(venue, 1000, "UNAVAILABLE");
        assertThat(failed).isBetween(150L, 250L);
        assertThat(scripted.placed()).hasSize((int) (1000 - failed));
        assertThat(venue.injected()).containsEntry("error", failed);
    }

    @Test
    void timeoutsSometimesTookEffectAndRateLimitsCarryTheirWait() throws VenueException {
        FaultInjectingVenue venue = venue(Map.of("timeout_rate", "1", "timeout_takes_effect", "0.5"));
        long timeouts = outcomes(venue, 200, "TIMEOUT");
        assertThat(timeouts).isEqualTo(200);
        assertThat(venue.injected().get("timeout_effective")).isEqualTo(scripted.placed().size()).isBetween(70L, 130L);

        FaultInjectingVenue limited = venue(Map.of("rate_limit_rate", "1", "retry_after", "3s"));
        assertThatThrownBy(() -> limited.place(order())).isInstanceOfSatisfying(VenueException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3)));
    }

    @Test
    void fillsComeTwiceOrLate() throws VenueException {
        FaultInjectingVenue venue = venue(Map.of("duplicate_fill_rate", "1"));
        venue.place(order());
        assertThat(events.of(OrderFilled.class)).hasSize(2);

        EventRecorder late = new EventRecorder();
        FaultInjectingVenue delayed = (FaultInjectingVenue) FaultInjection.wrap(ScriptedVenue.factory("s", List.of(),
                scripted), FaultSettings.read(new PluginConfig("faults", Map.of("delayed_fill_rate", "1",
                "fill_delay", "2s"))), 5).create(PluginConfig.empty("venue.config"), new VenueContext(clock, kernel,
                new VenueEventAdapter(late, clock), Map.of(), 1));
        delayed.place(order());
        assertThat(late.of(OrderFilled.class)).isEmpty();
        kernel.advanceBy(Duration.ofSeconds(2));
        assertThat(late.of(OrderFilled.class)).hasSize(1);
        assertThat(delayed.injected()).containsEntry("delayed_fill", 1L);
    }

    @Test
    void aDisconnectFailsCallsLosesReportsAndTellsTheHostBothWays() throws VenueException {
        FaultInjectingVenue venue = venue(Map.of("disconnect_every", "10s", "disconnect_for", "2s"));
        kernel.advanceBy(Duration.ofSeconds(10));
        assertThat(events.of(VenueConnectionChanged.class)).extracting(VenueConnectionChanged::connected)
                .containsExactly(false);
        assertThatThrownBy(() -> venue.place(order())).isInstanceOfSatisfying(VenueException.class,
                e -> assertThat(e.code().value()).isEqualTo("NOT_CONNECTED"));
        assertThatThrownBy(venue::account).isInstanceOf(VenueException.class);
        assertThatThrownBy(venue::openOrders).isInstanceOf(VenueException.class);
        scripted.emitFill(new Fill("lost", ClientOrderId.of("x"), BTC, Side.BUY, Quantity.of("1"), Price.ofUnits(1),
                Money.ZERO, Liquidity.TAKER, 0));
        assertThat(events.of(OrderFilled.class)).as("reports are lost while down").isEmpty();
        kernel.advanceBy(Duration.ofSeconds(2));
        assertThat(events.of(VenueConnectionChanged.class)).extracting(VenueConnectionChanged::connected)
                .containsExactly(false, true);
        venue.place(order());
        assertThat(venue.order(ClientOrderId.of("o-2"))).isPresent();
        assertThat(venue.fills(ClientOrderId.of("o-2"))).hasSize(1);
        assertThat(venue.injected()).containsEntry("disconnect", 1L).containsEntry("lost_report", 1L);
        venue.cancel(ClientOrderId.of("o-2"));
        venue.subscribe(Set.of(BTC));
        venue.close();
        assertThat(scripted.isClosed()).isTrue();
    }

    @Test
    void everyAnswerAndReportTheInjectorDoesNotTargetPassesThrough() throws VenueException {
        FaultInjectingVenue venue = venue(Map.of());
        VenueFactory wrapped = FaultInjection.wrap(ScriptedVenue.factory("scripted", List.of(), scripted),
                FaultSettings.read(new PluginConfig("faults", Map.of())), 11);
        assertThat(wrapped.simulated()).as("a simulated venue stays simulated behind faults").isTrue();
        assertThat(wrapped.optionalCredentials()).isEqualTo(ScriptedVenue.factory("s", List.of(), scripted)
                .optionalCredentials());
        assertThat(venue.supportsNatively(OrderType.STOP_LIMIT)).isFalse();
        scripted.nativeStops(true);
        assertThat(venue.supportsNatively(OrderType.STOP_LIMIT)).isTrue();
        assertThat(venue.publishesDepth()).isFalse();
        scripted.publishesDepth(true);
        assertThat(venue.publishesDepth()).isTrue();
        scripted.funding(List.of(payment("f-1")));
        assertThat(venue.fundingPayments()).containsExactly(payment("f-1"));
        scripted.emitFunding(payment("f-2"));
        scripted.emitStale(BTC, "gap");
        scripted.emitFills(List.of(fill("a"), fill("b")));
        scripted.emitBook(book());
        scripted.emitFundingRate(rate());
        assertThat(events.of(BookReceived.class)).extracting(BookReceived::book).containsExactly(book());
        assertThat(events.of(FundingRateReceived.class)).extracting(FundingRateReceived::funding)
                .containsExactly(rate());
        assertThat(events.of(FundingPaid.class)).extracting(f -> f.payment().id()).containsExactly("f-2");
        assertThat(events.of(MarketDataStale.class)).extracting(MarketDataStale::reason).containsExactly("gap");
        assertThat(events.of(OrderFilled.class)).extracting(f -> f.fill().tradeId()).containsExactly("a", "b");
    }

    @Test
    void whileDisconnectedFundingReportsAreLostAndTheFundingQueryFails() throws VenueException {
        FaultInjectingVenue venue = venue(Map.of("disconnect_every", "10s", "disconnect_for", "2s",
                "duplicate_fill_rate", "1"));
        kernel.advanceBy(Duration.ofSeconds(10));
        scripted.emitFunding(payment("f-1"));
        scripted.emitStale(BTC, "gap");
        scripted.emitBook(book());
        scripted.emitFundingRate(rate());
        assertThat(events.of(BookReceived.class)).as("market data is lost while down").isEmpty();
        assertThat(events.of(FundingRateReceived.class)).isEmpty();
        assertThatThrownBy(venue::fundingPayments).isInstanceOfSatisfying(VenueException.class,
                e -> assertThat(e.code().value()).isEqualTo("NOT_CONNECTED"));
        assertThat(events.of(FundingPaid.class)).isEmpty();
        assertThat(events.of(MarketDataStale.class)).isEmpty();
        kernel.advanceBy(Duration.ofSeconds(2));
        scripted.emitFills(List.of(fill("c")));
        assertThat(events.of(OrderFilled.class)).as("each fill of a batch meets the duplicate fault")
                .extracting(f -> f.fill().tradeId()).containsExactly("c", "c");
    }

    @Test
    void anAmendIsForwardedFailsLikeACancelAndItsOutcomeIsLostWhileDown() throws VenueException {
        scripted.amends().supported(true);
        FaultInjectingVenue venue = venue(Map.of("disconnect_every", "10s", "disconnect_for", "2s"));
        assertThat(venue.supportsAmend()).isTrue();
        scripted.answer(ScriptedVenue.Answer.ACCEPT);
        venue.place(order());
        ClientOrderId id = ClientOrderId.of("o-1");
        scripted.amends().answer(ScriptedAmends.Answer.AMEND, ScriptedAmends.Answer.REJECT,
                ScriptedAmends.Answer.HOLD, ScriptedAmends.Answer.HOLD);
        venue.amend(id, Price.ofUnits(90), Quantity.of("2"));
        venue.amend(id, Price.ofUnits(91), Quantity.of("2"));
        venue.amend(id, Price.ofUnits(92), Quantity.of("2"));
        venue.amend(id, Price.ofUnits(93), Quantity.of("2"));
        kernel.advanceBy(Duration.ofSeconds(10));
        assertThatThrownBy(() -> venue.amend(id, Price.ofUnits(94), Quantity.of("2")))
                .isInstanceOfSatisfying(VenueException.class, e -> {
                    assertThat(e.code().value()).isEqualTo("NOT_CONNECTED");
                    assertThat(e.isTransient()).isTrue();
                });
        scripted.amends().confirm(id);
        scripted.amends().reject(id, RejectionCode.of("INVALID_EDITED_PRICE"), "lost");

        assertThat(events.of(OrderAmended.class)).containsExactly(new OrderAmended(id, BTC, Price.ofUnits(90),
                Quantity.of("2"), clock.nanos() - Duration.ofSeconds(10).toNanos()));
        assertThat(events.of(OrderAmendRejected.class)).extracting(OrderAmendRejected::code)
                .containsExactly(RejectionCode.of("COMMANDER_REJECTED_EDIT_ORDER"));
        assertThat(venue.injected()).containsEntry("lost_report", 2L);
        assertThat(scripted.amends().calls()).as("the amend while down never reached the venue").hasSize(4);
        assertThat(venue.delegate().order(id)).map(o -> o.request().limitPrice()).contains(Price.ofUnits(93));
    }

    @Test
    void amendsFailAtTheErrorRateBeforeReachingTheVenue() throws VenueException {
        scripted.amends().supported(true);
        FaultInjectingVenue venue = venue(Map.of("error_rate", "1"));
        assertThatThrownBy(() -> venue.amend(ClientOrderId.of("x"), Price.ofUnits(90), Quantity.of("1")))
                .isInstanceOfSatisfying(VenueException.class, e -> {
                    assertThat(e.code().value()).isEqualTo("UNAVAILABLE");
                    assertThat(e.getMessage()).isEqualTo("injected error: amend not sent");
                });
        assertThat(scripted.amends().calls()).isEmpty();
        assertThat(venue.injected()).containsEntry("error", 1L);
    }

    private static FundingPayment payment(String id) {
        return new FundingPayment(id, BTC, Money.of("-1.5"), Ratio.of("0.0001"), Quantity.of("1"), Price.ofUnits(15000),
                1_000L);
    }

    private static BookDepth book() {
        return new BookDepth(BTC, List.of(new BookLevel(Price.ofUnits(14999), Quantity.of("2"))),
                List.of(new BookLevel(Price.ofUnits(15001), Quantity.of("3"))), 1_000L);
    }

    private static FundingRate rate() {
        return new FundingRate(BTC, Ratio.of("0.0001"), 3_600_000_001_000L, 1_000L);
    }

    private static Fill fill(String tradeId) {
        return new Fill(tradeId, ClientOrderId.of("x"), BTC, Side.BUY, Quantity.of("1"), Price.ofUnits(1), Money.ZERO,
                Liquidity.TAKER, 0);
    }

    @Test
    void theSameSeedInjectsTheSameFaults() throws VenueException {
        FaultInjectingVenue first = venue(Map.of("error_rate", "0.3"));
        outcomes(first, 100, "UNAVAILABLE");
        FaultInjectingVenue second = venue(Map.of("error_rate", "0.3"));
        outcomes(second, 100, "UNAVAILABLE");
        assertThat(second.injected()).isEqualTo(first.injected());
    }

    @Test
    void aMisspeltKeyOrARateAboveOneIsAConfigError() {
        assertThatThrownBy(() -> FaultSettings.read(new PluginConfig("faults", Map.of("error_rat", "0.1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("error_rat");
        assertThatThrownBy(() -> FaultSettings.read(new PluginConfig("faults", Map.of("error_rate", "2"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("faults.error_rate");
    }
}
