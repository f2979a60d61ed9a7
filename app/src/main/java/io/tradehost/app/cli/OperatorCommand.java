package io.tradehost.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.api.host.OperatorAction;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tradehost operator ACTION [ARG] --reason TEXT}: steer a running host through its admin API. */
@Command(name = "operator", mixinStandardHelpOptions = true,
        description = "Steer a running host: halt, reduce-only, resume (clears operator reasons), clear CODE,"
                + " cancel-all, close SYMBOL. Each needs --reason, which the host journals with who asked.")
public final class OperatorCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AdminClient.Options options;

    @Parameters(index = "0", paramLabel = "ACTION", description = "halt, reduce-only, resume, clear, cancel-all or close")
    private String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ARG", description = "the reason code (clear) or symbol (close)")
    private String argument;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the journal")
    private String reason;

    /** Picocli instantiates it. */
    public OperatorCommand() {
        // fields are injected by picocli
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OperatorAction a = OperatorAction.ofPath(action);
        if (a == null) {
            err.println("tradehost: no operator action '" + action + "' (one of " + String.join(", ",
                    Arrays.stream(OperatorAction.values()).map(OperatorAction::path).toList()) + ")");
            return TradehostCommand.EXIT_CONFIG;
        }
        if (a.takesArgument() != (argument != null)) {
            err.println("tradehost: operator " + a.path() + (a.takesArgument() ? " needs a "
                    + (a == OperatorAction.CLEAR ? "reason code" : "symbol") : " takes no argument"));
            return TradehostCommand.EXIT_CONFIG;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("reason", reason);
        body.put("actor", "cli:" + System.getProperty("user.name", "unknown").replaceAll("[^A-Za-z0-9._-]", "_"));
        String path = "/api/v1/operator/" + a.path()
                + (argument == null ? "" : "/" + URLEncoder.encode(argument, StandardCharsets.UTF_8));
        AdminClient.Answer answer = options.client(System.getenv()).post(path, body);
        JsonNode b = answer.body();
        switch (answer.status()) {
            case 200 -> {
                out.println((b.path("changed").asBoolean() ? "done: " : "no change: ")
                        + StatusCommand.t(b.path("outcome")));
                out.flush();
                return 0;
            }
            case 202 -> {
                out.println("accepted: " + StatusCommand.t(b.path("message")));
                out.flush();
                return 0;
            }
            default -> {
                err.println("tradehost: the host refused: " + StatusCommand.t(b.path("message")) + " (HTTP "
                        + answer.status() + ")");
                err.flush();
                return TradehostCommand.EXIT_FAILURE;
            }
        }
    }
}
