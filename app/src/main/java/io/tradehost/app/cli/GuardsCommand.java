package io.tradehost.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.RuntimeGuardFactory;
import io.tradehost.app.plugins.PluginCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tradehost guards}: every pre-trade and runtime guard with its keys, defaults and effect. */
@Command(name = "guards", mixinStandardHelpOptions = true,
        description = "List every pre-trade and runtime guard: its config keys with defaults, and what it does.")
public final class GuardsCommand implements Callable<Integer> {
    /** One guard as listed. */
    private record Row(String type, String name, List<String> keys, String effect) {
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of text")
    private boolean json;

    @Mixin
    private PluginDirectoryOption plugins;

    /** Picocli instantiates it. */
    public GuardsCommand() {
        // fields are injected by picocli
    }

    @Override
    public Integer call() throws JsonProcessingException {
        PluginCatalog catalog = plugins.catalog();
        List<Row> rows = new ArrayList<>();
        for (GuardFactory g : catalog.guards()) {
            rows.add(new Row("pre-trade", g.name(), g.keys(), g.description()));
        }
        for (RuntimeGuardFactory g : catalog.runtimeGuards()) {
            rows.add(new Row("runtime", g.name(), g.keys(), g.description()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ArrayNode list = mapper.createArrayNode();
            for (Row r : rows) {
                ObjectNode n = list.addObject();
                n.put("type", r.type());
                n.put("name", r.name());
                r.keys().forEach(n.putArray("keys")::add);
                if (r.keys().isEmpty()) {
                    n.putArray("keys");
                }
                n.put("effect", r.effect());
            }
            out.println(mapper.writeValueAsString(list));
        } else {
            for (Row r : rows) {
                out.printf("%-9s %-19s %s%n", r.type(), r.name(), r.effect());
                out.printf("%-29s keys: %s%n", "", r.keys().isEmpty() ? "none" : String.join(", ", r.keys()));
            }
        }
        out.flush();
        return 0;
    }
}
