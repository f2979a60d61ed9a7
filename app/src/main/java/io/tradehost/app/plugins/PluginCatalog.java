package io.tradehost.app.plugins;

import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.strategy.StrategyFactory;
import io.tradehost.api.venue.VenueFactory;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every strategy, guard and venue plugin the host found, by kind, in discovery order. When two
 * plugins of one kind share a name, the first found wins and the other is logged and left out.
 * Immutable.
 */
public final class PluginCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(PluginCatalog.class);

    private final List<StrategyFactory> strategies;
    private final List<GuardFactory> guards;
    private final List<VenueFactory> venues;

    public PluginCatalog(List<StrategyFactory> strategies, List<GuardFactory> guards, List<VenueFactory> venues) {
        this.strategies = unique("strategy", strategies, StrategyFactory::name);
        this.guards = unique("guard", guards, GuardFactory::name);
        this.venues = unique("venue", venues, VenueFactory::name);
    }

    /** The plugins provided by modules of {@code layer} and its parents. */
    public static PluginCatalog fromLayer(ModuleLayer layer) {
        return new PluginCatalog(load(layer, StrategyFactory.class), load(layer, GuardFactory.class),
                load(layer, VenueFactory.class));
    }

    private static <T> List<T> load(ModuleLayer layer, Class<T> type) {
        List<T> found = new ArrayList<>();
        ServiceLoader.load(layer, type).forEach(found::add);
        return found;
    }

    public List<StrategyFactory> strategies() {
        return strategies;
    }

    public List<GuardFactory> guards() {
        return guards;
    }

    public List<VenueFactory> venues() {
        return venues;
    }

    /** One row per plugin, ordered by kind then name. */
    public List<PluginInfo> describe() {
        List<PluginInfo> rows = new ArrayList<>();
        strategies.forEach(f -> rows.add(info("strategy", f.name(), f.description(), f.getClass())));
        guards.forEach(f -> rows.add(info("guard", f.name(), f.description(), f.getClass())));
        venues.forEach(f -> rows.add(info("venue", f.name(), f.description(), f.getClass())));
        rows.sort(Comparator.comparing(PluginInfo::kind).thenComparing(PluginInfo::name));
        return List.copyOf(rows);
    }

    private static PluginInfo info(String kind, String name, String description, Class<?> type) {
        Module module = type.getModule();
        String moduleName = module.isNamed() ? module.getName() : "(class path)";
        String version = module.isNamed() ? module.getDescriptor().version().map(ModuleDescriptor.Version::toString)
                .orElse("unversioned") : "unversioned";
        return new PluginInfo(kind, name, description, moduleName, version, origin(module));
    }

    private static String origin(Module module) {
        if (!module.isNamed() || module.getLayer() == null) {
            return "class path";
        }
        return module.getLayer().configuration().findModule(module.getName()).map(ResolvedModule::reference)
                .flatMap(reference -> reference.location()).map(PluginCatalog::describe).orElse("unknown");
    }

    private static String describe(URI location) {
        return "jrt".equals(location.getScheme()) ? "image" : location.getScheme().equals("file")
                ? Path.of(location).toString() : location.toString();
    }

    private static <T> List<T> unique(String kind, List<T> plugins, Function<T, String> name) {
        Map<String, T> byName = new LinkedHashMap<>();
        for (T plugin : plugins) {
            T first = byName.putIfAbsent(name.apply(plugin), plugin);
            if (first != null) {
                LOG.warn("{} plugin '{}' from {} ignored: the name is taken by {}", kind, name.apply(plugin),
                        plugin.getClass().getModule().getName(), first.getClass().getModule().getName());
            }
        }
        return List.copyOf(byName.values());
    }
}
