package io.tradehost.app.plugins;

import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.RuntimeGuardFactory;
import io.tradehost.api.strategy.StrategyFactory;
import io.tradehost.api.venue.VenueFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * Every strategy, guard, runtime guard and venue plugin the host may use, by kind, in discovery order (built-ins
 * first), and every plugin it refused with the reason. When two plugins of one kind share a name,
 * the first found wins and the other is refused. Immutable.
 */
public final class PluginCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(PluginCatalog.class);

    /** A factory and what is known of where it came from. */
    public record Found<T>(T factory, PluginInfo info) {
    }

    private final List<StrategyFactory> strategies;
    private final List<GuardFactory> guards;
    private final List<VenueFactory> venues;
    private final List<RuntimeGuardFactory> runtimeGuards;
    private final List<PluginInfo> infos = new ArrayList<>();

    /**
     * @param strategies strategy factories found, in discovery order
     * @param guards guard factories found
     * @param venues venue factories found
     * @param runtimeGuards runtime guard factories found
     * @param refused plugins refused before their factories were reached
     */
    public PluginCatalog(List<Found<StrategyFactory>> strategies, List<Found<GuardFactory>> guards,
                         List<Found<VenueFactory>> venues, List<Found<RuntimeGuardFactory>> runtimeGuards,
                         List<PluginInfo> refused) {
        this.strategies = unique(strategies, StrategyFactory::name);
        this.guards = unique(guards, GuardFactory::name);
        this.venues = unique(venues, VenueFactory::name);
        this.runtimeGuards = unique(runtimeGuards, RuntimeGuardFactory::name);
        infos.addAll(refused);
        infos.sort(Comparator.comparing(PluginInfo::status).thenComparing(PluginInfo::kind)
                .thenComparing(PluginInfo::name));
    }

    private PluginCatalog(PluginCatalog base, VenueFactory venue, PluginInfo info) {
        this.strategies = base.strategies;
        this.guards = base.guards;
        this.runtimeGuards = base.runtimeGuards;
        List<VenueFactory> all = new ArrayList<>();
        all.add(venue);
        base.venues.stream().filter(v -> !v.name().equals(venue.name())).forEach(all::add);
        this.venues = List.copyOf(all);
        infos.add(info);
        base.infos.stream().filter(i -> !(i.kind().equals("venue") && i.name().equals(venue.name())))
                .forEach(infos::add);
    }

    /**
     * This catalog with {@code venue}, which the host provides itself (a backtest's simulated venue),
     * in place of any venue of the same name.
     */
    public PluginCatalog withVenue(VenueFactory venue) {
        Module module = venue.getClass().getModule();
        String name = module.isNamed() ? module.getName() : "";
        return new PluginCatalog(this, venue, new PluginInfo("venue", venue.name(), venue.description(), name,
                module.getDescriptor() != null ? module.getDescriptor().rawVersion().orElse("unversioned") : "unversioned",
                "host",
                PluginInfo.LOADED, "", false, ""));
    }

    /** The built-in plugins of {@code layer} and its parents; see {@link PluginLoader} for drop-in plugins. */
    public static PluginCatalog fromLayer(ModuleLayer layer) {
        return new PluginLoader(layer).load(List.of());
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

    public List<RuntimeGuardFactory> runtimeGuards() {
        return runtimeGuards;
    }

    /** One row per plugin, loaded ones first, then by kind and name. */
    public List<PluginInfo> describe() {
        return List.copyOf(infos);
    }

    /** Whether the loaded plugin {@code name} of {@code kind} ({@code strategy}, {@code guard}, ...) came from a plugin folder. */
    public boolean isDropIn(String kind, String name) {
        return infos.stream().anyMatch(i -> i.isLoaded() && i.kind().equals(kind) && i.name().equals(name)
                && i.dropIn());
    }

    /** Names of the strategies found, in discovery order. */
    public List<String> strategyNames() {
        return strategies.stream().map(StrategyFactory::name).toList();
    }

    private <T> List<T> unique(List<Found<T>> found, Function<T, String> name) {
        Map<String, Found<T>> byName = new LinkedHashMap<>();
        for (Found<T> f : found) {
            Found<T> first = byName.putIfAbsent(name.apply(f.factory()), f);
            if (first == null) {
                infos.add(f.info());
            } else {
                String why = f.info().kind() + " name '" + f.info().name() + "' is already provided by "
                        + first.info().module() + " (" + first.info().origin() + ")";
                LOG.warn("plugin {} refused: {}", f.info().origin(), why);
                infos.add(f.info().refuse(why));
            }
        }
        return byName.values().stream().map(Found::factory).toList();
    }
}
