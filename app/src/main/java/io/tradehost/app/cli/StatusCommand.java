package io.tradehost.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.tradehost.api.host.PrintableText;
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

    /** Made when needed: Jackson's classes stay out of {@code --help} and {@code --version}. */
    private static ObjectWriter terminalJson() {
        return new ObjectMapper().writerWithDefaultPrettyPrinter().with(JsonWriteFeature.ESCAPE_NON_ASCII);
    }

    /** Text from the host as it may reach a terminal: control characters escaped. */
    static String t(JsonNode node) {
        return PrintableText.escape(node.asText());
    }

    @Override
    public Integer call() throws JsonProcessingException {
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
            // every character outside ASCII as an escape: what a host answers must not steer the terminal
            out.println(terminalJson().writeValueAsString(all));
        } else {
            out.printf("host %s on %s: %s, health %s%n", t(state.path("runId")), t(state.path("venue")),
                    t(state.path("tradingState")), t(health.body().path("status")));
            for (JsonNode r : state.path("reasons")) {
                out.printf("  reason %-28s %-11s %-9s %s%n", t(r.path("code")), t(r.path("effect")),
                        t(r.path("clearing")), t(r.path("message")));
            }
            for (JsonNode c : health.body().path("components")) {
                out.printf("  %-10s %-9s %s%n", t(c.path("component")), t(c.path("status")),
                        c.path("error").isNull() ? "" : t(c.path("error")));
            }
            out.printf("  equity %s  cash %s%n", t(positions.path("equity")), t(positions.path("cash")));
            for (JsonNode p : positions.path("positions")) {
                out.printf("  %-10s %14s @ %-14s mark %-14s unrealised %s%n", t(p.path("symbol")),
                        t(p.path("quantity")), t(p.path("averageEntry")),
                        p.path("mark").isNull() || p.path("mark").isMissingNode() ? "-" : t(p.path("mark")),
                        t(p.path("unrealizedPnl")));
            }
        }
        out.flush();
        return health.status() == 200 ? 0 : TradehostCommand.EXIT_FAILURE;
    }
}
