package io.tradehost.app.config;

import io.tradehost.api.config.ConfigException;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code host.profile}: a named layer of defaults between the embedded defaults and the user's
 * file ({@code profiles/<name>.toml} in this package), with the rules the profile holds the
 * configuration to. Immutable.
 */
public enum Profile {
    /** A simulated venue only (no order reaches a real market). */
    DEV,
    /** The default: no defaults of its own, any venue. */
    DEMO,
    /** Spot products only ({@code host.derivatives = false}). */
    SPOT,
    /** Reduce-only from the start, leverage at most 1, IOC orders; a running canary refuses every change. */
    CANARY,
    /** Pinned drop-ins only, refuse on a reconciliation mismatch, synced journal. */
    PROD;

    /** The profile when none is configured. */
    public static final Profile DEFAULT = DEMO;

    /** The name used in configuration. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The layer's resource, relative to this class. */
    String resource() {
        return "profiles/" + configName() + ".toml";
    }

    /** Whether a running host refuses every change of its configuration. */
    public boolean lockedAgainstDrift() {
        return this == CANARY;
    }

    /**
     * The profile named {@code name}.
     *
     * @throws ConfigException naming {@code host.profile} and the profiles there are
     */
    public static Profile named(String name) {
        for (Profile p : values()) {
            if (p.configName().equals(name)) {
                return p;
            }
        }
        throw new ConfigException("host.profile", "must be one of " + Arrays.stream(values())
                .map(Profile::configName).toList() + " (was \"" + name + "\")");
    }

    @Override
    public String toString() {
        return configName();
    }
}
