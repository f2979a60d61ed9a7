package io.tradehost.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignalStopTest {
    @Test
    void closingRemovesTheHookSoNoExitPathWaitsForIt() {
        SignalStop signals = new SignalStop(new Kernel(new VirtualClock(Fixtures.EPOCH)), Duration.ofSeconds(1));
        assertThat(signals.isRegistered()).isTrue();
        assertThat(signals.requested()).isFalse();
        signals.close();
        assertThat(signals.isRegistered()).isFalse();
        signals.close();
        assertThat(signals.isRegistered()).isFalse();
    }
}
