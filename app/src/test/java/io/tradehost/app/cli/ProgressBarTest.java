package io.tradehost.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.app.backtest.Progress;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void theLineShowsEventsSimulatedTimeRateAndTimeLeft() {
        assertThat(ProgressBar.line(500_000, 1_385_337_600_000_000_000L, 2_000_000_000L, 1_000_000)).isEqualTo(
                "[##########          ]  50% 500,000/1,000,000 events  2013-11-25T00:00:00Z  250,000 ev/s  ETA PT2S ");
    }

    @Test
    void withoutATerminalNothingIsDrawn() {
        assertThat(System.console()).as("the test runner has no terminal").isNull();
        assertThat(ProgressBar.onTerminal(10)).isSameAs(Progress.NONE);
    }
}
