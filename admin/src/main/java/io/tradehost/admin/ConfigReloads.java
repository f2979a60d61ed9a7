package io.tradehost.admin;

import io.tradehost.api.event.ConfigReloaded;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the host to reload its configuration ({@code POST /api/v1/config/reload}). Thread-safe:
 * called on the server's threads.
 */
@FunctionalInterface
public interface ConfigReloads {
    /**
     * @param actor who asked, e.g. {@code api@127.0.0.1}
     * @return completed with what the host did once the kernel has decided
     */
    CompletableFuture<ConfigReloaded> reload(String actor);
}
