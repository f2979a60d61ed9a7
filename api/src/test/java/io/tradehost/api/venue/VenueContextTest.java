package io.tradehost.api.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.market.Quote;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
class VenueContextTest {
    @Test
    void credentialsAreCopiedAndTheDataDirectoryIsOptional() {
        Map<String, String> credentials = new HashMap<>(Map.of("api_key", "k"));
        VenueContext context = new VenueContext(() -> 0L, null, null, credentials, 42);
        credentials.put("later", "x");
        assertThat(context.credentials()).containsOnlyKeys("api_key");
        assertThat(context.seed()).isEqualTo(42);
        assertThat(context.dataDirectoryIfAny()).isEmpty();
        Path data = Path.of("data", "venue");
        assertThat(new VenueContext(() -> 0L, null, null, Map.of(), 1, data).dataDirectoryIfAny()).contains(data);
        assertThatThrownBy(() -> context.credentials().put("y", "z"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aBatchOfFillsReachesTheListenerOneByOneInOrder() {
        List<String> seen = new ArrayList<>();
        VenueListener listener = new VenueListener() {
            @Override
            public void onQuote(Quote quote) {
            }

            @Override
            public void onOrderAccepted(ClientOrderId clientOrderId, Symbol symbol, String venueOrderId) {
            }

            @Override
            public void onOrderRejected(ClientOrderId id, Symbol symbol, RejectionCode code, String message) {
            }

            @Override
            public void onFill(Fill fill) {
                seen.add(fill.tradeId());
            }

            @Override
            public void onOrderCancelled(ClientOrderId clientOrderId, Symbol symbol, String reason) {
            }

            @Override
            public void onConnectionChanged(boolean connected, String detail) {
            }
        };
        Symbol s = Symbol.of("BTC-USD");
        List<Fill> fills = List.of("t1", "t2", "t3").stream().map(id -> new Fill(id, ClientOrderId.of("c1"), s,
                Side.BUY, Quantity.of("1"), Price.of("100"), Money.ZERO, Liquidity.TAKER, 0)).toList();
        listener.onFills(fills);
        assertThat(seen).containsExactly("t1", "t2", "t3");
    }
}
