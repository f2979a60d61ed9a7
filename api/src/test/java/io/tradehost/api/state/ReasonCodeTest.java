package io.tradehost.api.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.value.Symbol;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
class ReasonCodeTest {
    private static final Symbol BTC = Symbol.of("BTC-USD");

    @Test
    void factoriesNameWhatTheReasonConcerns() {
        assertThat(ReasonCode.guardFailure("max-notional")).hasToString("guard_failure.max-notional");
        assertThat(ReasonCode.strategyQuarantine(BTC)).isEqualTo(ReasonCode.of("strategy_quarantine.BTC-USD"));
        assertThat(ReasonCode.handlerFailure("execution.ledger")).hasToString("handler_failure.execution.ledger");
        assertThat(ReasonCode.of("mark_staleness").forSymbol(BTC)).hasToString("mark_staleness.BTC-USD");
        assertThat(ReasonCode.of("daily_loss").value()).isEqualTo("daily_loss");
    }

    @Test
    void aCodeIsInItsOwnPrefixAndItsPartsButNotInALongerName() {
        ReasonCode scoped = ReasonCode.of("guard_failure.max-notional");
        assertThat(scoped.isIn("guard_failure")).isTrue();
        assertThat(scoped.isIn("guard_failure.max-notional")).isTrue();
        assertThat(scoped.isIn("guard")).isFalse();
        assertThat(scoped.isIn("guard_failure.max")).isFalse();
        assertThat(ReasonCode.of("guard_failures").isIn("guard_failure")).isFalse();
        assertThat(ReasonCode.of("guard_failure").isIn("guard_failure")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Upper", "1digit", "_lead", "name.", "name..part", "name.part with space",
            "with-dash"})
    void refusesMalformedCodesQuotingThem(String text) {
        assertThatThrownBy(() -> ReasonCode.of(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a reason code (name[.part...]): '" + text + "'");
    }

    @Test
    void refusesCodesLongerThan200Characters() {
        String longest = "a".repeat(200);
        assertThat(ReasonCode.of(longest).value()).hasSize(200);
        assertThatThrownBy(() -> ReasonCode.of(longest + "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReasonCode.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theHostsOwnCodesAreDistinct() {
        assertThat(List.of(ReasonCode.RECONCILIATION, ReasonCode.JOURNAL_WRITE_FAILED,
                ReasonCode.CONFIG_REDUCE_ONLY, ReasonCode.CONFIG_HALTED, ReasonCode.OPERATOR_REDUCE_ONLY,
                ReasonCode.OPERATOR_HALT)).doesNotHaveDuplicates()
                .extracting(ReasonCode::value).containsExactly("reconciliation", "journal.write_failed",
                        "config.reduce_only", "config.halted", "operator.reduce_only", "operator.halt");
    }
}
