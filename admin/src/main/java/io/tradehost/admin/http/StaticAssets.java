package io.tradehost.admin.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
/**
 * The dashboard's files, read from this module once at start and served from memory: only the
 * names listed here exist, so no request path can reach anything else. Immutable.
 */
final class StaticAssets {
    /** A file and its content type. */
    record Asset(byte[] content, String contentType) {
    }

    private static final String ROOT = "/io/tradehost/admin/dashboard/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "fleet.html", "text/html; charset=utf-8",
            "fleet.js", "text/javascript; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8",
            "vendor/uPlot.iife.min.js", "text/javascript; charset=utf-8",
            "vendor/uPlot.min.css", "text/css; charset=utf-8",
            "vendor/LICENSE", "text/plain; charset=utf-8");

    private final Map<String, Asset> assets;

    private StaticAssets(Map<String, Asset> assets) {
        this.assets = Map.copyOf(assets);
    }

    /**
     * Loads every file.
     *
     * @throws IllegalStateException if one is missing from the build (the chart library comes from its WebJar)
     */
    static StaticAssets load() {
        Map<String, Asset> loaded = new LinkedHashMap<>();
        FILES.forEach((name, type) -> {
            try (InputStream in = StaticAssets.class.getResourceAsStream(ROOT + name)) {
                if (in == null) {
                    throw new IllegalStateException("dashboard file " + name + " is missing from the build");
                }
                loaded.put(name, new Asset(in.readAllBytes(), type));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read dashboard file " + name, e);
            }
        });
        return new StaticAssets(loaded);
    }

    /** The asset named {@code name} (relative to the dashboard root), or null. */
    Asset get(String name) {
        return assets.get(name);
    }
}
