package io.tradehost.app.plugins;

import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.RuntimeGuardFactory;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.strategy.StrategyFactory;
import io.tradehost.api.venue.VenueFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * Finds plugins: the built-ins of the host's own layer, then every entry of the plugin directories,
 * each in a module layer of its own over the host's, so two plugins may carry different versions of
 * one library. An entry is a modular jar, an exploded module directory (holding
 * {@code module-info.class}), or a bundle directory of jars: the plugin module and its
 * dependencies (which may be automatic modules). Providers are taken from the entry's own layer
 * only; each plugin's {@link PluginInfo#bundled} names the other modules its entry carries.
 *
 * <p>An entry is refused, with one WARN line and a reason in the catalog, when it cannot be read,
 * has no module descriptor, provides no strategy, guard or venue, does not record the api version
 * it was compiled against or was compiled against another api major version, carries its own copy
 * of a host module, needs a module the runtime lacks, cannot be resolved (split packages), or its
 * factory fails to construct. The other entries still load. Not thread-safe; use once at start.
 */
public final class PluginLoader {
    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);
    private static final String API = "io.tradehost.api";
    private static final List<Class<?>> SERVICES = List.of(StrategyFactory.class, GuardFactory.class,
            VenueFactory.class, RuntimeGuardFactory.class);
    private static final Pattern MISSING_MODULE = Pattern.compile("Module (\\S+) not found");

    private final ModuleLayer host;
    private final String hostApiVersion;
    private final PluginPins pins;

    /** A loader that puts plugins over {@code host}, the layer holding the api and the built-ins. */
    public PluginLoader(ModuleLayer host) {
        this(host, PluginPins.NONE);
    }

    /** The same, loading only the drop-in entries {@code pins} allows. */
    public PluginLoader(ModuleLayer host, PluginPins pins) {
        this.host = host;
        this.pins = pins;
        this.hostApiVersion = host.findModule(API).flatMap(m -> m.getDescriptor().version())
                .map(ModuleDescriptor.Version::toString).orElse("unversioned");
    }

    /** The api version this host speaks, e.g. {@code 0.1.0}. */
    public String hostApiVersion() {
        return hostApiVersion;
    }

    /** The built-ins plus the plugins of every existing directory in {@code directories}, in order. */
    public PluginCatalog load(List<Path> directories) {
        Found found = new Found();
        collect(host, found, module -> true, false, "", List.of());
        Set<String> seen = new HashSet<>();
        for (Path directory : directories) {
            for (Path entry : entries(directory, found)) {
                seen.add(entry.getFileName().toString());
                loadEntry(entry, found);
            }
        }
        pins.pins().keySet().stream().filter(name -> !seen.contains(name)).sorted().forEach(name ->
                LOG.warn("plugins.pins names {}, which is in no plugin folder", name));
        return new PluginCatalog(found.strategies, found.guards, found.venues, found.runtimeGuards, found.refused);
    }

    /** What the loader has found so far. */
    private static final class Found {
        final List<PluginCatalog.Found<StrategyFactory>> strategies = new ArrayList<>();
        final List<PluginCatalog.Found<GuardFactory>> guards = new ArrayList<>();
        final List<PluginCatalog.Found<VenueFactory>> venues = new ArrayList<>();
        final List<PluginCatalog.Found<RuntimeGuardFactory>> runtimeGuards = new ArrayList<>();
        final List<PluginInfo> refused = new ArrayList<>();
    }

    private static List<Path> entries(Path directory, Found found) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isDirectory(p) || p.getFileName().toString().endsWith(".jar"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            refuse(found, PluginInfo.refused(directory.toString(), directory.getFileName().toString(), "", "",
                    "cannot list the plugin directory: " + e.getMessage(), ""));
            return List.of();
        }
    }

    private void loadEntry(Path entry, Found found) {
        String origin = entry.toString();
        String fileName = entry.getFileName().toString();
        String sha256;
        try {
            sha256 = EntryHash.of(entry);
        } catch (UncheckedIOException e) {
            refuse(found, PluginInfo.refused(origin, fileName, "", "", e.getMessage(), ""));
            return;
        }
        String unpinned = pins.refusal(fileName, sha256);
        if (unpinned != null) {
            refuse(found, PluginInfo.refused(origin, fileName, "", "", unpinned, sha256));
            return;
        }
        Set<ModuleReference> modules;
        try {
            modules = ModuleFinder.of(entry).findAll();
        } catch (FindException e) {
            refuse(found, PluginInfo.refused(origin, fileName, "", "", "cannot be read: " + rootMessage(e), sha256));
            return;
        }
        List<ModuleDescriptor> roots = modules.stream().map(ModuleReference::descriptor)
                .filter(d -> !d.isAutomatic() && providesAService(d)).toList();
        if (roots.isEmpty()) {
            String why = modules.stream().allMatch(m -> m.descriptor().isAutomatic())
                    ? "has no module descriptor (module-info.class): a plugin must be an explicit module that provides "
                    + "a StrategyFactory, GuardFactory, RuntimeGuardFactory or VenueFactory"
                    : "provides no StrategyFactory, GuardFactory, RuntimeGuardFactory or VenueFactory";
            refuse(found, PluginInfo.refused(origin, fileName, names(modules), "", why, sha256));
            return;
        }
        ModuleDescriptor root = roots.getFirst();
        String version = root.version().map(ModuleDescriptor.Version::toString).orElse("unversioned");
        List<PluginInfo.Bundled> bundled = bundled(entry, modules, roots);
        String problem = incompatibility(roots, modules);
        if (problem != null) {
            refuse(found, PluginInfo.refused(origin, fileName, root.name(), version, problem, sha256)
                    .withBundled(bundled));
            return;
        }
        ModuleLayer layer;
        try {
            Configuration configuration = host.configuration().resolve(ModuleFinder.of(entry),
                    ModuleFinder.of(), roots.stream().map(ModuleDescriptor::name).toList());
            layer = host.defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
        } catch (FindException e) {
            Matcher missing = MISSING_MODULE.matcher(String.valueOf(e.getMessage()));
            String why = missing.find() ? "needs module " + missing.group(1)
                    + ", which neither the plugin nor the host's runtime contains" : "cannot be resolved: " + rootMessage(e);
            refuse(found, PluginInfo.refused(origin, fileName, root.name(), version, why, sha256)
                    .withBundled(bundled));
            return;
        } catch (ResolutionException | LayerInstantiationException | SecurityException e) {
            refuse(found, PluginInfo.refused(origin, fileName, root.name(), version,
                    "cannot be resolved: " + rootMessage(e), sha256).withBundled(bundled));
            return;
        }
        Found own = new Found();
        try {
            collect(layer, own, module -> module.getLayer() == layer, true, sha256, bundled);
        } catch (Throwable e) {
            // a factory is plugin code: whatever its constructor or name() throws refuses this entry alone
            Throwables.rethrowIfFatal(e);
            refuse(found, PluginInfo.refused(origin, fileName, root.name(), version,
                    "a factory failed to start: " + rootMessage(e), sha256).withBundled(bundled));
            return;
        }
        found.strategies.addAll(own.strategies);
        found.guards.addAll(own.guards);
        found.venues.addAll(own.venues);
        found.runtimeGuards.addAll(own.runtimeGuards);
        own.runtimeGuards.forEach(f -> LOG.info("plugin {}: runtime guard '{}' from {}@{}", origin, f.info().name(),
                root.name(), version));
        own.strategies.forEach(f -> LOG.info("plugin {}: strategy '{}' from {}@{}", origin, f.info().name(),
                root.name(), version));
        own.guards.forEach(f -> LOG.info("plugin {}: guard '{}' from {}@{}", origin, f.info().name(), root.name(),
                version));
        own.venues.forEach(f -> LOG.info("plugin {}: venue '{}' from {}@{}", origin, f.info().name(), root.name(),
                version));
    }

    private String incompatibility(List<ModuleDescriptor> roots, Set<ModuleReference> modules) {
        for (ModuleReference m : modules) {
            String name = m.descriptor().name();
            if (host.findModule(name).isPresent() && name.startsWith("io.tradehost.")) {
                return "carries its own copy of host module " + name + "; plugins must use the host's";
            }
        }
        for (ModuleDescriptor root : roots) {
            Optional<ModuleDescriptor.Requires> api = root.requires().stream().filter(r -> r.name().equals(API))
                    .findFirst();
            if (api.isEmpty()) {
                return "module " + root.name() + " does not require " + API;
            }
            Optional<ModuleDescriptor.Version> compiled = api.get().compiledVersion();
            if (compiled.isEmpty()) {
                return "module " + root.name() + " does not record the api version it was compiled against";
            }
            if (!major(compiled.get().toString()).equals(major(hostApiVersion))) {
                return "module " + root.name() + " was compiled against api " + compiled.get()
                        + "; this host speaks api " + hostApiVersion + " (major " + major(hostApiVersion) + ")";
            }
        }
        return null;
    }

    private static String major(String version) {
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return end == 0 ? version : version.substring(0, end);
    }

    private static boolean providesAService(ModuleDescriptor descriptor) {
        return descriptor.provides().stream()
                .anyMatch(p -> SERVICES.stream().anyMatch(s -> s.getName().equals(p.service())));
    }

    private static String names(Set<ModuleReference> modules) {
        return String.join(",", modules.stream().map(m -> m.descriptor().name()).sorted().toList());
    }

    private static void collect(ModuleLayer layer, Found found, Predicate<Module> own, boolean dropIn,
                                String sha256, List<PluginInfo.Bundled> bundled) {
        found.strategies.addAll(load(layer, StrategyFactory.class, own, "strategy", StrategyFactory::name,
                StrategyFactory::description, dropIn, sha256, bundled));
        found.guards.addAll(load(layer, GuardFactory.class, own, "guard", GuardFactory::name,
                GuardFactory::description, dropIn, sha256, bundled));
        found.venues.addAll(load(layer, VenueFactory.class, own, "venue", VenueFactory::name,
                VenueFactory::description, dropIn, sha256, bundled));
        found.runtimeGuards.addAll(load(layer, RuntimeGuardFactory.class, own, "runtime-guard",
                RuntimeGuardFactory::name, RuntimeGuardFactory::description, dropIn, sha256, bundled));
    }

    private static <T> List<PluginCatalog.Found<T>> load(ModuleLayer layer, Class<T> type,
                                                         Predicate<Module> own, String kind,
                                                         Function<T, String> name, Function<T, String> description,
                                                         boolean dropIn, String sha256,
                                                         List<PluginInfo.Bundled> bundled) {
        List<PluginCatalog.Found<T>> found = new ArrayList<>();
        ServiceLoader.load(layer, type).stream().filter(p -> own.test(p.type().getModule())).forEach(provider -> {
            T factory = provider.get();
            Module module = provider.type().getModule();
            found.add(new PluginCatalog.Found<>(factory, new PluginInfo(kind, name.apply(factory),
                    description.apply(factory), module.isNamed() ? module.getName() : "(class path)",
                    versionOf(module), originOf(module), PluginInfo.LOADED, "", dropIn, sha256, bundled)));
        });
        return found;
    }

    /**
     * The modules of {@code entry} other than its plugin modules ({@code roots}): the libraries a bundle
     * folder carries, by module name. Empty for a single jar or an exploded module.
     */
    private static List<PluginInfo.Bundled> bundled(Path entry, Set<ModuleReference> modules,
                                                    List<ModuleDescriptor> roots) {
        Set<String> plugins = new HashSet<>(roots.stream().map(ModuleDescriptor::name).toList());
        return modules.stream().filter(m -> !plugins.contains(m.descriptor().name()))
                .map(m -> new PluginInfo.Bundled(m.descriptor().name(),
                        m.descriptor().version().map(ModuleDescriptor.Version::toString).orElse("unversioned"),
                        m.location().map(l -> fileIn(entry, l)).orElse(m.descriptor().name()),
                        m.descriptor().isAutomatic()))
                .sorted(Comparator.comparing(PluginInfo.Bundled::module)).toList();
    }

    /** A module's place within its entry (ModuleFinder.of gives file locations only). */
    private static String fileIn(Path entry, URI location) {
        Path base = entry.toAbsolutePath().normalize();
        Path file = Path.of(location).normalize();
        return (file.startsWith(base) ? base.relativize(file) : file).toString().replace('\\', '/');
    }

    private static String versionOf(Module module) {
        return module.isNamed() ? module.getDescriptor().version().map(ModuleDescriptor.Version::toString)
                .orElse("unversioned") : "unversioned";
    }

    private static String originOf(Module module) {
        if (!module.isNamed() || module.getLayer() == null) {
            return "class path";
        }
        return module.getLayer().configuration().findModule(module.getName()).map(ResolvedModule::reference)
                .flatMap(ModuleReference::location).map(PluginLoader::describe).orElse("unknown");
    }

    private static String describe(URI location) {
        return "jrt".equals(location.getScheme()) ? "image"
                : "file".equals(location.getScheme()) ? Path.of(location).toString() : location.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage())
                : e.getMessage() + " (" + t.getClass().getSimpleName() + ": " + t.getMessage() + ")";
    }

    private static void refuse(Found found, PluginInfo info) {
        LOG.warn("plugin {} refused: {}", info.origin(), info.reason());
        found.refused.add(info);
    }
}
