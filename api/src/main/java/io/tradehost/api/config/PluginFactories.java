package io.tradehost.api.config;

import io.tradehost.api.host.StartupException;
import io.tradehost.api.host.Throwables;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
/**
 * How the host turns a configured plugin name into a plugin: find the factory by name, create the
 * plugin with its configuration block, refuse keys the plugin did not read. One place, so every
 * kind of plugin (strategy, guard, runtime guard, venue) fails the same way: a
 * {@link ConfigException} naming the key for a name no plugin has, a misspelt key or a bad value; a
 * {@link StartupException} naming the plugin when its factory throws anything else (a
 * {@link StartupException} of its own passes as it is). Stateless.
 */
public final class PluginFactories {
    private PluginFactories() {
    }

    /**
     * The plugin {@code name} of {@code kind}, created from {@code block}.
     *
     * @param kind what the plugin is, for messages: {@code strategy}, {@code guard}, ...
     * @param key the configuration key that named it, e.g. {@code guards.order}
     * @param name the configured name
     * @param factories the factories found, in discovery order
     * @param nameOf a factory's name
     * @param block the plugin's configuration block
     * @param create creates the plugin from its factory and block
     * @throws ConfigException if no factory has the name, the block has a key the plugin did not read,
     *     or the plugin refused a value
     * @throws StartupException if the factory failed otherwise
     */
    public static <F, P> P create(String kind, String key, String name, List<F> factories, Function<F, String> nameOf,
                                  PluginConfig block, BiFunction<F, PluginConfig, P> create) {
        F factory = factories.stream().filter(f -> nameOf.apply(f).equals(name)).findFirst()
                .orElseThrow(() -> new ConfigException(key, "no " + kind + " plugin named '" + name + "' (found: "
                        + String.join(", ", factories.stream().map(nameOf).toList()) + ")"));
        P plugin;
        try {
            plugin = Objects.requireNonNull(create.apply(factory, block), "the factory returned null");
        } catch (ConfigException | StartupException e) {
            throw e;
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            throw new StartupException(kind + " '" + name + "' failed to start: " + Throwables.describe(e), e);
        }
        List<String> unread = block.unreadKeys();
        if (!unread.isEmpty()) {
            throw new ConfigException(unread.getFirst(), "unknown key for " + kind + " '" + name + "'");
        }
        return plugin;
    }
}
