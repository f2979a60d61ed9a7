package io.tradehost.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What the API serves that does not change during a run, prepared by the host. Immutable.
 *
 * @param guards the guard chain and runtime guards with their settings ({@code /api/v1/guards})
 * @param plugins every plugin found, as {@code tradehost plugins --json} lists them ({@code /api/v1/plugins})
 * @param config the effective configuration with every secret masked ({@code /api/v1/config})
 */
public record AdminDocuments(JsonNode guards, JsonNode plugins, JsonNode config) {
    public AdminDocuments {
        Objects.requireNonNull(guards, "guards");
        Objects.requireNonNull(plugins, "plugins");
        Objects.requireNonNull(config, "config");
    }
}
