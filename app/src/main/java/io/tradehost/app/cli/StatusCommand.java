package io.tradehost.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
/** {@code tradehost status}: a running host's trading state, reasons, health and positions, from its admin API. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a running host's trading state, active reasons, health and positions (exit 0 healthy or"
                + " degraded, 1 unhealthy or unreachable).")
public final class StatusCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AdminClient.Options options;

    @Option(names = "--json", description = "Print the state, health and positions as one JSON object")
    private boolean json;

    /** Picocli instantiates it. */
    public StatusCommand() {
        // fields are injected by picocli
    }

    @Override
    public Integer call() {
        AdminClient client = options.client(System.getenv());
        AdminClient.Answer health = client.getOpen("/health");
        JsonNode state = client.get("/api/v1/state").body();
        JsonNode positions = client.get("/api/v1/positions").body();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            var all = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            all.set("health", health.body());
            all.set("state", state);
            all.set("positions", positions);
            out.println(all.toPrettyString());
        } else {
            out.printf("host %s on %s: %s, health %s%n", state.path("runId").asText(), state.path("venue").asText(),
                    state.path("tradingState").asText(), health.body().path("status").asText());
            for (JsonNode r : state.path("reasons")) {
                out.printf("  reason %-28s %-11s %-9s %s%n", r.path("code").asText(), r.path("effect").asText(),
                        r.path("clearing").asText(), r.path("message").asText());
            }
            for (JsonNode c : health.body().path("components")) {
                out.printf("  %-10s %-9s %s%n", c.path("component").asText(), c.path("status").asText(),
                        c.path("error").isNull() ? "" : c.path("error").asText());
            }
            out.printf("  equity %s  cash %s%n", positions.path("equity").asText(), positions.path("cash").asText());
            for (JsonNode p : positions.path("positions")) {
                out.printf("  %-10s %14s @ %-14s mark %-14s unrealised %s%n", p.path("symbol").asText(),
                        p.path("quantity").asText(), p.path("averageEntry").asText(), p.path("mark").asText("-"),
                        p.path("unrealizedPnl").asText());
            }
        }
        out.flush();
        return health.status() == 200 ? 0 : TradehostCommand.EXIT_FAILURE;
    }
}
