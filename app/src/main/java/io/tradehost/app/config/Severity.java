package io.tradehost.app.config;

import java.util.Locale;

/** How much a configuration change matters to a running host, least first. */
public enum Severity {
    /** Nothing changed. */
    NONE,
    /** Applied on the kernel thread between two events, keeping windows, strategy state and orders. */
    SAFE,
    /** Kept for the next start; the running host goes on with the old value and says so. */
    RESTART,
    /** A risk limit tightened below what is open: applied, and the host goes reduce-only ({@code config_drift}). */
    HIGH,
    /** The host stops gracefully, as on SIGTERM, positions kept; nothing of the new file is applied. */
    CRITICAL;

    /** The lower-case name used in logs, the journal and the API. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The more severe of the two. */
    public Severity max(Severity other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
