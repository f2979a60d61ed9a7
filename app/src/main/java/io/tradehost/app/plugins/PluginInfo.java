package io.tradehost.app.plugins;

import java.util.List;
import java.util.Objects;

/**
 * What {@code tradehost plugins} shows of one plugin, loaded or refused. Immutable.
 *
 * @param kind {@code strategy}, {@code guard}, {@code runtime-guard}, {@code venue}, or {@code plugin}
 *     when refused before its kind was known
 * @param name the name configuration uses, or the file name when refused before it was known
 * @param description one line from the plugin; empty when refused
 * @param module the JPMS module, or empty when unknown
 * @param version the module's version, or {@code unversioned}
 * @param origin {@code image} for modules linked into the runtime image, else the jar or directory
 * @param status {@code loaded} or {@code refused}
 * @param reason why it was refused; empty when loaded
 * @param dropIn whether it came from a plugin folder (rather than the host's own modules)
 * @param sha256 the SHA-256 of its plugin-folder entry (see {@link EntryHash}); empty for built-ins
 * @param bundled the other modules its plugin-folder entry carries (a bundle folder's libraries), by
 *     module name; empty for a single jar, an exploded module and the built-ins
 */
public record PluginInfo(String kind, String name, String description, String module, String version,
                         String origin, String status, String reason, boolean dropIn, String sha256,
                         List<Bundled> bundled) {
    /** Status of a plugin the host uses. */
    public static final String LOADED = "loaded";
    /** Status of a plugin the host refused. */
    public static final String REFUSED = "refused";

    /**
     * One module a bundle folder carries besides the plugin module: a library in the plugin's own layer.
     *
     * @param module its module name (for an automatic module, the name derived from its file name or
     *     its {@code Automatic-Module-Name})
     * @param version the module's version (for an automatic module, taken from its file name), or
     *     {@code unversioned}
     * @param file where it lies, relative to the bundle folder, with {@code /}
     * @param automatic whether it is an automatic module (a plain jar without a module descriptor)
     */
    public record Bundled(String module, String version, String file, boolean automatic) {
        public Bundled {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(file, "file");
        }
    }

    public PluginInfo {
        bundled = List.copyOf(bundled);
    }

    /** A plugin that bundles nothing besides its own module. */
    public PluginInfo(String kind, String name, String description, String module, String version, String origin,
                      String status, String reason, boolean dropIn, String sha256) {
        this(kind, name, description, module, version, origin, status, reason, dropIn, sha256, List.of());
    }

    /** A refusal of the drop-in entry {@code origin} before anything about its contents was known. */
    public static PluginInfo refused(String origin, String name, String module, String version, String reason,
                                     String sha256) {
        return new PluginInfo("plugin", name, "", module, version, origin, REFUSED, reason, true, sha256);
    }

    /** This plugin, refused for {@code why}. */
    public PluginInfo refuse(String why) {
        return new PluginInfo(kind, name, description, module, version, origin, REFUSED, why, dropIn, sha256,
                bundled);
    }

    /** This plugin, carrying {@code modules} beside its own. */
    public PluginInfo withBundled(List<Bundled> modules) {
        return new PluginInfo(kind, name, description, module, version, origin, status, reason, dropIn, sha256,
                modules);
    }

    public boolean isLoaded() {
        return LOADED.equals(status);
    }
}
