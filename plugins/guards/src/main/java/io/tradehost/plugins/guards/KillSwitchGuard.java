package io.tradehost.plugins.guards;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;
import java.util.List;

/** Rejects every order with {@code KILL_SWITCH} while {@code active} is set. Immutable. */
public final class KillSwitchGuard implements Guard {
    private final boolean active;

    public KillSwitchGuard(boolean active) {
        this.active = active;
    }

    @Override
    public GuardVerdict check(OrderCheck check) {
        return active ? GuardVerdict.reject("KILL_SWITCH", "kill switch is on: no order goes out") : GuardVerdict.ALLOW;
    }

    /** {@code kill-switch}: key {@code active} (false). */
    public static final class Factory implements GuardFactory {
        public Factory() {
            // stateless
        }

        @Override
        public String name() {
            return "kill-switch";
        }

        @Override
        public String description() {
            return "rejects every order while active = true";
        }

        @Override
        public List<String> keys() {
            return List.of("active=false");
        }

        @Override
        public Guard create(PluginConfig config) {
            return new KillSwitchGuard(config.bool("active", false));
        }
    }
}
