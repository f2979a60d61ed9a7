package io.tradehost.app.cli;

import io.tradehost.app.config.ConfigCheck;
import io.tradehost.app.config.ConfigDiff;
import io.tradehost.app.config.ConfigProblems;
import io.tradehost.app.config.ConfigTrees;
import io.tradehost.app.config.DriftRules;
import io.tradehost.app.config.EffectiveToml;
import io.tradehost.app.config.Exposure;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.config.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tradehost config check|show|diff}: the configuration tools. None starts anything or
 * touches a data directory.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Check, show and compare configurations without starting anything.",
        subcommands = {ConfigCommand.Check.class, ConfigCommand.Show.class, ConfigCommand.Diff.class})
public final class ConfigCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    /** Picocli instantiates it. */
    public ConfigCommand() {
        // fields are injected by picocli
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code config check FILE [--set ...]}: every problem, one line each; exit 0 or 2. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate FILE whole (every key, every plugin block): one line per problem; exit 0 or 2.")
    static final class Check implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The TOML configuration to check")
        private Path file;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one key, as run does")
        private List<String> overrides = new ArrayList<>();

        @Mixin
        private PluginDirectoryOption plugins;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                CheckedConfig checked = CheckedConfig.load(file, overrides, System.getenv(), plugins);
                HostConfig c = checked.config();
                out.println(file + ": ok (profile " + c.profile() + ", venue " + c.venue() + ", " + c.symbols().size()
                        + " symbol(s), strategy " + c.strategy() + ")");
                out.flush();
                return 0;
            } catch (ConfigProblems p) {
                p.lines().forEach(out::println);
                out.flush();
                return TradehostCommand.EXIT_CONFIG;
            }
        }
    }

    /** {@code config show}: the effective TOML with where each value came from. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the effective configuration as TOML, each value annotated with where it came from"
                    + " (default, profile, file, environment, --set); secrets masked.")
    static final class Show implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE", description = "TOML configuration (default: embedded defaults)")
        private Path config;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one key, as run does")
        private List<String> overrides = new ArrayList<>();

        @Mixin
        private PluginDirectoryOption plugins;

        @Override
        public Integer call() {
            Map<String, String> environment = System.getenv();
            CheckedConfig checked = CheckedConfig.load(config, overrides, environment, plugins);
            ConfigCheck.Result result = ConfigCheck.check(checked.layered(), environment, checked.catalog());
            spec.commandLine().getOut().print(EffectiveToml.of(checked.layered(), result.defaults()));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code config diff A B}: what a running host on A would do on a reload to B. */
    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "The changes from A to B with the severity a running host would give each (without a host,"
                    + " tightening a risk limit counts as high: the open exposure is unknown).")
    static final class Diff implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "A", description = "The configuration running now")
        private Path before;

        @Parameters(index = "1", paramLabel = "B", description = "The configuration to reload")
        private Path after;

        @Mixin
        private PluginDirectoryOption plugins;

        @Override
        public Integer call() {
            Map<String, String> environment = System.getenv();
            CheckedConfig a = CheckedConfig.load(before, List.of(), environment, plugins);
            CheckedConfig b = CheckedConfig.load(after, List.of(), environment, plugins);
            List<DriftRules.Classified> changes = DriftRules.classify(ConfigDiff.between(ConfigTrees.of(a.config()),
                    ConfigTrees.of(b.config())), Exposure.UNKNOWN);
            PrintWriter out = spec.commandLine().getOut();
            out.print(DiffTable.of(changes, a.config().profile().lockedAgainstDrift()));
            out.flush();
            return 0;
        }
    }

    /** The table {@code config diff} prints, and what the host would do. */
    static final class DiffTable {
        private DiffTable() {
        }

        static String of(List<DriftRules.Classified> changes, boolean locked) {
            if (changes.isEmpty()) {
                return "no changes\n";
            }
            StringBuilder out = new StringBuilder();
            int width = Math.max(3, changes.stream().mapToInt(c -> c.change().key().length()).max().orElse(3));
            String row = "%-" + width + "s  %-20s  %-20s  %-8s  %s%n";
            out.append(String.format(row, "key", "old", "new", "severity", "why"));
            for (DriftRules.Classified c : changes) {
                out.append(String.format(row, c.change().key(), shown(c.change().shownBefore()),
                        shown(c.change().shownAfter()), c.severity().configName(), c.verdict().why()));
            }
            Severity worst = DriftRules.worst(changes);
            out.append(locked ? "the running profile is locked against drift: the host would refuse the reload\n"
                    : switch (worst) {
                        case CRITICAL -> "critical: the host would stop gracefully (positions kept), stop reason"
                                + " config_drift\n";
                        case HIGH -> "high: the host would apply the changes and go reduce-only (config_drift)"
                                + " if a tightened limit is below what is open\n";
                        case RESTART -> "restart: the safe changes apply now; the others at the next start\n";
                        default -> "safe: the host would apply every change between two events\n";
                    });
            return out.toString();
        }

        private static String shown(String value) {
            return value == null ? "(unset)" : value;
        }
    }
}
