package io.tradehost.coordinator.execution;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.config.PluginFactories;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;
import io.tradehost.api.host.PluginCalls.Outcome;
import io.tradehost.api.host.PluginCalls;
import io.tradehost.api.host.PluginIsolation;
import io.tradehost.api.host.StartupException;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.ValueOutOfRangeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * Pre-trade guards in configured order; the first rejection wins. Each guard is called through its
 * {@link PluginCalls} (inline, or isolated with a deadline). A guard that throws anything (but a
 * failure of the JVM itself), answers null, does not answer within its budget or is still busy
 * with an earlier check fails closed with {@link RejectionCode#GUARD_FAILURE}; one whose arithmetic
 * leaves the value range rejects the order with {@link RejectionCode#VALUE_OUT_OF_RANGE}, which is
 * the order's fault, not the guard's. Every guard also hears each cancel sent to the venue
 * ({@link #cancelSent}); one that fails on that notice fails closed at its next check. Kernel thread
 * only.
 */
public final class GuardChain {
    private static final Logger LOG = LoggerFactory.getLogger(GuardChain.class);

    /** A guard with its configured name and how it is called. */
    public record Named(String name, Guard guard, PluginCalls calls) {
        /** A guard called inline, untimed: for tests and trusted guards. */
        public Named(String name, Guard guard) {
            this(name, guard, PluginCalls.inline(() -> 0L, Duration.ofDays(1)));
        }
    }

    /** The outcome of a check: {@code guard} is the name of the rejecting guard, or null when allowed. */
    public record Result(String guard, GuardVerdict verdict) {
        public boolean allowed() {
            return verdict.allowed();
        }
    }

    private final List<Named> guards;
    /** By guard name: how a guard failed on a cancel notice, until its next check fails closed for it. */
    private final Map<String, String> missedCancels = new HashMap<>();

    public GuardChain(List<Named> guards) {
        this.guards = List.copyOf(guards);
    }

    /**
     * Creates the guards named in {@code order} from {@code factories}, each with its block and its
     * calls (an isolated guard's factory runs on its worker too).
     *
     * @throws ConfigException if a name has no plugin or a block has an unknown key
     * @throws StartupException if a factory fails or does not return in time
     */
    public static GuardChain create(List<GuardFactory> factories, List<String> order,
                                    Function<String, PluginConfig> configFor, PluginIsolation isolation) {
        List<Named> guards = new ArrayList<>();
        for (String name : order) {
            PluginCalls calls = isolation.calls("guard", name, "");
            Guard guard = PluginFactories.create("guard", "guards.order", name, factories, GuardFactory::name,
                    configFor.apply(name), (factory, config) -> calls.start(
                            () -> factory.create(config), "guard '" + name + "'"));
            guards.add(new Named(name, guard, calls));
        }
        return new GuardChain(guards);
    }

    /**
     * The chain a reloaded configuration asks for: the guards of {@code order}, each kept from this
     * chain (with its state, e.g. an order-rate window) unless it is new or its block is in
     * {@code changed}, when it is created afresh. Guards left out or replaced stop their workers.
     *
     * @throws ConfigException if a name has no plugin or a block has an unknown key; this chain is then unchanged
     * @throws StartupException if a factory fails or does not return in time
     */
    public GuardChain rebuild(List<GuardFactory> factories, List<String> order, Function<String, PluginConfig> configFor,
                              Set<String> changed, PluginIsolation isolation) {
        Map<String, Named> current = new HashMap<>();
        guards.forEach(g -> current.put(g.name(), g));
        List<String> fresh = order.stream().filter(n -> !current.containsKey(n) || changed.contains(n)).toList();
        Map<String, Named> created = new HashMap<>();
        create(factories, fresh, configFor, isolation).guards.forEach(g -> created.put(g.name(), g));
        List<Named> next = new ArrayList<>();
        for (String name : order) {
            next.add(created.containsKey(name) ? created.get(name) : current.get(name));
        }
        for (Named old : guards) {
            if (!next.contains(old)) {
                old.calls().close();
            }
        }
        GuardChain chain = new GuardChain(next);
        missedCancels.forEach((name, failure) -> {
            if (order.contains(name) && !created.containsKey(name)) {
                chain.missedCancels.put(name, failure);
            }
        });
        return chain;
    }

    /**
     * Runs the guards in order until one rejects. A guard that failed on a cancel notice since its last
     * check is not asked: it rejects with {@link RejectionCode#GUARD_FAILURE}, once.
     */
    public Result check(OrderCheck check) {
        for (Named named : guards) {
            String missed = missedCancels.remove(named.name());
            GuardVerdict verdict = missed != null ? GuardVerdict.reject(RejectionCode.GUARD_FAILURE, "guard '"
                    + named.name() + "' may have missed a cancel: it " + missed)
                    : verdict(named, named.calls().call(() -> named.guard().check(check)));
            if (!verdict.allowed()) {
                return new Result(named.name(), verdict);
            }
        }
        return new Result(null, GuardVerdict.ALLOW);
    }

    /**
     * Tells every guard, in order, that execution asked the venue to cancel {@code order} at
     * {@code nowNanos} ({@link Guard#onCancelSent}). Nothing refuses the cancel; a guard that throws,
     * does not return within its budget or is still busy with an earlier call may have missed it, so its
     * next check fails closed.
     */
    public void cancelSent(OrderRequest order, long nowNanos) {
        for (Named named : guards) {
            Outcome<Void> outcome = named.calls().call(() -> {
                named.guard().onCancelSent(order, nowNanos);
                return null;
            });
            String failure = switch (outcome) {
                case Outcome.Returned<Void> r -> null;
                case Outcome.Threw<Void> t -> "threw " + Throwables.describe(t.error());
                case Outcome.Late<Void> l -> "did not answer within its budget of "
                        + named.calls().budget().toMillis() + " ms";
                case Outcome.Busy<Void> b -> "was still busy with an earlier call";
            };
            if (failure != null) {
                LOG.warn("guard '{}' {} when told of the cancel of {}; its next check fails closed", named.name(),
                        failure, order.clientOrderId());
                missedCancels.put(named.name(), failure);
            }
        }
    }

    private static GuardVerdict verdict(Named named, Outcome<GuardVerdict> outcome) {
        String guard = "guard '" + named.name() + "'";
        return switch (outcome) {
            case Outcome.Returned<GuardVerdict> r when r.value() != null -> r.value();
            case Outcome.Returned<GuardVerdict> r -> GuardVerdict.reject(RejectionCode.GUARD_FAILURE, guard
                    + " returned no verdict");
            case Outcome.Threw<GuardVerdict> t when t.error() instanceof ValueOutOfRangeException e ->
                    GuardVerdict.reject(RejectionCode.VALUE_OUT_OF_RANGE, guard + ": " + e.getMessage());
            case Outcome.Threw<GuardVerdict> t -> GuardVerdict.reject(RejectionCode.GUARD_FAILURE, guard + " threw "
                    + Throwables.describe(t.error()));
            case Outcome.Late<GuardVerdict> l -> GuardVerdict.reject(RejectionCode.GUARD_FAILURE, guard
                    + " did not answer within its budget of " + named.calls().budget().toMillis() + " ms");
            case Outcome.Busy<GuardVerdict> b -> GuardVerdict.reject(RejectionCode.GUARD_FAILURE, guard
                    + " is still busy with an earlier check (" + b.runningNanos() / 1_000_000 + " ms)");
        };
    }

    /** The guards with their names and calls, in order. */
    public List<Named> named() {
        return guards;
    }

    /** Guard names in order. */
    public List<String> names() {
        return guards.stream().map(Named::name).toList();
    }
}
