package io.tradehost.api.guard;

import io.tradehost.api.config.PluginConfig;
import java.util.List;

/**
 * A guard plugin, found with {@link java.util.ServiceLoader}: declare it with
 * {@code provides io.tradehost.api.guard.GuardFactory with ...}. Public no-argument constructor.
 */
public interface GuardFactory {
    /** A unique, stable name used in configuration, e.g. {@code kill-switch}. */
    String name();

    /** One line saying what the guard checks and what trips it. */
    String description();

    /** Its configuration keys with their defaults, e.g. {@code max=25000}, for {@code tradehost guards}. */
    default List<String> keys() {
        return List.of();
    }

    /**
     * The guard, configured from its block.
     *
     * @throws io.tradehost.api.config.ConfigException if the configuration is invalid
     */
    Guard create(PluginConfig config);
}
