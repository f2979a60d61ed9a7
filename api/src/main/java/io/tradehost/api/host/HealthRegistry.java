package io.tradehost.api.host;

import java.util.List;

/** The health of every coordinator. Called on the kernel thread. */
@FunctionalInterface
public interface HealthRegistry {
    /** Each coordinator's health, in registration order. */
    List<Health> all();
}
