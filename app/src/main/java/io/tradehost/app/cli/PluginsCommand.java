package io.tradehost.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tradehost.api.host.PrintableText;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.plugins.IsolationPolicy;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.plugins.PluginInfo;
import io.tradehost.app.plugins.PluginListing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
/**
 * {@code tradehost plugins}: every strategy, guard and venue found, with module, version and origin,
 * and for a bundle folder each library it carries beside the plugin module (module, version, file).
 * The listing is printed whole either way; when any plugin was refused the command exits
 * {@link TradehostCommand#EXIT_CONFIG}, as {@code config check} does for a bad configuration, with
 * one line on stderr naming the refused ones, so a script or a deployment check sees the refusal
 * without parsing the listing.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List every strategy, guard and venue plugin found, loaded or refused: kind, name, module, "
                + "version, origin, status, the reason for a refusal and the libraries a bundle folder carries."
                + " Exit 0 when every plugin loaded, 2 when any was refused.")
public final class PluginsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of a table")
    private boolean json;

    @Option(names = "--config", paramLabel = "FILE",
            description = "TOML configuration whose plugins.pins and plugins.require_pinned apply (default: embedded defaults)")
    private Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one key")
    private List<String> overrides = new ArrayList<>();

    @Mixin
    private PluginDirectoryOption plugins;

    /** Picocli instantiates it. */
    public PluginsCommand() {
        // fields are injected by picocli
    }

    @Override
    public Integer call() throws JsonProcessingException {
        HostConfig hostConfig = ConfigLoader.load(config, overrides);
        PluginCatalog catalog = plugins.catalog(hostConfig.plugins().pins());
        List<PluginInfo> found = catalog.describe();
        IsolationPolicy isolation = IsolationPolicy.of(hostConfig, catalog, null, System::nanoTime);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ArrayNode list = PluginListing.toJson(catalog, isolation);
            out.println(mapper.writeValueAsString(list));
        } else {
            out.printf("%-8s %-13s %-20s %-34s %-16s %-9s %s%n", "STATUS", "KIND", "NAME", "MODULE", "VERSION",
                    "RUNS", "ORIGIN");
            for (PluginInfo p : found) {
                out.printf("%-8s %-13s %-20s %-34s %-16s %-9s %s%n", p.status(), p.kind(), p.name(), p.module(),
                        p.version(), p.isLoaded() ? isolation.mode(p.kind(), p.name()).name().toLowerCase(Locale.ROOT)
                        : "-", p.origin());
                if (!p.sha256().isEmpty()) {
                    out.printf("         sha256: %s%n", p.sha256());
                }
                for (PluginInfo.Bundled b : p.bundled()) {
                    // version and file come from a dropped-in file's name: its control characters are escaped
                    out.printf("         bundles: %s %s (%s%s)%n", b.module(), PrintableText.escape(b.version()),
                            PrintableText.escape(b.file()), b.automatic() ? ", automatic module" : "");
                }
                if (!p.isLoaded()) {
                    out.printf("         reason: %s%n", p.reason());
                }
            }
        }
        out.flush();
        List<String> refused = found.stream().filter(p -> !p.isLoaded()).map(PluginInfo::name).toList();
        if (refused.isEmpty()) {
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("tradehost: refused " + refused.size() + " plugin(s): "
                + PrintableText.clip(String.join(", ", refused), 500));
        err.flush();
        return TradehostCommand.EXIT_CONFIG;
    }
}
