package io.tradehost.api.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
class RejectionCodeTest {
    @Test
    void aCodeIsItsTextAndEqualsAnotherWithTheSameText() {
        RejectionCode code = RejectionCode.of("MAX_ORDER_NOTIONAL");
        assertThat(code).isEqualTo(new RejectionCode("MAX_ORDER_NOTIONAL")).hasToString("MAX_ORDER_NOTIONAL");
        assertThat(code.value()).isEqualTo("MAX_ORDER_NOTIONAL");
        assertThat(RejectionCode.of("GUARD_FAILURE")).isEqualTo(RejectionCode.GUARD_FAILURE);
        assertThat(RejectionCode.of("A1_2")).isNotEqualTo(RejectionCode.of("A12"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lower", "Mixed_CASE", "1LEADING_DIGIT", "_LEADING", "WITH SPACE", "DASH-ED",
            "DOT.TED"})
    void refusesWhatIsNotUpperSnakeCaseQuotingIt(String text) {
        assertThatThrownBy(() -> RejectionCode.of(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a rejection code (A-Z, 0-9, _): '" + text + "'");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> RejectionCode.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("value");
    }

    @Test
    void theHostsOwnCodesAreWellFormedAndDistinct() {
        var codes = List.of(RejectionCode.GUARD_FAILURE, RejectionCode.VALUE_OUT_OF_RANGE,
                RejectionCode.IN_FLIGHT, RejectionCode.NO_MARK, RejectionCode.NO_SIZE,
                RejectionCode.SIZE_BELOW_MINIMUM, RejectionCode.NOTHING_TO_CLOSE, RejectionCode.JOURNAL_FAILURE,
                RejectionCode.NOT_SENT, RejectionCode.RETRIES_EXHAUSTED, RejectionCode.NOT_AT_VENUE,
                RejectionCode.DUPLICATE_ORDER, RejectionCode.VENUE_PLUGIN_FAILURE, RejectionCode.VENUE_TIMEOUT,
                RejectionCode.VENUE_BUSY);
        assertThat(codes).doesNotHaveDuplicates();
        assertThat(codes).allSatisfy(c -> assertThat(RejectionCode.of(c.value())).isEqualTo(c));
    }
}
