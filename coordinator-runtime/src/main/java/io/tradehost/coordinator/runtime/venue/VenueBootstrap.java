package io.tradehost.coordinator.runtime.venue;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginFactories;
import io.tradehost.api.host.PluginCalls;
import io.tradehost.api.host.PluginIsolation;
import io.tradehost.api.host.StartupException;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.host.VenueAccess;
import io.tradehost.api.time.Clock;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueFactory;
import io.tradehost.api.venue.VenueListener;
import io.tradehost.coordinator.runtime.RuntimeSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
/**
 * Finds the configured venue plugin, checks its credentials are in the environment, creates and
 * connects it, and checks that it lists every configured symbol. Every failure is a
 * {@link StartupException} (or {@link ConfigException}) that says what to fix. Kernel thread only.
 */
public final class VenueBootstrap implements VenueAccess {
    private final List<VenueFactory> factories;
    private final Map<String, String> environment;
    private final Clock clock;
    private final Scheduler scheduler;
    private final VenueListener listener;
    private final Path dataDirectory;
    private final PluginIsolation isolation;
    private final Map<Symbol, Product> products = new LinkedHashMap<>();
    private Map<Symbol, Product> listed = Map.of();
    private List<Symbol> symbols = List.of();
    private CountedVenue venue;
    private boolean derivatives = true;

    /**
     * @param factories every venue plugin found
     * @param environment where credentials are looked up, usually {@code System.getenv()}
     * @param clock the host's clock, handed to the venue
     * @param scheduler the host's timers, handed to the venue
     * @param listener where the venue reports
     * @param dataDirectory the host's data directory; the venue gets {@code venue-<name>} inside it
     *     for its own state; null for none
     * @param isolation how the venue plugin runs: inline, or isolated (every call and every timer
     *     task of the venue on its worker, within the venue's call budget; see {@link IsolatedVenue})
     */
    public VenueBootstrap(List<VenueFactory> factories, Map<String, String> environment, Clock clock,
                          Scheduler scheduler, VenueListener listener, Path dataDirectory,
                          PluginIsolation isolation) {
        this.factories = List.copyOf(factories);
        this.environment = Map.copyOf(environment);
        this.clock = clock;
        this.scheduler = scheduler;
        this.listener = listener;
        this.dataDirectory = dataDirectory;
        this.isolation = isolation;
    }

    /** A bootstrap that gives the venue no data directory and runs it inline. */
    public VenueBootstrap(List<VenueFactory> factories, Map<String, String> environment, Clock clock,
                          Scheduler scheduler, VenueListener listener) {
        this(factories, environment, clock, scheduler, listener, null, PluginIsolation.inline());
    }

    /** Bootstraps the venue named in {@code settings}. */
    public void bootstrap(RuntimeSettings settings) {
        String name = settings.venue();
        this.derivatives = settings.derivatives();
        PluginCalls calls = isolation.calls("venue", name, "");
        Scheduler timers = calls.isolated() ? new IsolatedScheduler(scheduler, calls, name) : scheduler;
        Venue plugin = PluginFactories.create("venue", "venue.name", name, factories, VenueFactory::name,
                settings.venueConfig(), (factory, config) -> {
                    VenueContext context = new VenueContext(clock, timers, listener, credentials(factory),
                            settings.seed(), dataDirectory == null ? null : dataDirectory.resolve("venue-" + name),
                            settings.symbols());
                    return calls.start(() -> factory.create(config, context), "venue '" + name + "'");
                });
        CountedVenue created = new CountedVenue(calls.isolated() ? new IsolatedVenue(plugin, calls, name) : plugin);
        try {
            created.connect();
            Map<Symbol, Product> all = new LinkedHashMap<>();
            created.products().forEach(p -> all.put(p.symbol(), p));
            listed = Collections.unmodifiableMap(all);
            for (Symbol symbol : settings.symbols()) {
                Product product = listed.get(symbol);
                if (product == null) {
                    throw new ConfigException("host.symbols", "venue '" + name + "' does not list "
                            + symbol + " (it lists: " + String.join(", ", listed.keySet().stream().map(Symbol::value)
                            .toList()) + ")");
                }
                if (product.isPerpetual() && !settings.derivatives()) {
                    throw new ConfigException("host.symbols", symbol + " is a perpetual on venue '" + name
                            + "' and host.derivatives is false (the spot profile trades spot products only)");
                }
                products.put(symbol, product);
            }
        } catch (ConfigException e) {
            created.close();
            throw e;
        } catch (VenueException e) {
            created.close();
            throw new StartupException("could not connect to venue '" + name + "': " + e.getMessage()
                    + " [" + e.code() + "]", e);
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            created.close();
            throw new StartupException("venue '" + name + "' failed to connect: " + Throwables.describe(e), e);
        }
        this.symbols = List.copyOf(products.keySet());
        this.venue = created;
    }

    private Map<String, String> credentials(VenueFactory factory) {
        List<String> missing = new ArrayList<>();
        Map<String, String> found = new LinkedHashMap<>();
        for (String name : factory.requiredCredentials()) {
            String value = environment.get(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            } else {
                found.put(name, value);
            }
        }
        for (String name : factory.optionalCredentials()) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                found.put(name, value);
            }
        }
        if (!missing.isEmpty()) {
            throw new StartupException("venue '" + factory.name() + "' needs credentials: set the environment variable"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
        }
        return found;
    }

    /** Whether a venue is connected. */
    public boolean isConnected() {
        return venue != null;
    }

    @Override
    public Venue venue() {
        if (venue == null) {
            throw new IllegalStateException("the venue is not bootstrapped yet");
        }
        return venue;
    }

    @Override
    public List<Symbol> symbols() {
        return symbols;
    }

    /**
     * Trades {@code added} too, as a reloaded configuration asks: each must be a product the venue
     * listed at bootstrap (and no perpetual when derivatives are off). All or nothing. Kernel thread.
     *
     * @throws ConfigException naming {@code host.symbols} and the first symbol that cannot be traded
     */
    public void addSymbols(List<Symbol> added) {
        venue();
        for (Symbol symbol : added) {
            Product product = listed.get(symbol);
            if (product == null) {
                throw new ConfigException("host.symbols", "the venue does not list " + symbol + " (it lists: "
                        + String.join(", ", listed.keySet().stream().map(Symbol::value).toList()) + ")");
            }
            if (product.isPerpetual() && !derivatives) {
                throw new ConfigException("host.symbols", symbol + " is a perpetual and host.derivatives is false");
            }
        }
        added.forEach(symbol -> products.putIfAbsent(symbol, listed.get(symbol)));
        this.symbols = List.copyOf(products.keySet());
    }

    /** Every product the venue listed at bootstrap, traded or not, in its order; empty before. */
    public Map<Symbol, Product> listedProducts() {
        return listed;
    }

    @Override
    public Product product(Symbol symbol) {
        Product p = products.get(symbol);
        if (p == null) {
            throw new IllegalArgumentException("the host does not trade " + symbol);
        }
        return p;
    }

    /**
     * The venue as its plugin (or the isolation around it) made it, without the host's call
     * counting: for tests and tools that need the plugin's own type.
     */
    public Venue plugin() {
        venue();
        return venue.inner();
    }

    /** The host's calls into the venue so far; none before bootstrap. */
    public VenueCallCounts callCounts() {
        return venue == null ? VenueCallCounts.NONE : venue.counts();
    }

    /** Closes the venue, if one was connected. */
    public void close() {
        if (venue != null) {
            venue.close();
        }
    }
}
