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
    private final int line;
    private final String problem;

    /** @param origin the file, "embedded defaults" or "--set"; @param problem what is wrong, naming the key */
    public ConfigError(String origin, String problem) {
        this(origin, 0, problem);
    }

    /**
     * A problem at one line of a file: the message reads {@code origin:line: problem}.
     *
     * @param line the 1-based line, or 0 when no line is known
     */
    public ConfigError(String origin, int line, String problem) {
        super(origin + (line > 0 ? ":" + line : "") + ": " + problem);
        this.origin = origin;
        this.line = line;
        this.problem = problem;
    }

    /** Where the configuration came from. */
    public String origin() {
        return origin;
    }

    /** The line of {@link #origin()} the problem is at, or 0 when not known. */
    public int line() {
        return line;
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
