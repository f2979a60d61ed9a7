package io.tradehost.coordinator.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void theBackoffDoublesUpToItsCapWithHalfOfItRandom() {
        SplittableRandom random = new SplittableRandom(1);
        long[] upper = {100, 200, 400, 800, 1000, 1000, 1000};
        for (int attempt = 1; attempt <= upper.length; attempt++) {
            for (int draw = 0; draw < 200; draw++) {
                long millis = policy.backoff(attempt, random).toMillis();
                assertThat(millis).as("attempt %d", attempt).isBetween(upper[attempt - 1] / 2, upper[attempt - 1]);
            }
        }
    }

    @Test
    void theSameSeedWaitsTheSame() {
        assertThat(policy.backoff(3, new SplittableRandom(9))).isEqualTo(policy.backoff(3, new SplittableRandom(9)));
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most its cap");
    }
}
