package io.tradehost.faults;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueFactory;
import java.util.List;
import java.util.SplittableRandom;

/** Wraps venue factories so that the venues they create inject the configured faults. */
public final class FaultInjection {
    private FaultInjection() {
    }

    /**
     * A factory with {@code factory}'s name whose venues inject {@code settings}' faults, drawn from
     * a generator seeded with {@code seed} (the same seed gives the same faults).
     */
    public static VenueFactory wrap(VenueFactory factory, FaultSettings settings, long seed) {
        return new VenueFactory() {
            @Override
            public String name() {
                return factory.name();
            }

            @Override
            public String description() {
                return factory.description() + " (with injected faults)";
            }

            @Override
            public List<String> requiredCredentials() {
                return factory.requiredCredentials();
            }

            @Override
            public List<String> optionalCredentials() {
                return factory.optionalCredentials();
            }

            @Override
            public boolean simulated() {
                return factory.simulated();
            }

            @Override
            public Venue create(PluginConfig config, VenueContext context) {
                SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
                FaultyListener listener = new FaultyListener(context.listener(), settings, random,
                        context.scheduler());
                Venue venue = factory.create(config, new VenueContext(context.clock(), context.scheduler(), listener,
                        context.credentials(), context.seed(), context.dataDirectory(), context.symbols()));
                return new FaultInjectingVenue(venue, listener, settings, random, context.scheduler());
            }
        };
    }
}
