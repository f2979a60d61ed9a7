package io.tradehost.app.reload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The watcher's timing rules, on given nanoseconds. */
class DebounceTest {
    private final Debounce debounce = new Debounce(500);

    @Test
    void aBurstOfWritesIsOneReadOnceTheFileIsQuiet() {
        assertThat(debounce.waitNanos(0)).isEqualTo(-1);
        debounce.changed(1_000);
        debounce.changed(1_200);
        debounce.changed(1_450);
        assertThat(debounce.due(1_900)).isFalse();
        assertThat(debounce.waitNanos(1_900)).isEqualTo(50);
        assertThat(debounce.due(1_950)).isTrue();
        debounce.read();
        assertThat(debounce.due(5_000)).isFalse();
        assertThat(debounce.waitNanos(5_000)).isEqualTo(-1);
    }

    @Test
    void aHalfWrittenFileGetsOneMoreQuietPeriodThenIsHandedOn() {
        debounce.changed(0);
        assertThat(debounce.due(500)).isTrue();
        assertThat(debounce.halfWritten(500)).isTrue();
        assertThat(debounce.due(999)).isFalse();
        assertThat(debounce.due(1_000)).isTrue();
        assertThat(debounce.halfWritten(1_000)).as("still not TOML: refused as it is").isFalse();
        assertThat(debounce.due(10_000)).isFalse();
    }

    @Test
    void theWriterFinishingRestartsTheQuietPeriodAndTheGrace() {
        debounce.changed(0);
        assertThat(debounce.halfWritten(500)).isTrue();
        debounce.changed(700); // the rest of the file arrives
        assertThat(debounce.due(1_100)).isFalse();
        assertThat(debounce.due(1_200)).isTrue();
        assertThat(debounce.halfWritten(1_200)).as("a new change has its own grace").isTrue();
    }
}
