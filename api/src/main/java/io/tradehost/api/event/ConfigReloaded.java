package io.tradehost.api.event;

import java.util.List;
import java.util.Objects;

/**
 * The host was asked to reload its configuration and did (or refused): what changed, how severe it
 * is and what the host did about it. Journaled and shown to operators. Values are as shown to
 * operators, secrets masked. Immutable.
 *
 * @param trigger what asked for the reload, e.g. {@code file}, {@code SIGHUP}, {@code api:alice}
 * @param outcome {@code applied}, {@code reduce-only}, {@code stopping}, {@code refused} or {@code unchanged}
 * @param severity the most severe change: {@code none}, {@code safe}, {@code restart}, {@code high} or {@code critical}
 * @param changes every changed key, in key order
 * @param errors why the file was refused, one line each; empty unless refused
 * @param timestampNanos clock time it was decided
 */
public record ConfigReloaded(String trigger, String outcome, String severity, List<Change> changes,
                             List<String> errors, long timestampNanos) implements Event {

    /**
     * One changed key.
     *
     * @param key the dotted key
     * @param oldValue its value before, or null if it was not set
     * @param newValue its value after, or null if it is no longer set
     * @param severity how this change was classified
     * @param rule the rule that classified it, in words
     */
    public record Change(String key, String oldValue, String newValue, String severity, String rule) {
        public Change {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(rule, "rule");
        }
    }

    public ConfigReloaded {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(severity, "severity");
        changes = List.copyOf(changes);
        errors = List.copyOf(errors);
    }
}
