package io.tradehost.coordinator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.JournalRecovered;
import io.tradehost.api.event.JournalWriteFailed;
import io.tradehost.api.host.PluginIsolation;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Symbol;
import io.tradehost.coordinator.runtime.guards.RuntimeGuards;
import io.tradehost.coordinator.runtime.state.TradingStateMachine;
import io.tradehost.coordinator.runtime.venue.VenueBootstrap;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.InMemoryJournal;
import io.tradehost.testkit.ScriptedVenue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The journal's server came back: the runtime reconciles at once, and lifts the halt the outage raised
 * only when nothing was lost and the venue agrees.
 */
class JournalRecoveryTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final Kernel kernel = new Kernel(clock);
    private final ScriptedVenue venue = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP")));
    private final TradingStateMachine state = new TradingStateMachine(kernel, clock, kernel);
    private final InMemoryJournal journal = new InMemoryJournal("r").restoredFrom(new JournalSnapshot(false, "r", 5,
            Money.ofUnits(10_000), List.of(), List.of(), Set.of()));

    private RuntimeCoordinator runtimeAfterAnOutage() {
        venue.account(Money.ofUnits(10_000));
        VenueBootstrap bootstrap = new VenueBootstrap(List.of(ScriptedVenue.factory("scripted", List.of(), venue)),
                Map.of(), clock, kernel, new VenueEventAdapter(kernel, clock));
        RuntimeCoordinator runtime = new RuntimeCoordinator(new RuntimeSettings("scripted",
                PluginConfig.empty("venue.config"), List.of(BTC), false, false, 1, Duration.ofMinutes(1), false),
                bootstrap, state, RuntimeGuards.create(List.of(), List.of(), PluginConfig::empty, null, state, clock,
                PluginIsolation.inline()), journal, kernel, kernel, clock);
        runtime.initialize();
        runtime.start();
        assertThat(state.state()).isEqualTo(TradingState.ACTIVE);
        runtime.onJournalWriteFailed(new JournalWriteFailed("connection", "journal pg: journal unavailable", 1));
        assertThat(state.state()).isEqualTo(TradingState.HALTED);
        return runtime;
    }

    private static JournalRecovered back(boolean nothingLost) {
        return new JournalRecovered("pg", 3, nothingLost, 2);
    }

    private String reconciliations(RuntimeCoordinator runtime) {
        return runtime.health().details().get("reconciliations");
    }

    @Test
    void nothingLostAndAnAgreeingVenueLiftTheHalt() {
        RuntimeCoordinator runtime = runtimeAfterAnOutage();
        String before = reconciliations(runtime);
        runtime.onJournalRecovered(back(true));
        assertThat(reconciliations(runtime)).as("reconciled at once").isEqualTo(Long.toString(Long.parseLong(before) + 1));
        assertThat(state.state()).isEqualTo(TradingState.ACTIVE);
        assertThat(state.reasons()).isEmpty();
    }

    @Test
    void lostWritesKeepTheHaltForAnOperator() {
        RuntimeCoordinator runtime = runtimeAfterAnOutage();
        runtime.onJournalRecovered(back(false));
        assertThat(state.state()).isEqualTo(TradingState.HALTED);
        assertThat(state.reasons()).extracting(StateReason::code).containsExactly(ReasonCode.JOURNAL_WRITE_FAILED);
    }

    @Test
    void aVenueThatDisagreesKeepsTheHalt() {
        RuntimeCoordinator runtime = runtimeAfterAnOutage();
        venue.account(Money.ofUnits(9_000)); // cash moved while the journal was away, and no fill explains it
        runtime.onJournalRecovered(back(true));
        assertThat(state.state()).isEqualTo(TradingState.HALTED);
        assertThat(state.reasons()).extracting(StateReason::code).contains(ReasonCode.JOURNAL_WRITE_FAILED);
    }

    @Test
    void aRecoveryAfterAnOperatorClearedTheHaltOnlyReconciles() {
        RuntimeCoordinator runtime = runtimeAfterAnOutage();
        state.clear(ReasonCode.JOURNAL_WRITE_FAILED, "ann");
        String before = reconciliations(runtime);
        runtime.onJournalRecovered(back(true));
        assertThat(reconciliations(runtime)).isEqualTo(Long.toString(Long.parseLong(before) + 1));
        assertThat(state.state()).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void aFencedHostHaltsAsFencedAndARecoveryOfTheServerDoesNotLiftIt() {
        RuntimeCoordinator runtime = runtimeAfterAnOutage();
        runtime.onJournalWriteFailed(new JournalWriteFailed(JournalWriteFailed.FENCED,
                "fenced: account a is held by host-b with token 4 (this host's token 3 is stale)", 3));
        runtime.onJournalRecovered(back(true));
        assertThat(state.state()).isEqualTo(TradingState.HALTED);
        assertThat(state.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ReasonCode.FENCED);
            assertThat(r.message()).contains("held by host-b");
        });
    }
}
