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

    /** The hook's status once a signal arrived and the run ended as {@code ending} says. */
    private static int statusAfterSignal(java.util.function.Consumer<SignalStop> ending) throws Exception {
        java.util.concurrent.CompletableFuture<Integer> halted = new java.util.concurrent.CompletableFuture<>();
        SignalStop signals = new SignalStop(new Kernel(new VirtualClock(Fixtures.EPOCH)), Duration.ofSeconds(30),
                halted::complete, false);
        Thread hook = Thread.ofPlatform().start(signals::onSignal);
        while (!signals.requested()) {
            Thread.onSpinWait();
        }
        ending.accept(signals);
        hook.join(10_000);
        return halted.getNow(-1);
    }

    @Test
    void afterASignalTheProcessEndsWithTheRunsStatusAndWithOneWhenTheRunEndedByAnException() throws Exception {
        assertThat(statusAfterSignal(s -> s.finished(0))).isZero();
        assertThat(statusAfterSignal(s -> s.finished(TradehostCommand.EXIT_FAILURE))).isEqualTo(1);
        assertThat(statusAfterSignal(SignalStop::close)).as("closed without finishing").isEqualTo(1);
        assertThat(statusAfterSignal(s -> {
            s.finished(0);
            s.close();
        })).isZero();
    }
}
