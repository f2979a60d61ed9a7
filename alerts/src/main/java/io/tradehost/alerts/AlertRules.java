package io.tradehost.alerts;

import io.tradehost.api.event.Event;
import io.tradehost.api.event.JournalRecovered;
import io.tradehost.api.event.JournalWriteFailed;
import io.tradehost.api.event.StateReasonChanged;
import io.tradehost.api.event.StrategyQuarantined;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.event.VenueConnectionChanged;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import java.util.Optional;
import java.util.stream.Collectors;
/**
 * Which events become alerts, and how urgent each is: trading-state transitions (halted critical,
 * reduce-only warning, back to active info) with their reasons; guard and handler failures
 * (critical); journal failures (critical); quarantines (warning); reconciliation differences
 * (warning); venue disconnects (warning) and reconnects (info). Pure functions.
 */
public final class AlertRules {
    private AlertRules() {
    }

    /** The alert {@code event} raises, if any. */
    public static Optional<Alert> of(Event event) {
        return Optional.ofNullable(switch (event) {
            case TradingStateChanged t -> new Alert("state:" + t.from() + "->" + t.to(), severity(t.to()),
                    "trading state " + t.from() + " -> " + t.to(), t.reasons().isEmpty() ? "no active reason"
                    : "reasons: " + t.reasons().stream().map(r -> r.code().value() + " (" + r.message() + ")")
                            .collect(Collectors.joining("; ")), t.timestampNanos());
            case StateReasonChanged r when r.active() -> reason(r.reason());
            case JournalWriteFailed j -> new Alert("journal:" + j.what(), Severity.CRITICAL, "journal write failed",
                    j.message(), j.timestampNanos());
            case JournalRecovered j -> new Alert("journal:recovered", j.nothingLost() ? Severity.INFO : Severity.CRITICAL,
                    j.nothingLost() ? "journal back, nothing lost" : "journal back, writes were lost: an operator"
                    + " must look", j.where() + ": " + j.writesApplied() + " held write(s) applied", j.timestampNanos());
            case StrategyQuarantined q -> new Alert("quarantine:" + q.symbol(), Severity.WARNING,
                    "strategy " + q.strategy() + " quarantined on " + q.symbol(), String.valueOf(q.reason()), 0);
            case VenueConnectionChanged c -> new Alert("venue:" + c.connected(),
                    c.connected() ? Severity.INFO : Severity.WARNING,
                    c.connected() ? "venue reconnected" : "venue disconnected", String.valueOf(c.detail()),
                    c.timestampNanos());
            default -> null;
        });
    }

    private static Alert reason(StateReason r) {
        if (r.source() == ReasonSource.GUARD_FAILURE || r.source() == ReasonSource.HANDLER_FAILURE) {
            return new Alert("failure:" + r.code().value(), Severity.CRITICAL, (r.source() == ReasonSource.GUARD_FAILURE
                    ? "guard failure: " : "handler failure: ") + r.code().value(), r.message(), r.raisedAtNanos());
        }
        if (r.code().equals(ReasonCode.RECONCILIATION)) {
            return new Alert("reconciliation", Severity.WARNING, "reconciliation found differences", r.message(),
                    r.raisedAtNanos());
        }
        return null;
    }

    private static Severity severity(TradingState to) {
        return switch (to) {
            case HALTED -> Severity.CRITICAL;
            case REDUCE_ONLY -> Severity.WARNING;
            default -> Severity.INFO;
        };
    }

    /** The alert a start raises. */
    public static Alert started(String runId, String venue, String symbols, long hostNanos) {
        return new Alert("start:" + runId, Severity.INFO, "tradehost run " + runId + " started",
                "venue " + venue + ", symbols " + symbols, hostNanos);
    }

    /** The alert an orderly stop raises, with the summary line. */
    public static Alert stopped(String runId, String summaryLine, long hostNanos) {
        return new Alert("stop:" + runId, Severity.INFO, "tradehost run " + runId + " stopped", summaryLine, hostNanos);
    }
}
