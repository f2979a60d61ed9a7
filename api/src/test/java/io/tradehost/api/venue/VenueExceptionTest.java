package io.tradehost.api.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.order.RejectionCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
class VenueExceptionTest {
    private static final RejectionCode CODE = RejectionCode.of("NOT_CONNECTED");

    @Test
    void eachKindTellsTheHostWhatToDoNext() {
        VenueException refused = VenueException.refused(RejectionCode.of("INSUFFICIENT_FUNDS"), "no cash");
        assertThat(refused).hasMessage("no cash");
        assertThat(refused.code()).isEqualTo(RejectionCode.of("INSUFFICIENT_FUNDS"));
        assertThat(refused.isTransient()).isFalse();
        assertThat(refused.isOutcomeUnknown()).isFalse();
        assertThat(refused.retryAfter()).isEmpty();

        VenueException down = VenueException.transientFailure(CODE, "reset");
        assertThat(down.isTransient()).isTrue();
        assertThat(down.isOutcomeUnknown()).isFalse();
        assertThat(down.retryAfter()).isEmpty();

        VenueException limited = VenueException.rateLimited(RejectionCode.of("RATE_LIMITED"), "slow down",
                Duration.ofMillis(250));
        assertThat(limited.isTransient()).isTrue();
        assertThat(limited.isOutcomeUnknown()).isFalse();
        assertThat(limited.retryAfter()).contains(Duration.ofMillis(250));

        VenueException unknown = VenueException.outcomeUnknown(RejectionCode.VENUE_TIMEOUT, "no answer");
        assertThat(unknown.isTransient()).isTrue();
        assertThat(unknown.isOutcomeUnknown()).isTrue();
        assertThat(unknown.retryAfter()).isEmpty();

        VenueException constructed = new VenueException(CODE, "m", true);
        assertThat(constructed.isTransient()).isTrue();
        assertThat(constructed.isOutcomeUnknown()).isFalse();
    }

    @Test
    void aRetryAfterMustBePositiveAndACodeIsRequired() {
        assertThatThrownBy(() -> VenueException.rateLimited(CODE, "m", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("retry-after must be positive: PT0S");
        assertThatThrownBy(() -> VenueException.rateLimited(CODE, "m", Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VenueException.refused(null, "m")).isInstanceOf(NullPointerException.class)
                .hasMessage("code");
    }
}
