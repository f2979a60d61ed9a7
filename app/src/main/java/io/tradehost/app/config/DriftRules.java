package io.tradehost.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * How a running host treats each configuration change: the one table of rules, first match wins
 * (README "Live reconfiguration" shows the same table). A pattern's {@code *} is one key part, a
 * trailing {@code *} any rest. Rules that compare a new limit with what is open use
 * {@link Exposure}. Stateless.
 */
public final class DriftRules {
    /** What one rule decides for one change, given what is open. */
    @FunctionalInterface
    interface Classifier {
        Verdict classify(ConfigDiff.Change change, Exposure open);
    }

    /** A severity with the reason, in words. */
    public record Verdict(Severity severity, String why) {
    }

    /**
     * One row of the table.
     *
     * @param pattern the keys it covers
     * @param rule what it says, for the README and {@code config diff}
     * @param classifier its decision
     */
    public record Rule(String pattern, String rule, Classifier classifier) {
        boolean covers(String key) {
            return regex(pattern).matcher(key).matches();
        }
    }

    /** A change with its verdict and the rule that gave it. */
    public record Classified(ConfigDiff.Change change, Verdict verdict, Rule rule) {
        public Severity severity() {
            return verdict.severity();
        }
    }

    /** The table. */
    public static final List<Rule> RULES = List.of(
            fixed("host.profile", "a change of profile", Severity.CRITICAL),
            fixed("venue.call_budget", "how long a venue call may take", Severity.RESTART),
            fixed("venue.*", "the venue, its credentials or settings (paper to live among them)", Severity.CRITICAL),
            fixed("host.derivatives", "which products may be traded", Severity.CRITICAL),
            new Rule("host.symbols", "a symbol removed with a position or open orders: critical; a flat one"
                    + " removed: at the next start; symbols only added: safe", DriftRules::symbols),
            new Rule("strategy.config.*.allow_shorts", "enabling shorts: critical; disabling: safe",
                    (c, e) -> enabled(c) ? new Verdict(Severity.CRITICAL, "shorts enabled")
                            : new Verdict(Severity.SAFE, "shorts disabled")),
            new Rule("guards.config.leverage.max", "above the venue's leverage: critical; below the open leverage:"
                    + " high; else safe", (c, e) -> {
                        BigDecimal next = decimal(c.after());
                        if (next != null && e.venueMaxLeverage() != null && next.compareTo(e.venueMaxLeverage()) > 0) {
                            return new Verdict(Severity.CRITICAL, "above the venue's leverage "
                                    + plain(e.venueMaxLeverage()));
                        }
                        return limit(c, e.leverage(), "open leverage");
                    }),
            new Rule("guards.config.total-exposure.max_fraction", "below the open exposure fraction: high; else safe",
                    (c, e) -> limit(c, e.leverage(), "open exposure fraction")),
            new Rule("guards.config.symbol-exposure.max_fraction", "below the largest symbol's exposure fraction:"
                    + " high; else safe", (c, e) -> limit(c, e.largestSymbolFraction(), "largest symbol fraction")),
            new Rule("guards.config.max-order-notional.max", "below the largest open order's notional: high;"
                    + " else safe", (c, e) -> limit(c, e.largestOrderNotional(), "largest open order notional")),
            new Rule("strategy.config.*.position_fraction", "below the largest position's fraction: high; else safe",
                    (c, e) -> limit(c, e.largestSymbolFraction(), "largest position fraction")),
            new Rule("runtime_guards.config.daily-loss.max_loss", "below today's loss: high; else safe",
                    (c, e) -> limit(c, e.dailyLoss(), "today's loss")),
            fixed("guards.budget", "how long a guard may take (plugins keep their calls)", Severity.RESTART),
            fixed("runtime_guards.budget", "how long a runtime guard may take", Severity.RESTART),
            fixed("strategy.decision_budget", "how long a decision may take", Severity.RESTART),
            fixed("guards.*", "guard limits, guards added or removed", Severity.SAFE),
            fixed("runtime_guards.*", "runtime guard settings, guards added or removed", Severity.SAFE),
            fixed("strategy.*", "strategy parameters and assignment, cycle mode, quarantine", Severity.SAFE),
            fixed("telemetry.*", "mark window, status interval, staleness", Severity.SAFE),
            fixed("execution.*", "time in force, retry settings", Severity.SAFE),
            fixed("runtime.reduce_only", "holding the host reduce-only", Severity.SAFE),
            fixed("runtime.halted", "holding the host halted", Severity.SAFE),
            fixed("runtime.reconciliation.*", "reconciliation interval and policy", Severity.RESTART),
            fixed("host.run_id", "the run id", Severity.RESTART),
            fixed("host.id", "this host's id among its account's hosts", Severity.RESTART),
            fixed("host.account", "the account whose lease this host holds or waits for", Severity.RESTART),
            fixed("host.lease", "how long the account's lease lasts", Severity.RESTART),
            fixed("admin.*", "the admin API", Severity.RESTART),
            fixed("alerts.*", "alert sinks", Severity.RESTART),
            fixed("journal.*", "how the journal writes", Severity.RESTART),
            fixed("plugins.*", "plugin pins and isolation", Severity.RESTART),
            fixed("faults.*", "fault injection", Severity.RESTART),
            fixed("backtest.*", "the backtest venue (backtests only)", Severity.SAFE),
            fixed("*", "anything else: not known to be safe live", Severity.CRITICAL));

    private DriftRules() {
    }

    /** Every change classified by the first rule that covers it. */
    public static List<Classified> classify(List<ConfigDiff.Change> changes, Exposure open) {
        List<Classified> out = new ArrayList<>();
        for (ConfigDiff.Change change : changes) {
            Rule rule = RULES.stream().filter(r -> r.covers(change.key())).findFirst().orElseThrow();
            out.add(new Classified(change, rule.classifier().classify(change, open), rule));
        }
        return out;
    }

    /** The most severe of {@code classified}, {@link Severity#NONE} when empty. */
    public static Severity worst(List<Classified> classified) {
        return classified.stream().map(Classified::severity).reduce(Severity.NONE, Severity::max);
    }

    private static Rule fixed(String pattern, String rule, Severity severity) {
        return new Rule(pattern, rule, (c, e) -> new Verdict(severity, rule));
    }

    private static Verdict symbols(ConfigDiff.Change c, Exposure e) {
        Set<String> before = strings(c.before());
        Set<String> after = strings(c.after());
        Set<String> removed = new TreeSet<>(before);
        removed.removeAll(after);
        Set<String> held = new TreeSet<>(removed);
        if (e.symbolsWithExposure() != null) {
            held.retainAll(e.symbolsWithExposure());
        }
        if (!held.isEmpty()) {
            return new Verdict(Severity.CRITICAL, "removed " + held + (e.known() ? " with a position or open orders"
                    : " (a position or open orders not ruled out)"));
        }
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        if (removed.isEmpty()) {
            return new Verdict(Severity.SAFE, added.isEmpty() ? "reordered" : "added " + added);
        }
        return new Verdict(Severity.RESTART, (added.isEmpty() ? "" : "added " + added + " ") + "removed " + removed
                + " (flat) at the next start");
    }

    /** A risk limit: high when the new value is below what is open (or what is open is unknown and it tightens). */
    private static Verdict limit(ConfigDiff.Change c, BigDecimal open, String what) {
        BigDecimal next = decimal(c.after());
        BigDecimal previous = decimal(c.before());
        if (next == null) {
            return new Verdict(Severity.SAFE, "back to the plugin's default");
        }
        if (open == null) {
            boolean tighter = previous == null || next.compareTo(previous) < 0;
            return tighter ? new Verdict(Severity.HIGH, "tightened; high if below the " + what + " (unknown here)")
                    : new Verdict(Severity.SAFE, "loosened");
        }
        if (next.compareTo(open) < 0) {
            return new Verdict(Severity.HIGH, "below the " + what + " " + plain(open));
        }
        return new Verdict(Severity.SAFE, "at or above the " + what + " " + plain(open));
    }

    private static boolean enabled(ConfigDiff.Change c) {
        return c.after() != null && c.after().asBoolean(false) && (c.before() == null || !c.before().asBoolean(false));
    }

    private static Set<String> strings(JsonNode list) {
        Set<String> out = new TreeSet<>();
        if (list != null) {
            list.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static BigDecimal decimal(JsonNode value) {
        if (value == null) {
            return null;
        }
        try {
            return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static Pattern regex(String pattern) {
        StringBuilder out = new StringBuilder();
        String[] parts = pattern.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append("\\.");
            }
            boolean last = i == parts.length - 1;
            out.append(parts[i].equals("*") ? last ? ".+" : "[^.]+" : Pattern.quote(parts[i]));
        }
        return Pattern.compile(out.toString());
    }
}
