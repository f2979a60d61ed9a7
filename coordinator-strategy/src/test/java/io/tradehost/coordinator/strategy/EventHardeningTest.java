package io.tradehost.coordinator.strategy;

import static io.tradehost.coordinator.strategy.EventRig.BTC;
import static io.tradehost.coordinator.strategy.EventRig.ETH;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.event.BookReceived;
import io.tradehost.api.event.FundingRateReceived;
import io.tradehost.api.event.OrderCancelRejected;
import io.tradehost.api.event.StrategyFailed;
import io.tradehost.api.event.StrategyQuarantined;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.journal.OrderJournal;
import io.tradehost.api.market.Bar;
import io.tradehost.api.market.BarInterval;
import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.BookLevel;
import io.tradehost.api.market.FundingRate;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.strategy.event.HandleStatus;
import io.tradehost.api.strategy.event.OrderHandle;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a strategy's commands and the host's own calls may not do to the host, and data a late subscriber gets. */
class EventHardeningTest {
    private final EventRig rig = new EventRig();

    private static OrderJournal emptyJournal() {
        return new OrderJournal() {
            @Override
            public JournalSnapshot snapshot() {
                return new JournalSnapshot(false, "r", 0, Money.ZERO, List.of(), List.of(), Set.of());
            }

            @Override
            public void recordBaseline(Money cash, List<Position> positions, long timestampNanos) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void theHostsStateSavesInBetweenDoNotEndARunOfFailures() {
        rig.journal = emptyJournal(); // states are saved every second
        rig.onStart = h -> h.setRepeatingTimer("tick", Duration.ofSeconds(2));
        rig.onEvent = (h, e) -> {
            if (e instanceof String) {
                throw new IllegalStateException("broken timer");
            }
        };
        rig.started();
        rig.advance(Duration.ofSeconds(10));
        assertThat(rig.events.of(StrategyFailed.class)).extracting(StrategyFailed::consecutiveFailures)
                .containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
        assertThat(rig.events.of(StrategyQuarantined.class)).hasSize(2);
        assertThat(rig.health()).containsEntry("suspended", "1");
    }

    @Test
    void aTimerShorterThanAMillisecondOrLongerThanAYearIsRefused() {
        rig.onStart = h -> h.setRepeatingTimer("spin", Duration.ofNanos(1));
        rig.started();
        assertThat(rig.events.of(StrategyFailed.class)).first().satisfies(f -> assertThat(f.error()).isEqualTo(
                "onStart: IllegalArgumentException: a timer's delay must be between 1 ms and 366 days, not PT0.000000001S"));
        assertThat(rig.host.timers()).isEmpty();
    }

    @Test
    void aTimerLongerThan366DaysIsRefused() {
        rig.onStart = h -> {
            h.setTimer("year", Duration.ofDays(366));
            h.setTimer("more", Duration.ofDays(366).plusNanos(1));
        };
        rig.started();
        assertThat(rig.events.of(StrategyFailed.class)).first().satisfies(f -> assertThat(f.error()).startsWith(
                "onStart: IllegalArgumentException: a timer's delay must be between 1 ms and 366 days"));
    }

    @Test
    void timersFiringMoreThanAThousandTimesASecondAreTheStrategysFailure() {
        rig.onStart = h -> {
            for (int i = 0; i < 100; i++) {
                h.setRepeatingTimer("t" + i, Duration.ofMillis(1));
            }
        };
        rig.started();
        rig.advance(Duration.ofMillis(20));
        assertThat(rig.events.of(StrategyFailed.class)).first().satisfies(f -> assertThat(f.error()).startsWith(
                "its timers fired more than 1000 times in one second of host time"));
        assertThat(rig.health()).containsEntry("suspended", "1");
        long heard = rig.heard.size();
        rig.advance(Duration.ofSeconds(2));
        assertThat(rig.heard).as("suspended: its timers stopped").hasSize((int) heard);
    }

    @Test
    void subscribingAgainFromTheCallbackThatDeliversTheDataDoesNotLoop() {
        rig.onStart = h -> {
            h.subscribeFundingRate(ETH);
            h.subscribeBook(BTC, 1);
        };
        rig.onEvent = (h, e) -> {
            if (e instanceof FundingRate) {
                h.subscribeFundingRate(ETH);
            } else if (e instanceof BookDepth) {
                h.subscribeBook(BTC, 1);
            }
        };
        rig.started();
        rig.publish(new FundingRateReceived(new FundingRate(ETH, Ratio.of("0.0001"), 8, 0)));
        rig.publish(new BookReceived(new BookDepth(BTC, List.of(level("99", "1")), List.of(level("101", "1")), 0)));
        assertThat(rig.heard.subList(1, rig.heard.size())).containsExactly("funding ETH-PERP 0.0001 next 8",
                "book BTC-PERP [1@99] [1@101]");
    }

    @Test
    void aCommandTheHostCannotCarryOutIsTheStrategysFailureAndTheOtherCommandsOfItsCallbackAreDropped() {
        int[] round = {0};
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote) {
                int r = round[0]++;
                for (int i = 0; i < 600; i++) {
                    h.setTimer("t" + r + "-" + i, Duration.ofMinutes(1));
                }
                h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"), Price.of("90")));
            }
        };
        rig.started();
        rig.quote(BTC, "99", "101");
        rig.quote(BTC, "99", "101");
        assertThat(rig.host.timers()).hasSize(1_000);
        assertThat(rig.intents).hasSize(1);
        assertThat(rig.events.of(StrategyFailed.class)).first().satisfies(f -> assertThat(f.error()).isEqualTo(
                "a command failed (IllegalStateException: strategy 'probe' has 1000 timers already); the rest of "
                        + "the callback's commands are dropped"));
        assertThat(rig.heard).endsWith("Rejected #2 REJECTED 0/1 STRATEGY_FAILED");
    }

    @Test
    void aStrategyMaySubscribeToAnotherIntervalFromOnBar() {
        rig.venue.publishesTrades(true);
        rig.onStart = h -> h.subscribeBars(BTC, BarInterval.parse("1m"));
        rig.onEvent = (h, e) -> {
            if (e instanceof Bar b && b.interval().equals(BarInterval.parse("1m"))) {
                h.subscribeBars(BTC, BarInterval.parse("2m"));
            }
        };
        rig.started();
        rig.trade(BTC, "100", "1");
        rig.advance(Duration.ofSeconds(61));
        rig.trade(BTC, "101", "1");
        rig.advance(Duration.ofSeconds(60));
        assertThat(rig.kernel.handlerFailureCount()).isZero();
        assertThat(rig.heard.stream().filter(l -> l.startsWith("bar"))).containsExactly(
                "bar BTC-PERP 1m 0s O100 H100 L100 C100 V1 n1", "bar BTC-PERP 1m 60s O101 H101 L101 C101 V1 n1",
                "bar BTC-PERP 2m 0s O101 H101 L101 C101 V1 n1");
    }

    private static BookLevel level(String price, String size) {
        return new BookLevel(Price.of(price), Quantity.of(size));
    }

    @Test
    void theBookHeardAfterSubscribingKeepsItsOwnOrderAndTheOrderDroppedAfterAFailedCommandIsTheCallbacksOwn() {
        List<OrderHandle> outer = new java.util.ArrayList<>();
        List<OrderHandle> nested = new java.util.ArrayList<>();
        rig.onStart = h -> {
            h.subscribeQuotes(BTC);
            for (int i = 0; i < 998; i++) {
                h.setTimer("s" + i, Duration.ofMinutes(1));
            }
        };
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && outer.isEmpty()) {
                h.subscribeBook(BTC, 1); // the current book is heard right after this callback
                h.setTimer("999th", Duration.ofMinutes(1));
                h.setTimer("1000th", Duration.ofMinutes(1));
                h.setTimer("1001st", Duration.ofMinutes(1)); // one timer too many: this command fails
                outer.add(h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"), Price.of("90"))));
            } else if (e instanceof BookDepth && nested.isEmpty()) {
                nested.add(h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"), Price.of("91"))));
            }
        };
        rig.started();
        rig.publish(new BookReceived(new BookDepth(BTC, List.of(level("99", "1")), List.of(level("101", "1")), 0)));
        rig.quote(BTC, "99", "101");
        // the book's callback (its own batch of commands, inline calls reusing one) had its order go out; the
        // quote's order after the failed command was dropped, not left waiting for ever
        assertThat(rig.intents).singleElement().satisfies(i -> assertThat(i.limitPrice()).isEqualTo(Price.of("91")));
        assertThat(nested).singleElement().satisfies(n -> assertThat(n.status()).isNotEqualTo(HandleStatus.REJECTED));
        assertThat(outer).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(HandleStatus.REJECTED));
        assertThat(rig.heard).contains("book BTC-PERP [1@99] [1@101]");
        assertThat(rig.events.of(StrategyFailed.class)).hasSize(2) // one per symbol of the instance
                .allSatisfy(f -> assertThat(f.error()).contains("has 1000 timers already"));
    }

    @Test
    void aLateSubscriberGetsTheCurrentBookAndFundingRateAtOnceAndABookIsNotRepeatedWhileItsLevelsStand() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote) {
                h.subscribeBook(BTC, 1);
                h.subscribeFundingRate(ETH);
            }
        };
        rig.started();
        rig.publish(new FundingRateReceived(new FundingRate(ETH, Ratio.of("0.0001"), 8, 0)));
        rig.publish(new BookReceived(new BookDepth(BTC, List.of(level("99", "1"), level("98", "1")),
                List.of(level("101", "1")), 0)));
        rig.quote(BTC, "99", "101");
        rig.publish(new BookReceived(new BookDepth(BTC, List.of(level("99", "1"), level("98", "5")),
                List.of(level("101", "1")), 1))); // only below the level asked for
        rig.publish(new BookReceived(new BookDepth(BTC, List.of(level("99", "2")), List.of(level("101", "1")), 2)));
        assertThat(rig.heard.subList(1, rig.heard.size())).containsExactly("quote BTC-PERP 99/101",
                "book BTC-PERP [1@99] [1@101]", "funding ETH-PERP 0.0001 next 8", "book BTC-PERP [2@99] [1@101]");
    }

    @Test
    void theOrdersOfASuspendedStrategyAreCancelledAgainWithBackoffWhileTheVenueRefuses() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote q) {
                if (rig.intents.isEmpty()) {
                    h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"), Price.of("90")));
                } else {
                    throw new IllegalStateException("broken on " + q.bid());
                }
            }
        };
        rig.started();
        rig.quote(BTC, "99", "101");
        rig.record(1);
        rig.accept(1);
        for (int i = 0; i < 5; i++) {
            rig.quote(BTC, "99", "101");
        }
        assertThat(rig.cancels).hasSize(1);
        rig.publish(new OrderCancelRejected(EventRig.id(1), BTC, new RejectionCode("RATE_LIMITED"), "later", 0));
        rig.advance(Duration.ofMillis(999));
        assertThat(rig.cancels).hasSize(1);
        rig.advance(Duration.ofMillis(1));
        assertThat(rig.cancels).hasSize(2);
        rig.publish(new OrderCancelRejected(EventRig.id(1), BTC, new RejectionCode("RATE_LIMITED"), "later", 0));
        rig.advance(Duration.ofMillis(1_999));
        assertThat(rig.cancels).hasSize(2);
        rig.advance(Duration.ofMillis(1));
        assertThat(rig.cancels).extracting(c -> c.reason()).containsExactly("strategy 'probe' suspended",
                "strategy 'probe' no longer runs", "strategy 'probe' no longer runs");
    }

    @Test
    void aStrategysOwnCancelWhileAnExpiryIsAskedAgainStillEndsTheOrderExpired() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && rig.intents.isEmpty()) {
                h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"), Price.of("90"))
                        .expiringAt(h.nowNanos() + Duration.ofSeconds(10).toNanos()));
            } else if (e instanceof io.tradehost.api.strategy.event.OrderEvent.CancelRejected c) {
                h.cancel(c.handle());
            }
        };
        rig.started();
        rig.quote(BTC, "99", "101");
        rig.record(1);
        rig.accept(1);
        rig.advance(Duration.ofSeconds(10));
        rig.publish(new OrderCancelRejected(EventRig.id(1), BTC, new RejectionCode("RATE_LIMITED"), "later", 0));
        rig.advance(Duration.ofSeconds(1));
        assertThat(rig.cancels).extracting(c -> c.reason()).containsExactly("good-till time reached",
                "cancelled by strategy 'probe'");
        rig.cancelled(1, "cancelled");
        assertThat(rig.heard).endsWith("Expired #1 EXPIRED 0/1");
    }

    @Test
    void aBookFromBeforeTheVenuesDataWentStaleIsNotHandedToANewSubscriber() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote) {
                h.subscribeBook(BTC, 1);
            }
        };
        rig.started();
        rig.publish(new BookReceived(new BookDepth(BTC, List.of(level("99", "1")), List.of(level("101", "1")), 0)));
        rig.publish(new io.tradehost.api.event.MarketDataStale(BTC, "sequence gap", 0));
        rig.quote(BTC, "99", "101");
        assertThat(rig.heard).noneMatch(l -> l.startsWith("book"));
        rig.publish(new BookReceived(new BookDepth(BTC, List.of(level("99", "2")), List.of(level("101", "1")), 1)));
        assertThat(rig.heard).endsWith("book BTC-PERP [2@99] [1@101]");
    }
}
