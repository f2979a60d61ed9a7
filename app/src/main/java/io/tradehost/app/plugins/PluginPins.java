package io.tradehost.app.plugins;

import java.util.Map;
import java.util.Objects;
/**
 * Which drop-in entries the operator allows to run: {@code plugins.pins} maps an entry's file name
 * to its {@link EntryHash SHA-256}. A pinned entry whose hash differs is always refused; with
 * {@code requirePinned} an entry without a pin is refused too. Immutable.
 *
 * @param pins SHA-256 (lower-case hex) by entry name, e.g. {@code mean-reversion-1.0.0.jar}
 * @param requirePinned whether unpinned entries are refused
 */
public record PluginPins(Map<String, String> pins, boolean requirePinned) {
    /** No pins, nothing required: every well-formed entry loads. */
    public static final PluginPins NONE = new PluginPins(Map.of(), false);

    public PluginPins {
        pins = Map.copyOf(Objects.requireNonNull(pins, "pins"));
    }

    /** Why the entry {@code name} with hash {@code sha256} must not load, or null if it may. */
    public String refusal(String name, String sha256) {
        String pinned = pins.get(name);
        if (pinned != null && !pinned.equalsIgnoreCase(sha256)) {
            return "its SHA-256 is " + sha256 + ", not the pinned " + pinned + " (plugins.pins): the file changed";
        }
        if (pinned == null && requirePinned) {
            return "it is not pinned and plugins.require_pinned is set: its SHA-256 is " + sha256
                    + " (pin it with plugins.pins.\"" + name + "\" = \"" + sha256 + "\")";
        }
        return null;
    }
}
