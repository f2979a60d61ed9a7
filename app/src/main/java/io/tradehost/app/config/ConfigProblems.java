package io.tradehost.app.config;

import java.io.Serial;
import java.util.List;

/**
 * A configuration with one or more problems, each one line: the CLI prints them all and exits 2.
 */
public final class ConfigProblems extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigCheck.Problem> problems;
    private final transient List<String> lines;

    /** @param problems what {@link ConfigCheck} found; at least one */
    public ConfigProblems(List<ConfigCheck.Problem> problems) {
        super(problems.size() + " configuration problem(s): " + problems.getFirst().toLine());
        this.problems = List.copyOf(problems);
        this.lines = problems.stream().map(ConfigCheck.Problem::toLine).toList();
    }

    /** The problems, in the order found. */
    public List<ConfigCheck.Problem> problems() {
        return problems;
    }

    /** One line per problem. */
    public List<String> lines() {
        return lines;
    }
}
