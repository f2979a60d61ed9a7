package io.tradehost.api.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardTest {
    @Test
    void aGuardWrittenAsALambdaIgnoresTheCancelsItIsToldOf() {
        List<String> asked = new ArrayList<>();
        Guard guard = check -> {
            asked.add(check.order().clientOrderId().value());
            return GuardVerdict.ALLOW;
        };
        guard.onCancelSent(OrderRequest.market(ClientOrderId.of("r-1"), Symbol.of("ETH-PERP"), Side.BUY,
                Quantity.of("1")), 0);
        assertThat(asked).as("being told of a cancel is no check").isEmpty();
    }
}
