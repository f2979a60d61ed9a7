package io.tradehost.api.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
class QuoteTest {
    private static final Symbol BTC = Symbol.of("BTC-USD");

    private static Quote quote(String bid, String ask) {
        return new Quote(BTC, Price.of(bid), Quantity.of("1.5"), Price.of(ask), Quantity.of("2"), 123);
    }

    @Test
    void aUsableQuoteHasNoDefectAndItsMarkIsTheMid() {
        Quote quote = quote("99.95", "100.05");
        assertThat(quote.defect()).isNull();
        Mark mark = Mark.of(quote);
        assertThat(mark).isEqualTo(new Mark(BTC, Price.of("100"), Price.of("99.95"), Price.of("100.05"),
                Quantity.of("1.5"), Quantity.of("2"), 123));
        assertThat(mark.spreadBps()).isCloseTo(10.0, Offset.offset(1e-9));
        assertThat(quote("100", "100").defect()).isNull();
        assertThat(Mark.of(quote("100", "100")).spreadBps()).isZero();
    }

    @Test
    void aMidBetweenTicksRoundsHalfToEven() {
        assertThat(quote("0.0000000001", "0.0000000002").mid()).isEqualTo(Price.of("0.0000000002"));
        assertThat(quote("0.0000000003", "0.0000000004").mid()).isEqualTo(Price.of("0.0000000004"));
        assertThat(quote("0.0000000001", "0.0000000004").mid()).isEqualTo(Price.of("0.0000000002"));
    }

    @Test
    void aCrossedOrZeroBookIsADefectWithItsPrices() {
        assertThat(quote("100.1", "100")).extracting(Quote::defect)
                .isEqualTo("crossed book (bid 100.1 > ask 100)");
        assertThat(quote("0", "100").defect()).isEqualTo("zero price (bid 0, ask 100)");
        assertThat(quote("100", "0").defect()).isEqualTo("zero price (bid 100, ask 0)");
    }

    @Test
    void everyPartIsRequired() {
        Price p = Price.of("1");
        Quantity q = Quantity.of("1");
        assertThatThrownBy(() -> new Quote(null, p, q, p, q, 0)).hasMessage("symbol");
        assertThatThrownBy(() -> new Quote(BTC, null, q, p, q, 0)).hasMessage("bid");
        assertThatThrownBy(() -> new Quote(BTC, p, null, p, q, 0)).hasMessage("bidSize");
        assertThatThrownBy(() -> new Quote(BTC, p, q, null, q, 0)).hasMessage("ask");
        assertThatThrownBy(() -> new Quote(BTC, p, q, p, null, 0)).hasMessage("askSize");
        assertThatThrownBy(() -> new Mark(BTC, null, p, p, q, q, 0)).hasMessage("price");
        assertThatThrownBy(() -> new Mark(BTC, p, p, p, q, null, 0)).hasMessage("askSize");
    }
}
