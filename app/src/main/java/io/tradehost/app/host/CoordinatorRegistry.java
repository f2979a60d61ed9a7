package io.tradehost.app.host;

import io.tradehost.api.host.Coordinator;
import io.tradehost.api.host.Health;
import io.tradehost.api.host.HealthRegistry;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.Throwables;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * The coordinators in their fixed order (runtime, execution, strategy, telemetry): initialised and
 * started in that order, stopped in reverse. If one fails to initialise or start, those already up
 * are stopped before the failure is rethrown. Kernel thread only.
 */
public final class CoordinatorRegistry implements HealthRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorRegistry.class);

    private final List<Coordinator> coordinators;
    private final List<Supplier<Health>> others;
    private final List<Coordinator> up = new ArrayList<>();

    /**
     * @param coordinators the coordinators in order
     * @param others the health of other components (the kernel), reported after the coordinators'
     */
    public CoordinatorRegistry(List<Coordinator> coordinators, List<Supplier<Health>> others) {
        this.coordinators = List.copyOf(coordinators);
        this.others = new CopyOnWriteArrayList<>(others);
    }

    public CoordinatorRegistry(List<Coordinator> coordinators) {
        this(coordinators, List.of());
    }

    /** Reports {@code health} too, after the others (e.g. the configuration's). */
    public void addHealth(Supplier<Health> health) {
        others.add(health);
    }

    /** The coordinators in order. */
    public List<Coordinator> coordinators() {
        return coordinators;
    }

    /** Initialises every coordinator in order; on failure stops those initialised and rethrows. */
    public void initialize() {
        for (Coordinator c : coordinators) {
            try {
                LOG.debug("initialising {}", c.name());
                c.initialize();
                up.add(c);
            } catch (RuntimeException | Error e) {
                LOG.debug("{} failed to initialise; stopping the {} already initialised", c.name(), up.size());
                stop();
                throw e;
            }
        }
    }

    /** Starts every coordinator in order; on failure stops all and rethrows. */
    public void start() {
        for (Coordinator c : coordinators) {
            try {
                c.start();
            } catch (RuntimeException | Error e) {
                stop();
                throw e;
            }
        }
        LOG.info("coordinators started: {}", coordinators.stream().map(Coordinator::name).toList());
    }

    /** Stops the initialised coordinators in reverse order; a failing stop is logged and the rest still stop. */
    public void stop() {
        stop(c -> { });
    }

    /**
     * Stops the initialised coordinators in reverse order, running {@code between} with each after its
     * stop (the host dispatches what a stop sent, such as a strategy's cancels, while those after it still
     * run).
     */
    public void stop(Consumer<Coordinator> between) {
        for (int i = up.size() - 1; i >= 0; i--) {
            Coordinator c = up.get(i);
            try {
                c.stop();
                between.accept(c);
            } catch (Throwable e) {
                Throwables.rethrowIfFatal(e);
                LOG.error("{} failed to stop cleanly", c.name(), e);
            }
        }
        up.clear();
    }

    @Override
    public List<Health> all() {
        List<Health> all = new ArrayList<>();
        for (Coordinator c : coordinators) {
            try {
                all.add(c.health());
            } catch (Throwable e) {
                Throwables.rethrowIfFatal(e);
                all.add(Health.of(c.name(), HealthStatus.UNHEALTHY, null,
                        "health check threw " + e));
            }
        }
        others.forEach(h -> all.add(h.get()));
        return all;
    }
}
