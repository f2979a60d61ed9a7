package io.tradehost.coordinator.execution;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.config.PluginFactories;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.ValueOutOfRangeException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
/**
 * Pre-trade guards in configured order; the first rejection wins. A guard that throws anything
 * (an {@link Error} too, but for a failure of the JVM itself) or answers null fails closed with
 * {@link RejectionCode#GUARD_FAILURE}; one whose arithmetic leaves the value range rejects the order
 * with {@link RejectionCode#VALUE_OUT_OF_RANGE}, which is the order's fault, not the guard's.
 * Kernel thread only.
 */
public final class GuardChain {
    /** A guard with its configured name. */
    public record Named(String name, Guard guard) {
    }

    /** The outcome of a check: {@code guard} is the name of the rejecting guard, or null when allowed. */
    public record Outcome(String guard, GuardVerdict verdict) {
        public boolean allowed() {
            return verdict.allowed();
        }
    }

    private final List<Named> guards;

    public GuardChain(List<Named> guards) {
        this.guards = List.copyOf(guards);
    }

    /**
     * Creates the guards named in {@code order} from {@code factories}, each with its block.
     *
     * @throws ConfigException if a name has no plugin or a block has an unknown key
     */
    public static GuardChain create(List<GuardFactory> factories, List<String> order,
                                    Function<String, PluginConfig> configFor) {
        List<Named> guards = new ArrayList<>();
        for (String name : order) {
            guards.add(new Named(name, PluginFactories.create("guard", "guards.order", name, factories,
                    GuardFactory::name, configFor.apply(name), GuardFactory::create)));
        }
        return new GuardChain(guards);
    }

    /** Runs the guards in order until one rejects. */
    public Outcome check(OrderCheck check) {
        for (Named named : guards) {
            GuardVerdict verdict;
            try {
                verdict = named.guard().check(check);
            } catch (ValueOutOfRangeException e) {
                verdict = GuardVerdict.reject(RejectionCode.VALUE_OUT_OF_RANGE, "guard '" + named.name() + "': "
                        + e.getMessage());
            } catch (Throwable e) {
                Throwables.rethrowIfFatal(e);
                verdict = GuardVerdict.reject(RejectionCode.GUARD_FAILURE, "guard '" + named.name() + "' threw "
                        + Throwables.describe(e));
            }
            if (verdict == null) {
                verdict = GuardVerdict.reject(RejectionCode.GUARD_FAILURE, "guard '" + named.name()
                        + "' returned no verdict");
            }
            if (!verdict.allowed()) {
                return new Outcome(named.name(), verdict);
            }
        }
        return new Outcome(null, GuardVerdict.ALLOW);
    }

    /** Guard names in order. */
    public List<String> names() {
        return guards.stream().map(Named::name).toList();
    }
}
