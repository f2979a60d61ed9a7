package io.tradehost.plugins.venue.coinbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.api.market.FundingRate;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Symbol;
import io.tradehost.plugins.venue.coinbase.wire.Wire;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which funding rates the venue publishes from product data: a changed rate or next time, not an
 * unchanged one, only of subscribed perpetuals, none from an unreadable rate; and how a product's
 * funding is read. No network: nothing is subscribed when the poll runs, so it asks nothing.
 */
class FundingTest {
    private static final Symbol PERP = Symbol.of("BTC-PERP-INTX");
    private static final Symbol OTHER = Symbol.of("ETH-PERP-INTX");

    private static JsonNode perp(String id, String details) throws Exception {
        return new ObjectMapper().readTree(("{'product_id':'" + id + "','product_type':'FUTURE',"
                + "'future_product_details':{'contract_expiry_type':'PERPETUAL'," + details + "}}").replace('\'', '"'));
    }

    private static JsonNode perpAt(String rate, String time) throws Exception {
        return perp("BTC-PERP-INTX", "'perpetual_details':{'funding_rate':'" + rate + "','funding_time':'" + time
                + "'}");
    }

    @Test
    void aChangedRateOrTimeIsPublishedAnUnchangedOneIsNot() throws Exception {
        RecordingListener listener = new RecordingListener();
        Funding funding = new Funding(null, "", listener, () -> 5);
        funding.poll(); // nothing subscribed: no request, nothing published
        funding.listed(perpAt("0.0001", "2026-12-07T08:00:00Z"), 1);
        funding.listed(perp("ETH-PERP-INTX", "'perpetual_details':{'funding_rate':'0.0002'}"), 1);
        funding.subscribe(Set.of(PERP));
        FundingRate first = new FundingRate(PERP, Ratio.of("0.0001"), 1_796_630_400_000_000_000L, 1);
        assertThat(listener.fundingRates()).containsExactly(first);
        funding.listed(perpAt("0.0001", "2026-12-07T08:00:00Z"), 2);
        funding.subscribe(Set.of(PERP));
        assertThat(listener.fundingRates()).containsExactly(first);
        funding.listed(perpAt("-0.0003", "2026-12-07T08:00:00Z"), 3);
        funding.subscribe(Set.of(PERP));
        FundingRate negative = new FundingRate(PERP, Ratio.of("-0.0003"), 1_796_630_400_000_000_000L, 3);
        assertThat(listener.fundingRates()).containsExactly(first, negative);
        funding.listed(perpAt("-0.0003", "2026-12-07T09:00:00Z"), 4);
        funding.listed(perpAt("not a number", "2026-12-07T10:00:00Z"), 5); // logged, the last good one stays
        funding.subscribe(Set.of(PERP, OTHER));
        FundingRate later = new FundingRate(PERP, Ratio.of("-0.0003"), 1_796_634_000_000_000_000L, 4);
        FundingRate other = new FundingRate(OTHER, Ratio.of("0.0002"), 0, 1);
        assertThat(listener.fundingRates()).hasSize(4).startsWith(first, negative).contains(later, other);
    }

    @Test
    void aProductsFundingIsReadFromItsPerpetualDetailsOrItsFutureDetails() throws Exception {
        assertThat(Wire.fundingRate(perp("BTC-PERP-INTX", "'funding_rate':'0.00005','funding_time':"
                + "'2026-12-07T08:00:00Z','perpetual_details':{'funding_rate':''}"), 9))
                .contains(new FundingRate(PERP, Ratio.of("0.00005"), 1_796_630_400_000_000_000L, 9));
        assertThat(Wire.fundingRate(perp("BTC-PERP-INTX", "'perpetual_details':{'max_leverage':'10'}"), 9)).isEmpty();
        assertThat(Wire.fundingRate(perp("BTC-PERP-INTX", "'perpetual_details':{'funding_rate':'0.0001',"
                + "'funding_time':'soon'}"), 9)).contains(new FundingRate(PERP, Ratio.of("0.0001"), 0, 9));
        assertThat(Wire.fundingRate(new ObjectMapper().readTree("{\"product_id\":\"BTC-USD\",\"product_type\":\"SPOT\"}"),
                9)).isEmpty();
        assertThatThrownBy(() -> Wire.fundingRate(perpAt("x", "2026-12-07T08:00:00Z"), 9))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
