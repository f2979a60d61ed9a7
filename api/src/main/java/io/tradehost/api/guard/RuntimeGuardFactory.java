package io.tradehost.api.guard;

import io.tradehost.api.config.PluginConfig;
import java.util.List;

/**
 * A runtime guard plugin, found with {@link java.util.ServiceLoader}: declare it with
 * {@code provides io.tradehost.api.guard.RuntimeGuardFactory with ...}. Public no-argument constructor.
 */
public interface RuntimeGuardFactory {
    /** A unique, stable name used in configuration, e.g. {@code daily-loss}. */
    String name();

    /** One line saying what the guard watches, what it does when tripped and how that clears. */
    String description();

    /** Its configuration keys with their defaults, e.g. {@code max_loss=100}, for {@code tradehost guards}. */
    List<String> keys();

    /**
     * The guard, configured from its block.
     *
     * @throws io.tradehost.api.config.ConfigException if the configuration is invalid
     */
    RuntimeGuard create(PluginConfig config, RuntimeGuardContext context);
}
