package io.tradehost.app.cli;

import io.tradehost.app.config.ConfigError;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.plugins.PluginLoader;
import io.tradehost.app.plugins.PluginPins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
/**
 * {@code --plugins DIR}, shared by {@code run} and {@code plugins}. Without it the host looks in
 * {@code plugins/} beside the runtime image, then in {@code plugins/} of the working directory.
 */
public final class PluginDirectoryOption {
    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Directory of drop-in plugins (default: plugins/ beside the image, then ./plugins)")
    private Path directory;

    /** Picocli instantiates it. */
    public PluginDirectoryOption() {
        // fields are injected by picocli
    }

    /**
     * The directories to load plugins from, in order.
     *
     * @throws ConfigError if {@code --plugins} names something that is not a directory
     */
    public List<Path> directories() {
        if (directory != null) {
            if (!Files.isDirectory(directory)) {
                throw new ConfigError("--plugins", "not a directory: " + directory);
            }
            return List.of(directory);
        }
        List<Path> found = new ArrayList<>();
        for (Path candidate : List.of(Path.of(System.getProperty("java.home"), "plugins"), Path.of("plugins"))) {
            if (Files.isDirectory(candidate) && found.stream().noneMatch(p -> same(p, candidate))) {
                found.add(candidate);
            }
        }
        return found;
    }

    /** The built-in plugins only: no drop-in is loaded. */
    public PluginCatalog builtIns() {
        return new PluginLoader(ModuleLayer.boot(), PluginPins.NONE).load(List.of());
    }

    /** The built-ins and every plugin of {@link #directories()}. */
    public PluginCatalog catalog() {
        return catalog(PluginPins.NONE);
    }

    /** The built-ins and the plugins of {@link #directories()} that {@code pins} allows. */
    public PluginCatalog catalog(PluginPins pins) {
        return new PluginLoader(ModuleLayer.boot(), pins).load(directories());
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
