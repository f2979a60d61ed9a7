package io.tradehost.app.cli;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.host.StartupException;
import io.tradehost.api.host.Throwables;
import io.tradehost.app.config.ConfigError;
import io.tradehost.app.config.ConfigProblems;
import io.tradehost.backtest.tape.TapeException;
import io.tradehost.journal.JournalException;
import java.io.PrintWriter;
import java.lang.module.ModuleDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code tradehost} command and its exit codes: 0 success, 1 failure, 2 bad configuration, data or
 * usage, 3 journal and venue differ ({@code reconcile}).
 */
@Command(name = "tradehost", mixinStandardHelpOptions = true, versionProvider = TradehostCommand.Version.class,
        description = "A modular host for automated trading with drop-in strategy, guard and venue plugins.",
        subcommands = {RunCommand.class, ReconcileCommand.class, PluginsCommand.class, GuardsCommand.class,
                StatusCommand.class, OperatorCommand.class, ExchangeCommand.class, FleetCommand.class,
                WorkerCommand.class, SweepCommand.class,
                BacktestCommand.class, ConfigCommand.class, CommandLine.HelpCommand.class})
public final class TradehostCommand implements Runnable {
    /** Exit status for a bad configuration or command line. */
    public static final int EXIT_CONFIG = 2;
    /** Exit status for a run that could not start or failed. */
    public static final int EXIT_FAILURE = 1;
    /**
     * Exit status of a primary that found its account's lease taken by another host: it ends at once,
     * making no more venue calls (not even the cancels of an orderly stop: its orders are the new
     * primary's now).
     */
    public static final int EXIT_FENCED = 4;
    /** Exit status of {@code reconcile} when journal and venue differ. */
    public static final int EXIT_DIFFERENT = 3;
    /**
     * Exit status after a failure of the JVM itself caught here (out of memory outside the heap, an
     * internal error); out of memory in the heap ends the process through the launcher's
     * {@code -XX:+ExitOnOutOfMemoryError} with status 3 before any handler runs.
     */
    public static final int EXIT_FATAL = 70;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Picocli instantiates it. */
    public TradehostCommand() {
        // fields are injected by picocli
    }

    /** Runs the CLI with {@code args} on the process's standard streams. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * {@link #execute(String...)}, with whatever escapes it ended in one line, never a stack trace on
     * the terminal: a failure of the JVM itself halts the process at once, as a crash would, so that
     * nothing more is written that the next start cannot reconcile; anything else is logged in full
     * and exits {@link #EXIT_FAILURE}.
     */
    public static int executeContained(String... args) {
        try {
            return execute(args);
        } catch (Throwable e) {
            if (Throwables.isFatal(e)) {
                System.err.println("tradehost: fatal: " + Throwables.describe(e) + "; the process ends now (the"
                        + " journal is safe; the next start reconciles with the venue)");
                System.err.flush();
                Runtime.getRuntime().halt(EXIT_FATAL);
            }
            log().error("run failed", e);
            System.err.println("tradehost: failed: " + Throwables.describe(e));
            return EXIT_FAILURE;
        }
    }

    /** Runs the CLI with {@code args}, writing results to {@code out} and problems to {@code err}. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new TradehostCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> report(e, err));
        cli.setParameterExceptionHandler((e, params) -> {
            err.println("tradehost: " + e.getMessage());
            err.println("try 'tradehost " + (e.getCommandLine().getCommandName().equals("tradehost") ? ""
                    : e.getCommandLine().getCommandName() + " ") + "--help'");
            err.flush();
            return EXIT_CONFIG;
        });
        return cli.execute(args);
    }

    /** Prints one line for {@code failure} and returns its exit status; unexpected failures are also logged in full. */
    static int report(Exception failure, PrintWriter err) {
        int status = switch (failure) {
            case ConfigProblems p -> {
                p.lines().forEach(line -> err.println("tradehost: config error: " + line));
                yield EXIT_CONFIG;
            }
            case ConfigError c -> {
                err.println("tradehost: config error: " + c.getMessage());
                yield EXIT_CONFIG;
            }
            case ConfigException c -> {
                err.println("tradehost: config error: " + c.getMessage());
                yield EXIT_CONFIG;
            }
            case TapeException t -> {
                err.println("tradehost: bad data: " + t.getMessage());
                yield EXIT_CONFIG;
            }
            case StartupException s -> {
                err.println("tradehost: cannot start: " + s.getMessage());
                yield EXIT_FAILURE;
            }
            case AdminClient.Failure f -> {
                err.println("tradehost: " + f.getMessage());
                yield EXIT_FAILURE;
            }
            case JournalException j -> {
                err.println("tradehost: journal: " + j.getMessage());
                yield EXIT_FAILURE;
            }
            default -> {
                log().error("run failed", failure);
                err.println("tradehost: failed: " + failure);
                yield EXIT_FAILURE;
            }
        };
        err.flush();
        return status;
    }

    /**
     * Prints the version line and answers true when {@code args} is {@code --version} or {@code -V}
     * alone: before picocli builds its model of every command, which is most of the start-up time.
     */
    public static boolean answeredVersion(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            System.out.println(Version.line());
            return true;
        }
        return false;
    }

    /** Looked up when a failure is logged: the logging system is not configured for {@code --version}. */
    private static Logger log() {
        return LoggerFactory.getLogger(TradehostCommand.class);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version of the app module, or {@code development} off the module path. */
    public static final class Version implements CommandLine.IVersionProvider {
        public Version() {
            // stateless
        }

        @Override
        public String[] getVersion() {
            return new String[] {line()};
        }

        /** {@code tradehost VERSION (Java VERSION)}: what {@code tradehost --version} prints. */
        public static String line() {
            return "tradehost " + module() + " (Java " + Runtime.version() + ")";
        }

        /** The app module's version, or {@code development} off the module path. */
        public static String module() {
            Module module = TradehostCommand.class.getModule();
            return module.isNamed() ? module.getDescriptor().version().map(ModuleDescriptor.Version::toString)
                    .orElse("development") : "development";
        }
    }
}
