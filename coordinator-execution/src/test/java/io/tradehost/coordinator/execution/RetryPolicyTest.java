package io.tradehost.coordinator.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
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

    /** A generator that always draws the lowest or the highest value it may. */
    private static RandomGenerator extreme(boolean highest) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only bounded draws");
            }

            @Override
            public long nextLong(long bound) {
                return highest ? bound - 1 : 0;
            }
        };
    }

    @Test
    void theWaitSpansExactlyHalfToAllOfTheBackoff() {
        assertThat(policy.backoff(1, extreme(false))).isEqualTo(Duration.ofMillis(50));
        assertThat(policy.backoff(1, extreme(true))).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(9, extreme(true))).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(9, extreme(false))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aBackoffMayEqualItsCap() {
        RetryPolicy flat = new RetryPolicy(2, Duration.ofMillis(300), Duration.ofMillis(300));
        assertThat(flat.backoff(5, extreme(true))).isEqualTo(Duration.ofMillis(300));
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
