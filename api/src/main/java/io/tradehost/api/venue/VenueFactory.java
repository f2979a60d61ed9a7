package io.tradehost.api.venue;

import io.tradehost.api.config.PluginConfig;
import java.util.List;

/**
 * A venue plugin, found with {@link java.util.ServiceLoader}: declare it with
 * {@code provides io.tradehost.api.venue.VenueFactory with ...}. Public no-argument constructor.
 */
public interface VenueFactory {
    /** A unique, stable name used in configuration, e.g. {@code paper}. */
    String name();

    /** One line saying what venue this is. */
    String description();

    /** Names of the environment variables this venue needs (API key, secret); empty if none. */
    List<String> requiredCredentials();

    /**
     * Names of environment variables the venue reads when they are set and otherwise finds another
     * way (e.g. a credentials file named in its configuration); the venue itself says what is missing.
     */
    default List<String> optionalCredentials() {
        return List.of();
    }

    /**
     * Whether this venue only simulates a market (no real money, no network to a real exchange):
     * the {@code dev} profile refuses every venue that does not say so.
     */
    default boolean simulated() {
        return false;
    }

    /**
     * An unconnected venue.
     *
     * @throws io.tradehost.api.config.ConfigException if the configuration is invalid
     */
    Venue create(PluginConfig config, VenueContext context);
}
