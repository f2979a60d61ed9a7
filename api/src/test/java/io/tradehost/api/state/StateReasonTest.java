package io.tradehost.api.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.value.Symbol;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
class StateReasonTest {
    private static final ReasonCode LOSS = ReasonCode.of("daily_loss");

    @Test
    void aReasonMustRestrictTrading() {
        assertThatThrownBy(() -> new StateReason(LOSS, ReasonSource.DAILY_LOSS, TradingState.ACTIVE, "m", Map.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a reason must restrict trading: daily_loss");
    }

    @Test
    void shortFormsAreHostWideOrForOneSymbolAndClearedByAnOperator() {
        StateReason host = new StateReason(LOSS, ReasonSource.DAILY_LOSS, TradingState.REDUCE_ONLY, "m", null, 7);
        assertThat(host.isHostWide()).isTrue();
        assertThat(host.symbol()).isNull();
        assertThat(host.clearing()).isEqualTo(ClearingRule.OPERATOR);
        assertThat(host.metadata()).isEmpty();
        assertThat(host.raisedAtNanos()).isEqualTo(7);

        Symbol eth = Symbol.of("ETH-USD");
        StateReason scoped = new StateReason(LOSS, ReasonSource.DAILY_LOSS, TradingState.HALTED, "m", Map.of(), 7, eth);
        assertThat(scoped.isHostWide()).isFalse();
        assertThat(scoped.symbol()).isEqualTo(eth);
        assertThat(scoped.clearing()).isEqualTo(ClearingRule.OPERATOR);
    }

    @Test
    void metadataIsCopiedAndCannotChangeLater() {
        Map<String, String> metadata = new HashMap<>(Map.of("loss", "12.5"));
        StateReason reason = new StateReason(LOSS, ReasonSource.DAILY_LOSS, TradingState.HALTED, "m", metadata, 0);
        metadata.put("later", "x");
        assertThat(reason.metadata()).containsExactly(Map.entry("loss", "12.5"));
        assertThatThrownBy(() -> reason.metadata().put("y", "z")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void everyPartButTheSymbolIsRequired() {
        assertThatThrownBy(() -> new StateReason(null, ReasonSource.CONFIG, TradingState.HALTED, "m", Map.of(), 0))
                .hasMessage("code");
        assertThatThrownBy(() -> new StateReason(LOSS, null, TradingState.HALTED, "m", Map.of(), 0))
                .hasMessage("source");
        assertThatThrownBy(() -> new StateReason(LOSS, ReasonSource.CONFIG, null, "m", Map.of(), 0))
                .hasMessage("effect");
        assertThatThrownBy(() -> new StateReason(LOSS, ReasonSource.CONFIG, TradingState.HALTED, null, Map.of(), 0))
                .hasMessage("message");
        assertThatThrownBy(() -> new StateReason(LOSS, ReasonSource.CONFIG, TradingState.HALTED, "m", Map.of(), 0,
                null, null)).hasMessage("clearing");
    }

    @Test
    void theStateIsTheMostSevereAskedFor() {
        TradingState[] states = TradingState.values();
        for (TradingState a : states) {
            for (TradingState b : states) {
                assertThat(a.max(b)).isEqualTo(a.ordinal() >= b.ordinal() ? a : b).isEqualTo(b.max(a));
            }
        }
        assertThat(states).containsExactly(TradingState.ACTIVE, TradingState.REDUCE_ONLY, TradingState.HALTED);
    }
}
