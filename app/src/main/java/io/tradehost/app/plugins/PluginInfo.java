package io.tradehost.app.plugins;

/**
 * What {@code tradehost plugins} shows of one plugin. Immutable.
 *
 * @param kind {@code strategy}, {@code guard} or {@code venue}
 * @param name the name configuration uses
 * @param description one line from the plugin
 * @param module the JPMS module that provides it
 * @param version the module's version, or {@code unversioned}
 * @param origin {@code image} for modules linked into the runtime image, else the jar or directory
 */
public record PluginInfo(String kind, String name, String description, String module, String version,
                         String origin) {
}
