package io.tradehost.app.config;

import io.tradehost.api.config.ConfigException;
import java.io.Serial;

/**
 * A configuration that cannot be used, with where it came from: the CLI prints
 * {@link #getMessage()} as one line and exits 2.
 */
public final class ConfigError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String origin;
    private final String problem;

    /** @param origin the file, "embedded defaults" or "--set"; @param problem what is wrong, naming the key */
    public ConfigError(String origin, String problem) {
        super(origin + ": " + problem);
        this.origin = origin;
        this.problem = problem;
    }

    /** Where the configuration came from. */
    public String origin() {
        return origin;
    }

    /** What is wrong, without the origin. */
    public String problem() {
        return problem;
    }

    /** A key-level problem found in configuration from {@code origin}. */
    public static ConfigError of(String origin, ConfigException e) {
        return new ConfigError(origin, e.getMessage());
    }
}
