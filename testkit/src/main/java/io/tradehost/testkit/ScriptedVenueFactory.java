package io.tradehost.testkit;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueFactory;
import java.util.List;

/** {@link ScriptedVenue#factory}: hands out its one venue, wiring the host's listener into it. */
final class ScriptedVenueFactory implements VenueFactory {
    private final String name;
    private final List<String> requiredCredentials;
    private final ScriptedVenue venue;

    ScriptedVenueFactory(String name, List<String> requiredCredentials, ScriptedVenue venue) {
        this.name = name;
        this.requiredCredentials = requiredCredentials;
        this.venue = venue;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "scripted test venue";
    }

    @Override
    public List<String> requiredCredentials() {
        return requiredCredentials;
    }

    /** Scripted answers never reach a market. */
    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public Venue create(PluginConfig config, VenueContext context) {
        venue.listener(context.listener());
        return venue;
    }
}
