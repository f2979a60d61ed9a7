package io.tradehost.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.event.Event;
import io.tradehost.api.event.JournalRecovered;
import io.tradehost.api.event.JournalWriteFailed;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.StateReasonChanged;
import io.tradehost.api.event.StrategyQuarantined;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.event.VenueConnectionChanged;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Symbol;
import io.tradehost.testkit.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
class AlertRulesTest {
    @Test
    void eachEventOfInterestBecomesOneAlertWithItsSeverityAndOthersNone() {
        StateReason halt = new StateReason(ReasonCode.OPERATOR_HALT, ReasonSource.OPERATOR, TradingState.HALTED,
                "maintenance", Map.of(), 5);
        StateReason guardFailed = new StateReason(ReasonCode.of("guard_failure"), ReasonSource.GUARD_FAILURE,
                TradingState.REDUCE_ONLY, "guard leverage threw", Map.of(), 6);
        StateReason reconciliation = new StateReason(ReasonCode.RECONCILIATION, ReasonSource.RECONCILIATION,
                TradingState.REDUCE_ONLY, "position BTC-PERP differs", Map.of(), 7);
        List<Event> events = List.of(
                new TradingStateChanged(TradingState.ACTIVE, TradingState.HALTED, List.of(halt), 10),
                new TradingStateChanged(TradingState.HALTED, TradingState.REDUCE_ONLY, List.of(guardFailed), 11),
                new TradingStateChanged(TradingState.REDUCE_ONLY, TradingState.ACTIVE, List.of(), 12),
                new StateReasonChanged(halt, true, "operator ana", 13),
                new StateReasonChanged(guardFailed, true, "runtime", 14),
                new StateReasonChanged(guardFailed, false, "operator", 15),
                new StateReasonChanged(reconciliation, true, "runtime", 16),
                new JournalWriteFailed("intent r1-1", "disk full", 17),
                new JournalRecovered("pg", 3, true, 17),
                new JournalRecovered("pg", 2, false, 17),
                new StrategyQuarantined(Symbol.of("BTC-PERP"), "mean-reversion", "5 failures in a row"),
                new VenueConnectionChanged(false, "socket closed", 18),
                new VenueConnectionChanged(true, "reconnected", 19),
                new MarkUpdated(Fixtures.mark("BTC-PERP", "60000")));

        List<Alert> alerts = events.stream().map(AlertRules::of).flatMap(Optional::stream).toList();

        assertThat(alerts).containsExactly(
                new Alert("state:ACTIVE->HALTED", Severity.CRITICAL, "trading state ACTIVE -> HALTED",
                        "reasons: operator.halt (maintenance)", 10),
                new Alert("state:HALTED->REDUCE_ONLY", Severity.WARNING, "trading state HALTED -> REDUCE_ONLY",
                        "reasons: guard_failure (guard leverage threw)", 11),
                new Alert("state:REDUCE_ONLY->ACTIVE", Severity.INFO, "trading state REDUCE_ONLY -> ACTIVE",
                        "no active reason", 12),
                new Alert("failure:guard_failure", Severity.CRITICAL, "guard failure: guard_failure",
                        "guard leverage threw", 6),
                new Alert("reconciliation", Severity.WARNING, "reconciliation found differences",
                        "position BTC-PERP differs", 7),
                new Alert("journal:intent r1-1", Severity.CRITICAL, "journal write failed", "disk full", 17),
                new Alert("journal:recovered", Severity.INFO, "journal back, nothing lost",
                        "pg: 3 held write(s) applied", 17),
                new Alert("journal:recovered", Severity.CRITICAL, "journal back, writes were lost: an operator must look",
                        "pg: 2 held write(s) applied", 17),
                new Alert("quarantine:BTC-PERP", Severity.WARNING, "strategy mean-reversion quarantined on BTC-PERP",
                        "5 failures in a row", 0),
                new Alert("venue:false", Severity.WARNING, "venue disconnected", "socket closed", 18),
                new Alert("venue:true", Severity.INFO, "venue reconnected", "reconnected", 19));
    }

    @Test
    void startAndStopCarryTheRunAndTheSummaryLine() {
        assertThat(AlertRules.started("r1", "paper", "BTC-PERP", 1)).isEqualTo(new Alert("start:r1", Severity.INFO,
                "tradehost run r1 started", "venue paper, symbols BTC-PERP", 1));
        assertThat(AlertRules.stopped("r1", "state ACTIVE, equity 1", 2).text()).isEqualTo("state ACTIVE, equity 1");
    }
}
