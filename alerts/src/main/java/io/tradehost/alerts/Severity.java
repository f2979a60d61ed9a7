package io.tradehost.alerts;

import java.util.Locale;
/** How urgent an alert is, lowest first. */
public enum Severity {
    /** Worth knowing: start, stop, recovery. */
    INFO,
    /** Needs a look: reduce-only, a quarantine, a disconnect, reconciliation differences. */
    WARNING,
    /** Needs action now: halted, a guard or handler failure, the journal failing, a stalled kernel. */
    CRITICAL;

    /** Reads {@code info}, {@code warning} or {@code critical}, any case; null if it is none of them. */
    public static Severity parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
