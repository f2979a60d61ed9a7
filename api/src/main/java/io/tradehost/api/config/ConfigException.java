package io.tradehost.api.config;

import java.io.Serial;

/**
 * A configuration value is missing, unknown, of the wrong type or out of range. The message names
 * the full key and what is wrong, e.g. {@code strategy.config.short: must be >= 1 (was 0)}.
 */
public final class ConfigException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String problem;

    /**
     * @param key the full dotted key, e.g. {@code strategy.config.short}
     * @param problem what is wrong with it
     */
    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
        this.problem = problem;
    }

    /** What is wrong, without the key. */
    public String problem() {
        return problem;
    }

    /** The full dotted key that is wrong. */
    public String key() {
        return key;
    }
}
