package io.tradehost.app.plugins;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** Every plugin found, as JSON: what {@code tradehost plugins --json} prints and {@code /api/v1/plugins} serves. */
public final class PluginListing {
    private PluginListing() {
    }

    /**
     * One object per plugin, loaded or refused, with how a loaded one runs and, in {@code bundled},
     * the other modules its plugin-folder entry carries ({@code module}, {@code version}, {@code file},
     * {@code automatic}; empty for a single jar and the built-ins).
     */
    public static ArrayNode toJson(PluginCatalog catalog, IsolationPolicy isolation) {
        ArrayNode list = new ObjectMapper().createArrayNode();
        for (PluginInfo p : catalog.describe()) {
            ObjectNode n = list.addObject();
            n.put("kind", p.kind());
            n.put("name", p.name());
            n.put("module", p.module());
            n.put("version", p.version());
            n.put("origin", p.origin());
            n.put("status", p.status());
            n.put("reason", p.reason());
            n.put("description", p.description());
            n.put("dropIn", p.dropIn());
            n.put("sha256", p.sha256());
            n.put("isolation", p.isLoaded() ? isolation.mode(p.kind(), p.name()).name().toLowerCase(Locale.ROOT) : "");
            ArrayNode bundled = n.putArray("bundled");
            for (PluginInfo.Bundled b : p.bundled()) {
                ObjectNode module = bundled.addObject();
                module.put("module", b.module());
                module.put("version", b.version());
                module.put("file", b.file());
                module.put("automatic", b.automatic());
            }
        }
        return list;
    }
}
