package io.tradehost.api.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.event.BookReceived;
import io.tradehost.api.event.FundingRateReceived;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Symbol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BookDepthTest {
    private static final Symbol BTC = Symbol.of("BTC-USD");

    private static BookLevel level(String price, String size) {
        return new BookLevel(Price.of(price), Quantity.of(size));
    }

    @Test
    void sidesAreBestFirstAndCutToTheLevelsAskedFor() {
        BookDepth book = new BookDepth(BTC, List.of(level("99", "1"), level("98", "2"), level("97", "3")),
                List.of(level("101", "4"), level("102", "5")), 7);
        assertThat(book.top(3)).isSameAs(book);
        BookDepth top = book.top(1);
        assertThat(top.bids()).containsExactly(level("99", "1"));
        assertThat(top.asks()).containsExactly(level("101", "4"));
        assertThat(top.timestampNanos()).isEqualTo(7);
        assertThat(book.top(2).bids()).containsExactly(level("99", "1"), level("98", "2"));
        assertThat(book.top(2).asks()).isEqualTo(book.asks());
        assertThat(book.sameLevels(new BookDepth(BTC, book.bids(), book.asks(), 99))).as("time aside").isTrue();
        assertThat(book.sameLevels(top)).isFalse();
        assertThat(top.sameLevels(new BookDepth(BTC, top.bids(), book.asks(), 7))).as("asks differ").isFalse();
        assertThat(book.sameLevels(null)).isFalse();
        assertThatThrownBy(() -> book.top(0)).hasMessage("levels must be at least 1, not 0");
    }

    @Test
    void outOfOrderRepeatedOrTooManyLevelsAreRefusedNamingTheSide() {
        assertThatThrownBy(() -> new BookDepth(BTC, List.of(), List.of(level("101", "1"), level("101", "1")), 0))
                .hasMessage("asks out of order at level 1: 101 then 101");
        assertThatThrownBy(() -> new BookDepth(BTC, List.of(level("99", "1"), level("99.5", "1")), List.of(), 0))
                .hasMessage("bids out of order at level 1: 99 then 99.5");
        List<BookLevel> many = new ArrayList<>();
        for (int i = 0; i <= BookDepth.MAX_LEVELS; i++) {
            many.add(level(Integer.toString(100 + i), "1"));
        }
        assertThatThrownBy(() -> new BookDepth(BTC, List.of(), many, 0)).hasMessage("asks: 51 levels, more than 50");
        assertThat(new BookDepth(BTC, List.of(), many.subList(0, 50), 0).asks()).hasSize(50);
        List<BookLevel> mutable = new ArrayList<>(List.of(level("99", "1")));
        BookDepth copy = new BookDepth(BTC, mutable, List.of(), 0);
        mutable.clear();
        assertThat(copy.bids()).as("a copy, not a view of the caller's list").hasSize(1);
    }

    @Test
    void aLevelNeedsAPositivePriceAndSize() {
        assertThatThrownBy(() -> level("0", "1")).hasMessage("a book level needs a positive price and size: 1 @ 0");
        assertThatThrownBy(() -> level("1", "0")).hasMessage("a book level needs a positive price and size: 0 @ 1");
        assertThatThrownBy(() -> new BookLevel(null, Quantity.of("1"))).isInstanceOf(NullPointerException.class);
    }

    @Test
    void fundingRatesAndTheEventsCarryingThemNeedTheirParts() {
        FundingRate rate = new FundingRate(BTC, Ratio.of("-0.0001"), 10, 5);
        assertThat(new FundingRateReceived(rate).funding()).isSameAs(rate);
        assertThatThrownBy(() -> new FundingRate(BTC, null, 0, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FundingRateReceived(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new BookReceived(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new BookDepth(null, List.of(), List.of(), 0)).isInstanceOf(
                NullPointerException.class);
    }
}
